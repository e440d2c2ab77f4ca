#!/usr/bin/env bash
# Start-up of the command-line tool (issue 18): wall time and peak resident memory of one `extract` of a seed article,
# from process start to exit, for one or more builds of the CLI, run alternately so that the machine's drift hits each
# build alike. Prints every run, then the median wall time and the median peak RSS per build.
#
#   benchmarks/startup/cli-startup.sh RUNS CLI_DLL [CLI_DLL...]
#
# e.g. (this build beside the previous commit in a git worktree, both built with `dotnet build src/EntityGraph.Cli -c Release`):
#   benchmarks/startup/cli-startup.sh 7 src/EntityGraph.Cli/bin/Release/net10.0/EntityGraph.Cli.dll \
#       ../wt-prev/src/EntityGraph.Cli/bin/Release/net10.0/EntityGraph.Cli.dll
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="$1"; shift
article=benchmarks/corpus/seeds/000_02c660931d4fc233.txt
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for ((i = 1; i <= runs; i++)); do
  for dll in "$@"; do
    /usr/bin/time -f "%e %M" -o "$results.one" dotnet "$dll" extract "$article" --format brat > /dev/null
    read -r wall rss < "$results.one"
    echo "$dll $wall $rss" | tee -a "$results"
  done
done
rm -f "$results.one"
echo "median per build (wall s, peak RSS MB):"
for dll in "$@"; do
  wall=$(grep -F "$dll " "$results" | awk '{print $2}' | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}')
  rss=$(grep -F "$dll " "$results" | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {printf "%.0f", v[int((NR + 1) / 2)] / 1024}')
  echo "$dll  $wall s  $rss MB  ($runs runs)"
done
