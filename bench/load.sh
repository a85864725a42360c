#!/usr/bin/env bash
# Load benchmark of `search serve`: wrk against /api/search on the manpages-zh tier, the queries of bench/queries.txt in
# turn, at 1, 8 and 64 connections; writes bench/results/LOAD.md.
#
#   bench/load.sh [SECONDS]     each level runs SECONDS (default 60), after a 5 s warm-up; installs wrk if missing
#   SEARCH_NATIVE=path/to/search bench/load.sh    serve with that native command instead of publishing one
#
# The server is the native command as the README installs it. Its memory (VmRSS) is read before and after each level.
# wrk runs on the same 2 cores as the server, so the figures include the client's share of the CPU.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
OUT="$BENCH/results"
TMP="$OUT/tmp"
SECONDS_PER_LEVEL=${1:-60}
PORT=${LOAD_PORT:-18080}
say() { echo "load: $*" >&2; }

if ! command -v wrk >/dev/null; then
  say "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
mkdir -p "$TMP"
dotnet build -c Release "$BENCH/EssaySearch.Benchmarks" -nologo -v q >&2
if [ -z "${SEARCH_NATIVE:-}" ]; then
  say "publishing the native command"
  rm -rf "$TMP/cli"
  dotnet publish "$ROOT/src/EssaySearch.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$TMP/cli" -nologo -v q >&2
  SEARCH_NATIVE="$TMP/cli/search"
fi
"$BENCH/make-corpus.sh" manpages
SEEDS="$BENCH/corpus/manpages/seeds" INDEX="$TMP/manpages-ours"
"$SEARCH_NATIVE" index --check --seeds "$SEEDS" --index "$INDEX" 2>/dev/null || "$SEARCH_NATIVE" index --seeds "$SEEDS" --index "$INDEX"

# The wrk script: each thread walks the query list from its own starting point; done() prints one parsable line.
python3 - "$BENCH/queries.txt" > "$TMP/load.lua" <<'PY'
import sys, urllib.parse
paths = [f"/api/search?q={urllib.parse.quote(line.strip())}&limit=10" for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
print("local paths = {" + ", ".join(f'"{p}"' for p in paths) + "}")
print("""
local i = 0
function setup(thread) i = i + 7; thread:set("start", i) end
function init(args) i = start end
function request() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d non2xx=%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end""")
PY

"$SEARCH_NATIVE" serve --port "$PORT" --seeds "$SEEDS" --index "$INDEX" > "$TMP/serve.out" 2> "$TMP/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$URL/api/health" >/dev/null && break; sleep 0.1; done
curl -sf "$URL/api/health" >/dev/null || { say "the server did not start: $(cat "$TMP/serve.err")"; exit 1; }
rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER/stat"; }   # the server's user + system time, in clock ticks

say "warm-up (5 s)"
wrk -t 2 -c 8 -d 5s -s "$TMP/load.lua" "$URL" >/dev/null
rows=()
for connections in 1 8 64; do
  threads=$(( connections < 2 ? 1 : 2 ))
  before=$(rss) ticks=$(cpu_ticks)
  say "$connections connections, $SECONDS_PER_LEVEL s"
  result=$(wrk -t "$threads" -c "$connections" -d "${SECONDS_PER_LEVEL}s" --timeout 5s -s "$TMP/load.lua" "$URL" | grep '^RESULT')
  after=$(rss) ticks=$(( $(cpu_ticks) - ticks ))
  get() { sed -nE "s/.*$1=([0-9.]+).*/\1/p" <<<"$result"; }
  rps=$(awk -v r="$(get requests)" -v s="$(get seconds)" 'BEGIN { printf "%.0f", r / s }')
  cpu=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v r="$(get requests)" 'BEGIN { printf "%.2f", t / hz * 1000 / r }')
  rows+=("| $connections | $rps | $(get p50_ms) | $(get p99_ms) | $(get max_ms) | $(get errors) | $(get non2xx) | $cpu | $before | $after |")
done
kill -TERM $SERVER
wait $SERVER || true
grep -q "serving" "$TMP/serve.out" || { say "the server did not report its URL"; exit 1; }

report="$OUT/LOAD.md"
{
  echo "# Load benchmark: search serve"
  echo
  echo "$(date -u +%F) · $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) · $(uname -sr) · .NET $(dotnet --version) · $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo
  echo "Command: \`bench/load.sh $SECONDS_PER_LEVEL\`. Native \`search serve\` on manpages-zh ($(cut -d' ' -f4 "$BENCH/corpus/manpages/stats") paragraphs);"
  echo "wrk sends \`GET /api/search?q=…&limit=10\` with the $(grep -c . "$BENCH/queries.txt") queries of bench/queries.txt in turn, ${SECONDS_PER_LEVEL} s per level"
  echo "after a 5 s warm-up, on the same machine (wrk takes part of the 2 cores). Latency is wrk's, per request; memory is the"
  echo "server's VmRSS before and after each level; CPU is the server's user + system time per request (from /proc), which"
  echo "depends less on what else the machine runs than latency does. Load average when it ended: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| connections | requests/s | p50 ms | p99 ms | max ms | socket errors | non-2xx | server CPU ms/request | RSS before MiB | RSS after MiB |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
} > "$report"
say "wrote $report"
cat "$report"
