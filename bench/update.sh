#!/usr/bin/env bash
# One changed essay: an incremental update (`search index`) against a full build (`search index --full`) of the same
# files, side by side: ROUNDS rounds, each appending a paragraph to one essay, then timing the update of the index
# and a full build, one after the other (whole process, /usr/bin/time). Then checks that the updated index and the
# full build answer every query of bench/queries.txt identically (`search --batch --exact-total`, byte for byte).
#
#   bench/update.sh SEARCH TIER [ROUNDS]    SEARCH: the search command; TIER: a tier of bench/corpus; ROUNDS: 7
#
# Prints one line: "files N update S full S ratio R pairs MEDIAN (MIN-MAX)": median wall seconds, the ratio of the
# medians (update / full), and the median and range of the rounds' own ratios.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
SEARCH=$1 TIER=$2 ROUNDS=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# -p keeps the files' times: times less than a second old are hashed again by every update (see the README's Index section).
cp -rp "$BENCH/corpus/$TIER/seeds" "$work/seeds"
"$SEARCH" index --full --seeds "$work/seeds" --index "$work/updated" 2>/dev/null
essay=$(ls "$work/seeds" | sort | awk '{ name[NR] = $0 } END { print name[int((NR + 1) / 2)] }')
for ((round = 1; round <= ROUNDS; round++)); do
  printf '\n第%s次修改：蓝鲸是地球上最大的动物。\n' "$round" >> "$work/seeds/$essay"
  /usr/bin/time -f %e -o "$work/update-$round" "$SEARCH" index --seeds "$work/seeds" --index "$work/updated" 2> "$work/update.log"
  if ! grep -q '^updated: 1 changed, 0 added, 0 removed' "$work/update.log"; then
    echo "update.sh: round $round was not an update of one essay: $(cat "$work/update.log")" >&2
    exit 1
  fi
  rm -rf "$work/full"
  /usr/bin/time -f %e -o "$work/full-$round" "$SEARCH" index --full --seeds "$work/seeds" --index "$work/full" 2>/dev/null
done
# Totals counted exactly: past 1,000 matches a total is otherwise a lower bound, the matches counted before windows
# were skipped, which depends on where the documents lie (an update adds an essay's paragraphs after all the others).
if ! cmp -s <("$SEARCH" --batch --exact-total --seeds "$work/seeds" --index "$work/updated" < "$BENCH/queries.txt") \
            <("$SEARCH" --batch --exact-total --seeds "$work/seeds" --index "$work/full" < "$BENCH/queries.txt"); then
  echo "update.sh: the updated index and the full build answer bench/queries.txt differently" >&2
  exit 1
fi
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
update=$(cat "$work"/update-* | median)
full=$(cat "$work"/full-* | median)
pairs=$(for ((round = 1; round <= ROUNDS; round++)); do
  awk -v u="$(cat "$work/update-$round")" -v f="$(cat "$work/full-$round")" 'BEGIN { print u / f }'
done | sort -g | awk '{ r[NR] = $1 } END { printf "%.3f (%.3f-%.3f)", r[int((NR + 1) / 2)], r[1], r[NR] }')
echo "files $(ls "$work/seeds" | wc -l) update $update full $full ratio $(awk -v u="$update" -v f="$full" 'BEGIN { printf "%.3f", u / f }') pairs $pairs"
