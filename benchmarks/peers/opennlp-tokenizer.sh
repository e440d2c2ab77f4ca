#!/usr/bin/env bash
# Times Apache OpenNLP's sentence detector + tokenizer (the 1.5 English models that ../shared/peers installs) on
# the same ~1 MB text our TokenizerBenchmarks use: the committed seed articles concatenated to 2^20 characters.
# Usage: [CHARS=N] benchmarks/peers/opennlp-tokenizer.sh [RUNS]   (CHARS: input size, default 2^20; prints tokens, seconds and tokens/s per run, then the median)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${SHARED_DIR:-$repo/../shared}"
if [ ! -d "$shared/peers" ]; then
  echo "error: $shared/peers not found: this script needs ../shared beside the repository (or SHARED_DIR)." >&2
  exit 2
fi
source "$shared/peers/env.sh"
if [ ! -s "$OPENNLP_MODELS/en-token.bin" ] || ! command -v opennlp >/dev/null; then
  echo "Installing the peers with $shared/peers/setup.sh ..." >&2
  bash "$shared/peers/setup.sh" >&2
fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
python3 - "$repo/benchmarks/corpus/seeds" "$work/input.txt" <<'PY'
import sys, glob, os
files = sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))
parts, n = [], 0
while n < int(os.environ.get("CHARS", 1 << 20)):
    for f in files:
        t = open(f, encoding="utf-8").read() + "\n\n"
        parts.append(t); n += len(t)
open(sys.argv[2], "w", encoding="utf-8").write("".join(parts))
PY
runs="${1:-5}"
rates=()
for i in $(seq "$runs"); do
  s=$(date +%s.%N)
  sed G "$work/input.txt" | opennlp SentenceDetector "$OPENNLP_MODELS/en-sent.bin" 2>/dev/null \
    | opennlp TokenizerME "$OPENNLP_MODELS/en-token.bin" 2>/dev/null > "$work/out.tok"
  e=$(date +%s.%N)
  toks=$(wc -w < "$work/out.tok")
  rate=$(awk -v t="$toks" -v s="$s" -v e="$e" 'BEGIN{printf "%.0f", t/(e-s)}')
  rates+=("$rate")
  awk -v t="$toks" -v s="$s" -v e="$e" -v r="$rate" 'BEGIN{printf "run: %d tokens in %.2f s = %d tokens/s (2 JVM starts included)\n", t, e-s, r}'
done
printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END{printf "median: %d tokens/s over %d runs\n", a[int((NR+1)/2)], NR}'
