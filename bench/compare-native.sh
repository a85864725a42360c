#!/usr/bin/env bash
# Compares two native publishes of the command: executable size, and one query's whole-process time (hyperfine), in
# alternating rounds so that both sides see the same machine. Writes bench/results/NATIVE-COMPARE.md.
#
#   bench/compare-native.sh BEFORE_DIR AFTER_DIR [ROUNDS]
#
# Each DIR is `dotnet publish src/EssaySearch.Cli -c Release -r linux-x64 -p:PublishAot=true -o DIR` of one revision
# (for an older one: `git archive REV | tar -x -C SRC` and publish from SRC). ROUNDS (default 6) of 10 runs a side.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
TMP="$BENCH/results/tmp"
BEFORE=$1 AFTER=$2 ROUNDS=${3:-6}
"$BENCH/make-corpus.sh" essays
SEEDS="$BENCH/corpus/essays/seeds" INDEX="$TMP/essays-compare"
"$AFTER/search" index --check --seeds "$SEEDS" --index "$INDEX" 2>/dev/null || "$AFTER/search" index --seeds "$SEEDS" --index "$INDEX" 2>/dev/null
query=(超级智能 --seeds "$SEEDS" --index "$INDEX")
mkdir -p "$TMP/compare"
for ((round = 1; round <= ROUNDS; round++)); do
  hyperfine -N -w 2 -r 10 --export-json "$TMP/compare/round-$round.json" \
    -n before "$BEFORE/search ${query[*]}" -n after "$AFTER/search ${query[*]}" \
    -n before-jit "$BEFORE/builder/search ${query[*]}" -n after-jit "$AFTER/builder/search ${query[*]}" >/dev/null
done
report="$BENCH/results/NATIVE-COMPARE.md"
python3 - "$TMP/compare" "$ROUNDS" "$BEFORE" "$AFTER" "$(cut -d' ' -f1-3 /proc/loadavg)" > "$report" <<'PY'
import json, os, statistics, sys
folder, rounds, before, after, load = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
times, cpu = {}, {}
for r in range(1, rounds + 1):
    for result in json.load(open(f"{folder}/round-{r}.json"))["results"]:
        times.setdefault(result["command"], []).extend(result["times"])
        cpu.setdefault(result["command"], []).append(result["user"] + result["system"])
ms = lambda s: f"{s * 1000:.1f}"
size = lambda d: os.path.getsize(f"{d}/search") / 2**20
print("# Native command: before and after\n")
print(f"`bench/compare-native.sh {before} {after} {rounds}`: {rounds} alternating rounds of 10 runs a side (hyperfine), "
      f"`search 超级智能` on the essays. Load average at the end: {load}.\n")
print(f"| | before | after | after / before |\n| --- | ---: | ---: | ---: |")
print(f"| native executable, MiB | {size(before):.1f} | {size(after):.1f} | {size(after) / size(before):.2f} |")
for label, key in (("native", ""), ("framework-dependent (builder/)", "-jit")):
    b, a = times["before" + key], times["after" + key]
    print(f"| one query, {label}, median wall ms | {ms(statistics.median(b))} | {ms(statistics.median(a))} | {statistics.median(a) / statistics.median(b):.2f} |")
    print(f"| one query, {label}, fastest wall ms | {ms(min(b))} | {ms(min(a))} | {min(a) / min(b):.2f} |")
    cb, ca = statistics.median(cpu["before" + key]), statistics.median(cpu["after" + key])
    print(f"| one query, {label}, CPU ms (median of round means) | {ms(cb)} | {ms(ca)} | {ca / cb:.2f} |")
PY
cat "$report"
