#!/usr/bin/env bash
# Whether two builds of the `search` command answer alike: each builds its own index of the same seeds, then both
# answer the same queries (bench/queries.txt, both question sets, and a few of each syntax), and their JSON Lines
# (totals, ranks, scores, paragraphs, highlights, snippets) must be byte for byte equal. For a change of the index's
# layout (schema version) or of how hits are read and highlighted, which must not change any answer.
#
#   bench/compare-answers.sh SEARCH_BEFORE SEARCH_AFTER SEEDS [LIMIT]     (LIMIT: hits per query, default 50)
#
# Exit 0 when alike; otherwise 1, printing the first differing queries.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
[ $# -ge 3 ] || { echo "usage: $0 SEARCH_BEFORE SEARCH_AFTER SEEDS [LIMIT]" >&2; exit 2; }
before=$1 after=$2 seeds=$3 limit=${4:-50}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

{
  cat "$BENCH/queries.txt" "$BENCH/questions.txt"
  grep -v '^#' "$ROOT/tests/EssaySearch.Tests/Fixtures/questions.tsv" | cut -f1
  # Syntax: prefixes (highlighted from the words that extend them), fields, groups and exclusions.
  printf '%s\n' 'dir*' '文*' 'title:ls' '"文件 目录"' '(文件 OR 目录) -删除' 'section:NAME 命令' '超级智能' 'a'
} | grep . > "$TMP/queries"

for side in before after; do
  "${!side}" index --full --seeds "$seeds" --index "$TMP/index-$side" > /dev/null 2>&1
  "${!side}" --batch --limit "$limit" --seeds "$seeds" --index "$TMP/index-$side" < "$TMP/queries" > "$TMP/$side.jsonl"
done

queries=$(wc -l < "$TMP/queries")
if cmp -s "$TMP/before.jsonl" "$TMP/after.jsonl"; then
  echo "alike: $queries queries, up to $limit hits each, on $seeds"
  exit 0
fi
echo "different answers ($queries queries, on $seeds):"
paste -d '\n' "$TMP/before.jsonl" "$TMP/after.jsonl" | awk 'NR % 2 { a = $0; next } a != $0 { print "before: " substr(a, 1, 300); print "after:  " substr($0, 1, 300); if (++n == 3) exit }'
exit 1
