#!/usr/bin/env bash
# A/B of index builds: the `search` command at git revision A against revision B, both published as the README
# installs them, building the same tier in turn (ABBA order, so that drift hits both alike).
#
#   bench/ab.sh A B TIER [BUILDS]      e.g. bench/ab.sh 83b1041 HEAD weekly 7
#
# Writes bench/results/ab-TIER.md: the median wall and CPU (user + system) time of each side, their ratios, the
# median and range of the pairs' own ratios, and throughput per character of the source files (the same files for
# both sides). CPU time is the steadier figure on a shared machine: other processes stretch wall time more.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
usage="usage: bench/ab.sh A B TIER [BUILDS]"
REV_A=${1:?$usage}
REV_B=${2:?$usage}
TIER=${3:?$usage}
BUILDS=${4:-7}
TMP="$BENCH/results/tmp/ab"
say() { echo "ab: $*" >&2; }

"$BENCH/make-corpus.sh" "$TIER"
SEEDS="$BENCH/corpus/$TIER/seeds"
chars=$(cat "$SEEDS"/* | wc -m)

rm -rf "$TMP" && mkdir -p "$TMP"
cleanup() { for side in a b; do git -C "$ROOT" worktree remove --force "$TMP/$side-src" 2>/dev/null || true; done; }
trap cleanup EXIT
for side in a b; do
  rev=$([ $side = a ] && echo "$REV_A" || echo "$REV_B")
  say "publishing $side ($rev)"
  git -C "$ROOT" worktree add -q --detach "$TMP/$side-src" "$rev"
  dotnet publish "$TMP/$side-src/src/EssaySearch.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$TMP/$side" -nologo -v q >&2
done

build() {   # build SIDE RUN
  rm -rf "$TMP/index-$1"
  /usr/bin/time -f '%e %U %S' -o "$TMP/time-$1-$2" "$TMP/$1/search" index --seeds "$SEEDS" --index "$TMP/index-$1" 2>/dev/null
}
for ((run = 1; run <= BUILDS; run++)); do
  if ((run % 2)); then build a $run; build b $run; else build b $run; build a $run; fi
done

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
wall() { cut -d' ' -f1 "$@"; }
cpu() { awk '{ print $2 + $3 }' "$@"; }
paired() {   # paired wall|cpu: each pair's B/A ratio, as "median (min-max)"
  for ((run = 1; run <= BUILDS; run++)); do
    awk -v a="$($1 "$TMP/time-a-$run")" -v b="$($1 "$TMP/time-b-$run")" 'BEGIN { print b / a }'
  done | sort -g | awk '{ r[NR] = $1 } END { printf "%.2f (%.2f-%.2f)", r[int((NR + 1) / 2)], r[1], r[NR] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }
rate() { awk -v c="$chars" -v t="$1" 'BEGIN { printf "%.0f k", c / t / 1000 }'; }
wall_a=$(wall "$TMP"/time-a-* | median); wall_b=$(wall "$TMP"/time-b-* | median)
cpu_a=$(cpu "$TMP"/time-a-* | median); cpu_b=$(cpu "$TMP"/time-b-* | median)
out="$BENCH/results/ab-$TIER.md"
{
  echo "# A/B: index builds of the $TIER tier"
  echo
  echo "$(date -u +%F), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); \`bench/ab.sh $REV_A $REV_B $TIER $BUILDS\`:"
  echo "A is \`search\` at $(git -C "$ROOT" rev-parse --short "$REV_A"), B at $(git -C "$ROOT" rev-parse --short "$REV_B"); both native,"
  echo "$BUILDS builds each in ABBA order, over the same $chars characters of source files."
  echo
  echo "| | A | B | B/A (medians) | B/A (median of pairs, range) |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| wall time | ${wall_a} s | ${wall_b} s | $(ratio "$wall_a" "$wall_b") | $(paired wall) |"
  echo "| CPU time (user + system) | ${cpu_a} s | ${cpu_b} s | $(ratio "$cpu_a" "$cpu_b") | $(paired cpu) |"
  echo "| source characters per wall second | $(rate "$wall_a") | $(rate "$wall_b") | | |"
} > "$out"
cat "$out"
