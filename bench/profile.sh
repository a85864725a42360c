#!/usr/bin/env bash
# Where in-process query time goes at steady state, sampled by perf (the CPU's own counters, every thread, Lucene's
# frames included) rather than by stopwatches or an EventPipe sampler, which in allocation-heavy loops put much of the
# time on GC polling (README, "Speed").
#
#   bench/profile.sh INDEXDIR QUERIES.txt [ROUNDS] [WARMUP]
#
# Runs our latency tool over QUERIES.txt, WARMUP rounds (default 150) and then ROUNDS more (default 500), samples only
# the rounds after the warm-up (the warm-up alone is timed first, by a run of its own), and prints the frames with the
# largest share of the samples, inclusive of what they call, then exclusive. Installs perf when missing. The .NET
# runtime names its compiled code in /tmp/perf-PID.map (DOTNET_PerfMapEnabled); without write-xor-execute, so that
# perf finds the code where the map says it is.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
INDEX=$1 QUERIES=$2 ROUNDS=${3:-500} WARMUP=${4:-150}
OUT="$BENCH/results/tmp/profile"
mkdir -p "$OUT"
if ! command -v perf >/dev/null; then
  echo "profile: installing perf" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq linux-perf >/dev/null
fi
dotnet build -c Release "$BENCH/EssaySearch.Benchmarks" -nologo -v q >&2
TOOL="$BENCH/EssaySearch.Benchmarks/bin/Release/net10.0/EssaySearch.Benchmarks"
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0

# The warm-up's length, to start sampling after it: a run of the warm-up and one timed round.
start=$(date +%s%N)
"$TOOL" latency "$INDEX" "$QUERIES" 1 --warmup "$WARMUP" >/dev/null
delay_ms=$(( ($(date +%s%N) - start) / 1000000 ))
perf record -q -D "$delay_ms" -F 2000 -g -o "$OUT/perf.data" "$TOOL" latency "$INDEX" "$QUERIES" "$ROUNDS" --warmup "$WARMUP" >&2

# Each frame as its type and method: perf prints the return type, module, signature and compilation tier too.
shorten() { sed -E 's/^( *[0-9.]+% +[0-9.]+%| *[0-9.]+%) +(\[\.\] +)?(.*\] )?([^ (]+)(\(.*)?$/\1  \4/'; }
echo "## inclusive (the frame and what it calls), top 40"
perf report -i "$OUT/perf.data" --children --sort symbol -g none 2>/dev/null | grep -E '^ +[0-9]' | grep -vE '0x0000|libcoreclr|libclrjit|corehost|hostfxr|coreclr_execute|__libc_start|start_thread|LatencyTool|Program::' | head -40 | shorten
echo
echo "## exclusive (the frame alone), top 25"
perf report -i "$OUT/perf.data" --no-children --sort symbol -g none 2>/dev/null | grep -E '^ +[0-9]' | head -25 | shorten
