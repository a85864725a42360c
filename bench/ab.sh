#!/usr/bin/env bash
# A/B of index builds: the `search` command at a git revision (A) against this working tree (B), both published as
# the README installs them, building the same tier in turn (ABBA order, so that drift hits both alike).
#
#   bench/ab.sh REV TIER [BUILDS]      e.g. bench/ab.sh 83b1041 weekly 7
#
# Writes bench/results/ab-TIER.md: the median wall time of each side, their ratio, the median and range of the
# pairs' own ratios, and throughput per character of the source files (the same files for both sides).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
REV=${1:?usage: bench/ab.sh REV TIER [BUILDS]}
TIER=${2:?usage: bench/ab.sh REV TIER [BUILDS]}
BUILDS=${3:-7}
TMP="$BENCH/results/tmp/ab"
say() { echo "ab: $*" >&2; }

"$BENCH/make-corpus.sh" "$TIER"
SEEDS="$BENCH/corpus/$TIER/seeds"
chars=$(cat "$SEEDS"/* | wc -m)

rm -rf "$TMP" && mkdir -p "$TMP"
git -C "$ROOT" worktree remove --force "$TMP/a-src" 2>/dev/null || true
git -C "$ROOT" worktree add -q --detach "$TMP/a-src" "$REV"
trap 'git -C "$ROOT" worktree remove --force "$TMP/a-src" 2>/dev/null || true' EXIT
for side in a b; do
  src=$([ $side = a ] && echo "$TMP/a-src" || echo "$ROOT")
  say "publishing $side ($([ $side = a ] && echo "$REV" || echo "working tree"))"
  dotnet publish "$src/src/EssaySearch.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$TMP/$side" -nologo -v q >&2
done

build() {   # build SIDE RUN
  rm -rf "$TMP/index-$1"
  /usr/bin/time -f '%e' -o "$TMP/time-$1-$2" "$TMP/$1/search" index --seeds "$SEEDS" --index "$TMP/index-$1" 2>/dev/null
}
for ((run = 1; run <= BUILDS; run++)); do
  if ((run % 2)); then build a $run; build b $run; else build b $run; build a $run; fi
done

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
a=$(cat "$TMP"/time-a-* | median)
b=$(cat "$TMP"/time-b-* | median)
pairs=$(for ((run = 1; run <= BUILDS; run++)); do
  awk -v a="$(cat "$TMP/time-a-$run")" -v b="$(cat "$TMP/time-b-$run")" 'BEGIN { print b / a }'
done | sort -g | awk '{ r[NR] = $1 } END { printf "%.2f (%.2f-%.2f)", r[int((NR + 1) / 2)], r[1], r[NR] }')
out="$BENCH/results/ab-$TIER.md"
{
  echo "# A/B: index builds of the $TIER tier"
  echo
  echo "$(date -u +%F), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); \`bench/ab.sh $REV $TIER $BUILDS\`:"
  echo "A is \`search\` at $(git -C "$ROOT" rev-parse --short "$REV"), B the working tree at $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src || echo ' with changes'),"
  echo "both native builds, $BUILDS builds each in ABBA order, $chars characters of source files."
  echo
  echo "| | A | B |"
  echo "| --- | --- | --- |"
  echo "| median wall time | ${a} s | ${b} s |"
  echo "| source characters / s | $(awk -v c="$chars" -v t="$a" 'BEGIN { printf "%.0f k", c / t / 1000 }') | $(awk -v c="$chars" -v t="$b" 'BEGIN { printf "%.0f k", c / t / 1000 }') |"
  echo
  echo "B/A time: $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }') (ratio of medians); pairs: $pairs."
} > "$out"
cat "$out"
