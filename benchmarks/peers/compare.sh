#!/usr/bin/env bash
# Side-by-side with peers (OpenNLP, compromise) on the same texts; writes benchmarks/results/peers.md.
#   accuracy: OpenNLP's name finder trained on CoNLL-2003 eng.train and scored on eng.testb with its own evaluator;
#             compromise scored on eng.testb by ../shared/peers/compromise-conll03-eval.cjs; ours by the accuracy
#             harness (conlleval-equivalent, NER run on the gold tokens).
#   speed:    the two seed articles concatenated 200 times (same file for everyone).
# Needs ../shared (peers/ and data/) beside the repository, or SHARED_DIR=/path/to/shared.
# Usage: benchmarks/peers/compare.sh      (about 3 minutes on 2 cores; installs peers into /tmp/peers if missing)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${SHARED_DIR:-}"
if [ -z "$SHARED" ]; then
  d="$REPO"
  while [ "$d" != "/" ]; do
    if [ -d "$d/shared/peers" ] && [ -d "$d/shared/data" ]; then SHARED="$d/shared"; break; fi
    d="$(dirname "$d")"
  done
fi
if [ -z "$SHARED" ] || [ ! -f "$SHARED/peers/env.sh" ] || [ ! -d "$SHARED/data/conll2003" ]; then
  echo "compare.sh: cannot find ../shared with peers/ and data/conll2003/ above $REPO." >&2
  echo "  The peers and CoNLL-2003 are not part of the repository; set SHARED_DIR=/path/to/shared." >&2
  exit 2
fi
PEERS="$SHARED/peers"; DATA="$SHARED/data"
# shellcheck source=/dev/null
source "$PEERS/env.sh"
command -v opennlp >/dev/null && [ -s "$OPENNLP_MODELS/en-sent.bin" ] && [ -d "$PEERS_JS/node_modules/compromise" ] || bash "$PEERS/setup.sh"
TRAIN="$DATA/conll2003/train.txt"; TEST="$DATA/conll2003/test.txt"
OUT="$PEERS_DIR/compare"; mkdir -p "$OUT"
MODEL="$PEERS_DIR/opennlp/ner-conll2003-train.bin"
BIG="$(big_input 200)"
WORDS=$(wc -w < "$BIG")
MIB=$(awk -v b="$(wc -c < "$BIG")" 'BEGIN{printf "%.2f", b/1048576}')
OPENNLP_VERSION="$(opennlp 2>&1 | head -1 | awk '{print $2}' | sed 's/\.$//')"

echo "== OpenNLP $OPENNLP_VERSION: train on eng.train (perceptron, defaults), evaluate on eng.testb"
if [ ! -s "$MODEL" ]; then
  opennlp TokenNameFinderTrainer.conll03 -lang eng -types per,loc,org,misc -encoding UTF-8 -data "$TRAIN" -model "$MODEL" > "$OUT/opennlp-train.log" 2>&1
fi
opennlp TokenNameFinderEvaluator.conll03 -lang eng -types per,loc,org,misc -encoding UTF-8 -model "$MODEL" -data "$TEST" > "$OUT/opennlp-eval.log" 2>&1
grep -E 'TOTAL|precision' "$OUT/opennlp-eval.log" | sed 's/^/  /'
# lines like "         per: precision:   88.70%;  recall:   ...; F1:   88.71%."
onlp_f1() { grep -iE "^ *$1: precision" "$OUT/opennlp-eval.log" | sed -E 's/.*F1: *([0-9.]+)%.*/\1/' | head -1; }
onlp_p() { grep -E "^ *TOTAL: precision" "$OUT/opennlp-eval.log" | sed -E 's/.*precision: *([0-9.]+)%.*/\1/'; }
onlp_r() { grep -E "^ *TOTAL: precision" "$OUT/opennlp-eval.log" | sed -E 's/.*recall: *([0-9.]+)%.*/\1/'; }

echo "== OpenNLP speed on seeds x200 ($MIB MiB): SentenceDetector | TokenizerME (1.5 models), then TokenNameFinder (CoNLL model)"
s=$(date +%s.%N)
sed G "$BIG" | opennlp SentenceDetector "$OPENNLP_MODELS/en-sent.bin" 2>/dev/null | opennlp TokenizerME "$OPENNLP_MODELS/en-token.bin" 2>/dev/null > "$OUT/big.tok"
m=$(date +%s.%N)
opennlp TokenNameFinder "$MODEL" < "$OUT/big.tok" > "$OUT/big.ner" 2>/dev/null
e=$(date +%s.%N)
ONLP_TOKENS=$(wc -w < "$OUT/big.tok")
read -r ONLP_TOK_TPS ONLP_NER_TPS ONLP_ALL_TPS ONLP_ALL_WPS < <(awk -v s="$s" -v m="$m" -v e="$e" -v t="$ONLP_TOKENS" -v w="$WORDS" \
  'BEGIN{printf "%.0f %.0f %.0f %.0f\n", t/(m-s), t/(e-m), t/(e-s), w/(e-s)}')
echo "  $ONLP_TOKENS tokens; sent+tok $ONLP_TOK_TPS tokens/s, NER $ONLP_NER_TPS tokens/s, total $ONLP_ALL_TPS tokens/s ($ONLP_ALL_WPS words/s), JVM starts included"

echo "== compromise on eng.testb (PER/LOC/ORG, string match per sentence)"
node "$PEERS/compromise-conll03-eval.cjs" "$TEST" > "$OUT/compromise-eval.log" 2>&1
sed 's/^/  /' "$OUT/compromise-eval.log"
COMPROMISE_VERSION="$(head -1 "$OUT/compromise-eval.log" | awk '{print $2}')"
comp_f1() { grep -E "^ *$1: " "$OUT/compromise-eval.log" | sed -E 's/.*F1 ([0-9.]+).*/\1/' | head -1; }
comp_all() { grep -E "PER\+LOC\+ORG" "$OUT/compromise-eval.log" | sed -E "s/.* $1 ([0-9.]+).*/\1/"; }
echo "== compromise speed on seeds x200 (each seed as its own document)"
node "$PEERS/compromise-ner.cjs" --bench 200 "$SEEDS_DIR"/*.txt > "$OUT/compromise-bench.log" 2>&1
sed 's/^/  /' "$OUT/compromise-bench.log"
COMP_TPS=$(grep -E '^throughput' "$OUT/compromise-bench.log" | sed -E 's/throughput: ([0-9]+) terms.*/\1/')
COMP_WPS=$(grep -E '^throughput' "$OUT/compromise-bench.log" | sed -E 's/.* ([0-9]+) words\/s.*/\1/')

echo "== EntityGraph (this repository): accuracy harness on eng.testb, then throughput on seeds x200"
cd "$REPO"
dotnet build -c Release benchmarks/EntityGraph.Benchmarks -nologo -v q > "$OUT/ours-build.log" 2>&1 || { cat "$OUT/ours-build.log"; exit 1; }
HARNESS=(dotnet run -c Release --no-build --project benchmarks/EntityGraph.Benchmarks --)
"${HARNESS[@]}" accuracy --data "$DATA" --only conll2003 --out "$OUT/ours" > "$OUT/ours-accuracy.log" 2>&1
"${HARNESS[@]}" peers-input "$BIG" 5 > "$OUT/ours-speed.log" 2>&1
sed 's/^/  /' "$OUT/ours-speed.log"
OURS_TPS=$(grep -E '^tokens/s' "$OUT/ours-speed.log" | awk '{print $2}')
OURS_WPS=$(grep -E '^words/s' "$OUT/ours-speed.log" | awk '{print $2}')
OURS_NER_TPS=$(grep -E '^tagger\+ner tokens/s' "$OUT/ours-speed.log" | awk '{print $3}')
NER_RATIO=$(awk -v a="$OURS_NER_TPS" -v b="$ONLP_NER_TPS" 'BEGIN{printf "%.1f", a/b}')
OURS_STAGES=$(head -1 "$OUT/ours-speed.log" | sed -E 's/^entitygraph ([^:]*):.*/\1/')
ours_f1() { # F1 of a harness row ("NER (conlleval)" or "NER PER"), or the row's note (n/a (no stage))
  python3 - "$OUT/ours/accuracy.json" "$1" <<'PY'
import json, sys
rows = [r for r in json.load(open(sys.argv[1]))["rows"] if r.get("corpus") == "conll2003"]
row = next((r for r in rows if r.get("task") == sys.argv[2]), None)
if row is None:
    row = next((r for r in rows if r.get("task") == "NER (conlleval)"), {})
print(f'{100 * row["f1"]:.2f}' if row.get("f1") is not None else (row.get("note") or "n/a"))
PY
}
OURS_ALL=$(ours_f1 "NER (conlleval)")

DATE="$(date -u +%Y-%m-%d)"
RESULTS="$REPO/benchmarks/results/peers.md"
cat > "$RESULTS" <<MD
# EntityGraph and peers, side by side

Made by \`benchmarks/peers/compare.sh\` on $DATE (UTC), $(nproc) cores, $(uname -sm).
Accuracy: CoNLL-2003 eng.testb ($(basename "$TEST") in ../shared/data/conll2003). Speed: the two seed articles
concatenated 200 times ($MIB MiB, $WORDS whitespace words), the same file for every system; one run each, wall clock,
JVM and node start-up included for the peers: indicative, not a BenchmarkDotNet measurement.

| system | PER F1 | LOC F1 | ORG F1 | MISC F1 | overall P / R / F1 | scored by | tokens/s (own tokens) | words/s |
|---|---:|---:|---:|---:|---:|---|---:|---:|
| EntityGraph ($OURS_STAGES) | $(ours_f1 "NER PER") | $(ours_f1 "NER LOC") | $(ours_f1 "NER ORG") | $(ours_f1 "NER MISC") | $OURS_ALL | conlleval-equivalent, gold tokens | $OURS_TPS | $OURS_WPS |
| OpenNLP $OPENNLP_VERSION, perceptron trained on eng.train | $(onlp_f1 person) | $(onlp_f1 location) | $(onlp_f1 organization) | $(onlp_f1 misc) | $(onlp_p) / $(onlp_r) / $(onlp_f1 TOTAL) | TokenNameFinderEvaluator (exact spans) | $ONLP_ALL_TPS (sent+tok $ONLP_TOK_TPS, NER $ONLP_NER_TPS) | $ONLP_ALL_WPS |
| EntityGraph, POS tagger + recognizer only | | | | | | | $OURS_NER_TPS ($NER_RATIO x OpenNLP's name finder) | |
| compromise $COMPROMISE_VERSION | $(comp_f1 PER) | $(comp_f1 LOC) | $(comp_f1 ORG) | - | $(comp_all P) / $(comp_all R) / $(comp_all F1) (PER+LOC+ORG) | string match per sentence | $COMP_TPS | $COMP_WPS |

Notes:
- EntityGraph's accuracy is its recognizer run on the gold tokens (with its own POS tags); its speed is the whole
  default pipeline ($OURS_STAGES), parser and relations included, on the file as one document, median of 5 runs
  after a warm-up. The peers' speed covers sentence splitting, tokenizing and NER only.
- "POS tagger + recognizer only": the same file through tokenizer + sentences and through tokenizer + sentences + POS
  + recognizer, alternately, 5 runs each; tokens / (difference of the medians). It is set beside OpenNLP's
  TokenNameFinder on the same text, already tokenized (its "NER" figure), measured in the same run of this script.
- OpenNLP: sentence detector and tokenizer are the pretrained 1.5 models; the name finder is trained here on eng.train
  with OpenNLP's defaults (\`TokenNameFinderTrainer.conll03\`, perceptron, 300 iterations, cutoff 0).
- compromise has no MISC type and is scored by ../shared/peers/compromise-conll03-eval.cjs (its predicted strings
  against the gold entity strings of each sentence), which is looser than exact token spans.
- "own tokens" differ between systems (each counts its own tokenizer's tokens); words/s uses the same
  whitespace-separated words for everyone.

Commands:

\`\`\`
opennlp TokenNameFinderTrainer.conll03 -lang eng -types per,loc,org,misc -encoding UTF-8 -data eng.train -model ner.bin
opennlp TokenNameFinderEvaluator.conll03 -lang eng -types per,loc,org,misc -encoding UTF-8 -model ner.bin -data eng.testb
sed G big.txt | opennlp SentenceDetector en-sent.bin | opennlp TokenizerME en-token.bin > big.tok
opennlp TokenNameFinder ner.bin < big.tok
node ../shared/peers/compromise-conll03-eval.cjs eng.testb
node ../shared/peers/compromise-ner.cjs --bench 200 ../shared/seeds/*.txt
dotnet run -c Release --project benchmarks/EntityGraph.Benchmarks -- accuracy --only conll2003
dotnet run -c Release --project benchmarks/EntityGraph.Benchmarks -- peers-input big.txt 5
\`\`\`
MD
echo "wrote $RESULTS"
