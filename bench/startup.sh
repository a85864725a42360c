#!/usr/bin/env bash
# One query's whole-process time, side by side with a NativeAOT hello-world and ripgrep, and where a query's start-up
# goes. Writes bench/results/STARTUP.md.
#
#   bench/startup.sh [ROUNDS]      ROUNDS (default 10) alternating rounds of 10 runs of every command (hyperfine -N)
#   bench/startup.sh --reuse [ROUNDS]   measure the publishes of the previous run again (no publish, no pack)
#
# Commands, all on the repository's seeds/ with the index built and current:
#   hello      a NativeAOT hello-world (`Console.WriteLine`), published here with the same SDK
#   ripgrep    `rg 超级智能 seeds/` (Debian's ripgrep, installed when missing)
#   version    `search --version`, native: start-up and argument parsing only
#   native     `search 超级智能`, native, published as the README installs it
#   tool       the same query from the `dotnet tool install`ed command (packed as the README says, ReadyToRun, linux-x64)
# Rounds alternate the commands so that each sees the same machine; the table gives medians over all runs and the
# median of the rounds' ratios. Stages: SEARCH_TRACE_STARTUP runs of the native query (README, "Speed").
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
TMP="$BENCH/results/tmp/startup"
REUSE=0
[ "${1:-}" = --reuse ] && { REUSE=1; shift; }
ROUNDS=${1:-10}
QUERY=超级智能
say() { echo "startup: $*" >&2; }

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v rg >/dev/null || missing+=(ripgrep)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$TMP"
if [ $REUSE = 0 ]; then
  say "publishing the native command, a native hello-world, and packing and installing the .NET tool"
  rm -rf "$TMP/native" "$TMP/hello" "$TMP/feed" "$TMP/tool" "$TMP/packages"
  dotnet publish "$ROOT/src/EssaySearch.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$TMP/native" -nologo -v q >&2
  mkdir -p "$TMP/hello/src"
  cat > "$TMP/hello/src/hello.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <PublishAot>true</PublishAot>
  </PropertyGroup>
</Project>
XML
  echo 'System.Console.WriteLine("Hello, World!");' > "$TMP/hello/src/Program.cs"
  dotnet publish "$TMP/hello/src" -c Release -r linux-x64 -o "$TMP/hello/bin" -nologo -v q >&2
  # As the README packs it, for this platform only (the other platforms' packages take long and are not installed here).
  dotnet pack "$ROOT/src/EssaySearch.Cli" -c Release -p:RuntimeIdentifiers=linux-x64 -o "$TMP/feed" -nologo -v q >&2
  # A packages folder of its own, so that a package of the same version cached from another build is not taken instead.
  NUGET_PACKAGES="$TMP/packages" dotnet tool install --prerelease --tool-path "$TMP/tool" --add-source "$TMP/feed" EssaySearch.Cli >&2
fi
SEARCH="$TMP/native/search" TOOL="$TMP/tool/search" HELLO="$TMP/hello/bin/hello"
INDEX="$TMP/index"
where=(--seeds "$ROOT/seeds" --index "$INDEX")
"$SEARCH" index --check "${where[@]}" >/dev/null 2>&1 || "$SEARCH" index "${where[@]}" 2>/dev/null
# Both commands must answer the query alike, from the index as it is (current: neither rebuilds it).
if ! cmp -s <("$SEARCH" --json "$QUERY" "${where[@]}") <("$TOOL" --json "$QUERY" "${where[@]}"); then
  say "the native command and the .NET tool answer $QUERY differently"
  exit 1
fi

say "$ROUNDS rounds of 10 runs of each command (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
rm -rf "$TMP/rounds" && mkdir -p "$TMP/rounds"
cd "$ROOT"
for ((round = 1; round <= ROUNDS; round++)); do
  hyperfine -N -w 2 -r 10 --export-json "$TMP/rounds/$round.json" \
    -n hello "$HELLO" \
    -n ripgrep "rg $QUERY seeds/" \
    -n version "$SEARCH --version" \
    -n native "$SEARCH $QUERY ${where[*]}" \
    -n tool "$TOOL $QUERY ${where[*]}" >/dev/null
done

say "stages: $((ROUNDS * 10)) traced runs of the native query"
# Bash's own clock (EPOCHREALTIME, microseconds), so that no other process is started between the two readings.
for ((run = 1; run <= ROUNDS * 10; run++)); do
  start=${EPOCHREALTIME/[.,]/}
  SEARCH_TRACE_STARTUP=${start}000 "$SEARCH" "$QUERY" "${where[@]}" >/dev/null 2> "$TMP/trace"
  end=${EPOCHREALTIME/[.,]/}
  grep '^search: startup:' "$TMP/trace" || true
  echo "search: startup: exit $((end - start)) us"
done > "$TMP/stages.txt"
faults() { /usr/bin/time -f %R -o "$TMP/faults" "$@" >/dev/null 2>&1; cat "$TMP/faults"; }

python3 - "$TMP" "$ROUNDS" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(faults "$HELLO")" "$(faults "$SEARCH" --version)" \
  "$(faults "$SEARCH" "$QUERY" "${where[@]}")" "$(rg --version | head -1)" "$(dotnet --version)" > "$BENCH/results/STARTUP.md" <<'PY'
import collections, json, os, statistics, sys
tmp, rounds, load, hello_faults, version_faults, query_faults, rg, sdk = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
times, per_round = collections.defaultdict(list), []
for r in range(1, rounds + 1):
    medians = {}
    for result in json.load(open(f"{tmp}/rounds/{r}.json"))["results"]:
        times[result["command"]].extend(result["times"])
        medians[result["command"]] = statistics.median(result["times"])
    per_round.append(medians)
median = {name: statistics.median(ts) for name, ts in times.items()}
def paired(a, b):
    ratios = sorted(m[a] / m[b] for m in per_round)
    return f"{statistics.median(ratios):.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f})"
stages, allocated = collections.defaultdict(list), collections.defaultdict(list)
for line in open(f"{tmp}/stages.txt"):
    _, _, stage, value, unit, *kib = line.split()
    stages[stage].append(float(value) / (1000 if unit == "us" else 1))
    if kib:
        allocated[stage].append(int(kib[0]))
mib = lambda path: os.path.getsize(path) / 2**20
ms = lambda s: f"{s * 1000:.1f}"
print("# Start-up: one query against hello-world and ripgrep\n")
print(f"`bench/startup.sh {rounds}`: {rounds} alternating rounds of 10 runs of each command (hyperfine -N, 2 warm-up runs "
      f"a round), on the repository's seeds with the index built and current. .NET SDK {sdk}, {rg}, "
      f"{os.cpu_count()} cores; load average at the end: {load}. Medians over all {rounds * 10} runs; paired: the median of "
      "the rounds' ratios (min-max).\n")
print("| command | median ms | fastest ms | / hello-world | paired | / ripgrep | paired |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
labels = {"hello": "NativeAOT hello-world", "ripgrep": "`rg 超级智能 seeds/`", "version": "`search --version`, native",
          "native": "`search 超级智能`, native", "tool": "`search 超级智能`, `dotnet tool install`ed"}
for name, label in labels.items():
    print(f"| {label} | {ms(median[name])} | {ms(min(times[name]))} | {median[name] / median['hello']:.2f} | "
          f"{paired(name, 'hello')} | {median[name] / median['ripgrep']:.2f} | {paired(name, 'ripgrep')} |")
print(f"\nNative executable: {mib(f'{tmp}/native/search'):.1f} MiB (hello-world {mib(f'{tmp}/hello/bin/hello'):.1f} MiB). "
      f"Minor page faults, one run each: hello-world {hello_faults}, `search --version` {version_faults}, "
      f"`search 超级智能` {query_faults}.\n")
print(f"## Stages of the native query (`SEARCH_TRACE_STARTUP`, {len(stages['exit'])} runs, medians, ms from launch)\n")
print("| stage | reached at | of which this stage | allocated by then, KiB |\n| --- | ---: | ---: | ---: |")
names = {"main": "`Main` entered (process and runtime start)", "parsed": "options parsed", "opened": "index open (and checked current)",
         "searched": "first result (query compiled, searched, highlighted)", "written": "results written", "exit": "process gone"}
previous = 0.0
for stage, label in names.items():
    at = statistics.median(stages[stage])
    kib = f"{statistics.median(allocated[stage]):.0f}" if allocated[stage] else ""
    print(f"| {label} | {at:.1f} | {at - previous:.1f} | {kib} |")
    previous = at
print("\nStage times come from the process's own clock against the launch time the script passes it (bash's "
      "EPOCHREALTIME, read just before the launch and just after the exit); the launch includes bash's fork.")
PY
cat "$BENCH/results/STARTUP.md"
