#!/usr/bin/env bash
# How many snippets show every text a hit matched: the top 10 of each question of bench/questions.txt on manpages-zh,
# through `search --json` (README, the JSON schema: snippets).
#
#   bench/snippet-words.sh
#
# Counted by matched text, case aside: two spellings of one word (run, running) count as two, so the figure is a floor
# for "every word shown". Makes the corpus and its index when missing (bench/make-corpus.sh manpages).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SEEDS="$ROOT/bench/corpus/manpages/seeds" INDEX="$ROOT/bench/results/tmp/snippet-words-index"
[ -d "$SEEDS" ] || bash "$ROOT/bench/make-corpus.sh" manpages >&2
dotnet build -c Release "$ROOT/src/EssaySearch.Cli" -nologo -v q >&2
SEARCH=(dotnet run -c Release --no-build --project "$ROOT/src/EssaySearch.Cli" --)
"${SEARCH[@]}" index --seeds "$SEEDS" --index "$INDEX" >&2
grep -v '^$' "$ROOT/bench/questions.txt" | "${SEARCH[@]}" --batch --limit 10 --seeds "$SEEDS" --index "$INDEX" 2>/dev/null | python3 -c '
import json, sys
hits = every = 0
for line in sys.stdin:
    for hit in json.loads(line).get("hits", []):
        snippet = hit["snippet"]
        shown = {snippet[a:b].lower() for a, b in hit["snippet_highlights"]}
        matched = {hit["text"][a:b].lower() for a, b in hit["highlights"]}
        hits += 1
        every += shown >= matched
print(f"{every} of {hits} snippets show every text their hit matched")
'
