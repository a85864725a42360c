#!/usr/bin/env bash
# Runs every benchmark, ours and the Java Lucene + SmartCn peer's side by side, and writes bench/results/RESULTS.md
# (bench/results/RESULTS-TIER.md for a run of chosen tiers).
#
#   bench/run.sh [TIER...]     full run; TIER: essays manpages manpages10x manpages50x (default: the first three);
#                              installs what it needs. Builds alternate ours/peer, 7 each (2 each at 50x, ~3 min a pair)
#   bench/run.sh --smoke       CI: the essays tier, our side only, BenchmarkDotNet dry jobs; asserts nothing about speed
#
# Whole-process figures: /usr/bin/time (wall seconds, peak RSS) and hyperfine (median of runs). In-process query
# latency: our `latency` tool and the peer's `RefSearch bench`, both one warm-up round then ROUNDS timed rounds over
# bench/queries.txt, top 10 with highlights, and again warmed up to steady state (STEADY warm-up rounds, then as many
# timed: the peer's list given STEADY times over, which its bench runs once as its warm-up round and once timed);
# ours also over bench/questions.txt, questions that no paragraph matches strictly, so that each is relaxed (the
# peer's too, which searches them as it searches every list, with its parser's default OR); each measured 3 times,
# ours and the peer's in turn, and reported as medians; and our `steps` tool, where each list's time goes at steady
# state. Micro-benchmarks:
# BenchmarkDotNet (bench/EssaySearch.Benchmarks). Incremental updates (bench/update.sh, the manpages10x tier): one
# changed essay updated against a full build, side by side.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
OUT="$BENCH/results"
TMP="$OUT/tmp"
SMOKE=0
tiers=()
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    *) tiers+=("$arg") ;;
  esac
done
if [ $SMOKE = 1 ]; then tiers=(essays); fi
[ ${#tiers[@]} -gt 0 ] || tiers=(essays manpages manpages10x)
ROUNDS=$([ $SMOKE = 1 ] && echo 3 || echo 100)
STEADY=$([ $SMOKE = 1 ] && echo 3 || echo 100)
ALL_BUILDS=$([ $SMOKE = 1 ] && echo 1 || echo 7)
LATENCY_RUNS=$([ $SMOKE = 1 ] && echo 1 || echo 3)
say() { echo "bench: $*" >&2; }

mkdir -p "$TMP"
say "building (Release) and publishing the CLI both ways the README installs it (native; framework-dependent, ReadyToRun, as the dotnet tool)"
dotnet build -c Release "$BENCH/EssaySearch.Benchmarks" -nologo -v q >&2
rm -rf "$TMP/cli"
dotnet publish "$ROOT/src/EssaySearch.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$TMP/cli" -nologo -v q >&2
SEARCH="$TMP/cli/search"
# The native `search serve` hands over to search-serve, published beside it (src/EssaySearch.Cli/ServerExecutable.cs).
say "checking that the native search serve answers"
rm -rf "$TMP/serve-index"
"$SEARCH" serve --seeds "$ROOT/seeds" --index "$TMP/serve-index" --port 0 > "$TMP/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 300); do
  url=$(grep -o 'http://[^ ]*/' "$TMP/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
if ! python3 -c 'import sys, urllib.request; sys.exit(b"\"total\":5" not in urllib.request.urlopen(sys.argv[1]).read())' \
    "${url}api/search?q=%E8%B6%85%E7%BA%A7%E6%99%BA%E8%83%BD" 2>/dev/null; then
  say "the native search serve did not answer: $(cat "$TMP/serve.log")"
  kill $server 2>/dev/null
  exit 1
fi
kill $server && wait $server || true
rm -rf "$TMP/tool"
dotnet publish "$ROOT/src/EssaySearch.Cli" -c Release -r linux-x64 --self-contained false -o "$TMP/tool" -nologo -v q >&2
FRAMEWORK="$TMP/tool/search"
TOOL="$BENCH/EssaySearch.Benchmarks/bin/Release/net10.0/EssaySearch.Benchmarks"

PEER=0
if [ $SMOKE = 0 ]; then
  if [ ! -f /usr/share/java/lucene-analyzers-smartcn-8.7.0.jar ] || ! command -v javac >/dev/null || ! command -v hyperfine >/dev/null; then
    say "installing the peer's Java Lucene + SmartCn, a JDK and hyperfine"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq liblucene8-java default-jdk-headless hyperfine >/dev/null
  fi
  PEER_DIR="$ROOT/../shared/peers/lucene-smartcn"
  sh "$PEER_DIR/build.sh" >/dev/null
  CP="$(cat /tmp/refsearch/classpath)"
  PEER=1
fi

"$BENCH/make-corpus.sh" "${tiers[@]}"

# timed OUTFILE CMD...: runs CMD, writes "wall_seconds peak_kib" to OUTFILE, passes CMD's stdout through
timed() { local file=$1; shift; /usr/bin/time -f '%e %M' -o "$file" "$@"; }
median_time() { cat "$TMP"/time-"$1"-* | sort -n | awk '{ w[NR] = $1; if ($2 > peak) peak = $2 } END { print w[int((NR + 1) / 2)], peak }'; }
# Throughput ratio of each ours/peer pair of builds (run one after the other), as "median (min-max)": pairing
# cancels the machine's drift between runs, which moves whole-process times by 10-15% here.
paired_ratio() {
  for ((run = 1; run <= BUILDS; run++)); do
    awk -v o="$(cut -d' ' -f1 "$TMP/time-ours-$run")" -v p="$(cut -d' ' -f1 "$TMP/time-peer-$run")" 'BEGIN { print p / o }'
  done | sort -g | awk '{ r[NR] = $1 } END { printf "%.2f (%.2f-%.2f)", r[int((NR + 1) / 2)], r[1], r[NR] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
field() { sed -nE "s/.*$1 ([0-9.]+).*/\1/p"; }   # field NAME < "… NAME 1.23 …"
# Runs' latency lines (one a line: "… mean M ms p50 P ms p99 Q ms") as one line of each statistic's median.
medians() {
  local runs; runs=$(cat)
  for stat in mean p50 p99; do
    printf '%s %s ' "$stat" "$(field "$stat" <<<"$runs" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
  done
  echo
}

rows_index=() rows_query=() rows_relaxed=() rows_steps=() rows_update=()
for tier in "${tiers[@]}"; do
  dir="$BENCH/corpus/$tier"
  read -r _ files _ paragraphs _ chars < "$dir/stats"
  say "$tier: indexing ($files files, $paragraphs paragraphs, $chars chars)"
  # Builds alternate ours/peer, BUILDS times each; the median wall time and the largest peak count.
  rm -f "$TMP"/time-*
  BUILDS=$([ "$tier" = manpages50x ] && echo 2 || echo "$ALL_BUILDS")
  for ((run = 1; run <= BUILDS; run++)); do
    rm -rf "$TMP/$tier-ours" "$TMP/$tier-peer"
    timed "$TMP/time-ours-$run" "$SEARCH" index --full --seeds "$dir/seeds" --index "$TMP/$tier-ours" 2>/dev/null
    if [ $PEER = 1 ]; then
      timed "$TMP/time-peer-$run" java -cp "$CP" RefSearch index "$TMP/$tier-peer" "$dir/paragraphs.tsv" >/dev/null
    fi
  done
  read -r our_s our_kib <<<"$(median_time ours)"
  our_cps=$(awk -v c="$chars" -v s="$our_s" 'BEGIN { printf "%.0f", c / s }')
  our_pps=$(awk -v p="$paragraphs" -v s="$our_s" 'BEGIN { printf "%.0f", p / s }')
  our_mib=$(( $(du -sk "$TMP/$tier-ours/current" | cut -f1) / 1024 ))
  # In-process latency, side by side: each measurement runs ours and then the peer's, LATENCY_RUNS times in turn, and
  # each statistic is the median of its runs (the machine's load moves a whole run by a third within minutes).
  for ((round = 0; round < STEADY; round++)); do grep . "$BENCH/queries.txt"; done > "$TMP/queries-steady.txt"
  for ((round = 0; round < STEADY; round++)); do grep . "$BENCH/questions.txt"; done > "$TMP/questions-steady.txt"
  rm -f "$TMP"/latency-*
  for ((run = 1; run <= LATENCY_RUNS; run++)); do
    "$TOOL" latency "$TMP/$tier-ours" "$BENCH/queries.txt" "$ROUNDS" >> "$TMP/latency-ours"
    "$TOOL" latency "$TMP/$tier-ours" "$BENCH/questions.txt" "$ROUNDS" >> "$TMP/latency-ours-questions"
    "$TOOL" latency "$TMP/$tier-ours" "$BENCH/queries.txt" "$STEADY" --warmup "$STEADY" >> "$TMP/latency-ours-steady"
    "$TOOL" latency "$TMP/$tier-ours" "$BENCH/questions.txt" "$STEADY" --warmup "$STEADY" >> "$TMP/latency-ours-questions-steady"
    if [ $PEER = 1 ]; then
      # The peer's bench runs its list once as its warm-up round and once timed: given STEADY times over, it warms up as ours.
      java -cp "$CP" RefSearch bench "$TMP/$tier-peer" "$BENCH/queries.txt" "$ROUNDS" >> "$TMP/latency-peer"
      java -cp "$CP" RefSearch bench "$TMP/$tier-peer" "$BENCH/questions.txt" "$ROUNDS" >> "$TMP/latency-peer-questions"
      java -cp "$CP" RefSearch bench "$TMP/$tier-peer" "$TMP/queries-steady.txt" 1 >> "$TMP/latency-peer-steady"
      java -cp "$CP" RefSearch bench "$TMP/$tier-peer" "$TMP/questions-steady.txt" 1 >> "$TMP/latency-peer-questions-steady"
    fi
  done
  our_lat=$(medians < "$TMP/latency-ours")
  our_relaxed=$(medians < "$TMP/latency-ours-questions")
  our_steady=$(medians < "$TMP/latency-ours-steady")
  our_relaxed_steady=$(medians < "$TMP/latency-ours-questions-steady")
  for list in queries questions; do
    steps=$("$TOOL" steps "$TMP/$tier-ours" "$BENCH/$list.txt" "$STEADY" --warmup "$STEADY")
    rows_steps+=("| $tier | $list | $(field find <<<"$steps") | $(field read <<<"$steps") | $(field highlight <<<"$steps") |")
  done
  peer_cps=- peer_pps=- peer_mib=- peer_peak=- peer_lat="mean - p50 - p99 -" peer_steady=$peer_lat pairs=-
  peer_questions=$peer_lat peer_questions_steady=$peer_lat
  if [ $PEER = 1 ]; then
    read -r peer_s peer_kib <<<"$(median_time peer)"
    peer_cps=$(awk -v c="$chars" -v s="$peer_s" 'BEGIN { printf "%.0f", c / s }')
    peer_pps=$(awk -v p="$paragraphs" -v s="$peer_s" 'BEGIN { printf "%.0f", p / s }')
    peer_mib=$(( $(du -sk "$TMP/$tier-peer" | cut -f1) / 1024 ))
    peer_peak=$(( peer_kib / 1024 ))
    peer_lat=$(medians < "$TMP/latency-peer")
    peer_steady=$(medians < "$TMP/latency-peer-steady")
    peer_questions=$(medians < "$TMP/latency-peer-questions")
    peer_questions_steady=$(medians < "$TMP/latency-peer-questions-steady")
    pairs=$(paired_ratio)
  fi
  rows_index+=("| $tier | $chars | $our_cps | $peer_cps | $(ratio "$our_cps" "$peer_cps") | $pairs | $our_pps | $peer_pps | $((our_kib / 1024)) | $peer_peak | $our_mib | $peer_mib |")
  for stat in mean p50 p99; do
    ours=$(field "$stat" <<<"$our_lat"); peer=$(field "$stat" <<<"$peer_lat")
    steady=$(field "$stat" <<<"$our_steady"); peer_warm=$(field "$stat" <<<"$peer_steady")
    rows_query+=("| $tier | $stat | $ours | ${peer:--} | $(ratio "$ours" "${peer:-0}") | $steady | ${peer_warm:--} | $(ratio "$steady" "${peer_warm:-0}") |")
    relaxed=$(field "$stat" <<<"$our_relaxed"); relaxed_steady=$(field "$stat" <<<"$our_relaxed_steady")
    asked=$(field "$stat" <<<"$peer_questions"); asked_steady=$(field "$stat" <<<"$peer_questions_steady")
    rows_relaxed+=("| $tier | $stat | $ours | $relaxed | $(ratio "$relaxed" "$ours") | ${asked:--} | $(ratio "$relaxed" "${asked:-0}") | $steady | $relaxed_steady | $(ratio "$relaxed_steady" "$steady") | ${asked_steady:--} | $(ratio "$relaxed_steady" "${asked_steady:-0}") |")
  done
  if [ "$tier" = manpages10x ]; then
    say "$tier: one changed essay, updated against a full build"
    read -r _ _ _ update _ full _ update_ratio _ pairs <<<"$("$BENCH/update.sh" "$SEARCH" "$tier" "$ALL_BUILDS")"
    rows_update+=("| $tier | $update | $full | $update_ratio | $pairs |")
  fi
done

say "CLI: whole process on the essays"
essays="$BENCH/corpus/essays/seeds"; essays_index="$TMP/essays-ours"
# The command-line figures are taken on the essays, whichever tiers were run.
"$BENCH/make-corpus.sh" essays
[ -d "$essays_index/current" ] || "$SEARCH" index --full --seeds "$essays" --index "$essays_index" 2>/dev/null
if [ $PEER = 1 ] && ! ls "$TMP/essays-peer"/segments_* >/dev/null 2>&1; then
  rm -rf "$TMP/essays-peer"
  java -cp "$CP" RefSearch index "$TMP/essays-peer" "$BENCH/corpus/essays/paragraphs.tsv" >/dev/null
fi
runs=$([ $SMOKE = 1 ] && echo 3 || echo 30)
one=("$SEARCH 超级智能 --seeds $essays --index $essays_index")
batch=("$SEARCH --batch --seeds $essays --index $essays_index < $BENCH/queries.txt")
if [ $PEER = 1 ]; then
  one+=("java -cp $CP RefSearch search $TMP/essays-peer 超级智能 10")
fi
one+=("$FRAMEWORK 超级智能 --seeds $essays --index $essays_index")
# The native command must answer exactly as the framework-dependent one does.
if ! cmp -s <("$SEARCH" --batch --seeds "$essays" --index "$essays_index" < "$BENCH/queries.txt") \
            <("$FRAMEWORK" --batch --seeds "$essays" --index "$essays_index" < "$BENCH/queries.txt"); then
  say "the native and the framework-dependent search answer bench/queries.txt differently"
  exit 1
fi
# With no index yet, a query builds one first, in the native command itself.
rm -rf "$TMP/essays-unbuilt"
if ! "$SEARCH" 超级智能 --seeds "$essays" --index "$TMP/essays-unbuilt" >/dev/null 2>&1; then
  say "the native search did not build a missing index and answer"
  exit 1
fi
# The native command serves too: its /api/search answers exactly what its --json writes, and it stops cleanly on SIGTERM
# (a background job of a script ignores SIGINT; Ctrl-C is tested in ServeCommandTests).
"$SEARCH" serve --port 0 --seeds "$essays" --index "$essays_index" > "$TMP/serve.out" 2> "$TMP/serve.err" &
server=$!
url=""
for _ in $(seq 100); do url=$(grep -o 'http://[^ ]*' "$TMP/serve.out" || true); [ -n "$url" ] && break; sleep 0.1; done
if [ -z "$url" ] || ! cmp -s <(curl -sf "${url}api/search?q=%E8%B6%85%E7%BA%A7%E6%99%BA%E8%83%BD"; echo) \
                               <("$SEARCH" --json 超级智能 --seeds "$essays" --index "$essays_index"); then
  say "the native search serve did not answer /api/search as search --json does: $(cat "$TMP/serve.err")"
  kill $server 2>/dev/null || true
  exit 1
fi
kill -TERM $server
if ! wait $server; then
  say "the native search serve did not stop cleanly on SIGTERM: $(cat "$TMP/serve.err")"
  exit 1
fi
cli_rows=()
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 3 -r "$runs" --export-json "$TMP/cli.json" "${one[@]}" >&2
  hyperfine -w 2 -r "$runs" --export-json "$TMP/batch.json" "${batch[@]}" >&2
  median() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$@"; }
  ours=$(median "$TMP/cli.json" 0); peer=$([ $PEER = 1 ] && median "$TMP/cli.json" 1 || echo -)
  jit=$(median "$TMP/cli.json" $((PEER + 1)))
  cli_rows+=("| one query (超级智能), native, median | $ours s | $peer s | $(ratio "$ours" "$peer") |")
  cli_rows+=("| one query (超级智能), framework-dependent (dotnet tool), median | $jit s | $peer s | $(ratio "$jit" "$peer") |")
  cli_rows+=("| --batch, $(grep -c . "$BENCH/queries.txt") queries, native, median | $(median "$TMP/batch.json" 0) s | - | - |")
else
  say "hyperfine missing: CLI timing skipped (a full run installs it)"
fi

say "micro-benchmarks (BenchmarkDotNet)"
if [ $SMOKE = 1 ]; then
  (cd "$TMP" && BENCH_SMOKE=1 "$TOOL" --filter '*' >&2)
else
  (cd "$TMP" && "$TOOL" --filter '*' >&2)
fi
micro=$(ls -t "$TMP"/BenchmarkDotNet.Artifacts/results/*-report-github.md 2>/dev/null | head -1)

report="$OUT/RESULTS.md"
[ $# -gt 0 ] && report="$OUT/RESULTS-$(IFS=-; echo "${tiers[*]}").md"   # a run of chosen tiers keeps the full run's report
[ $SMOKE = 1 ] && report="$TMP/RESULTS-smoke.md"
{
  echo "# Benchmark results"
  echo
  echo "$(date -u +%F) · $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) · $(uname -sr) · .NET $(dotnet --version)$([ $PEER = 1 ] && echo " · peer: Java Lucene 8.7 + SmartCn, $(java -version 2>&1 | head -1)")"
  echo
  echo "Command: \`bench/run.sh ${*:-}\` (all figures from this one run; compare only the ratios, the machine is shared)."
  echo
  echo "## Indexing, whole process ($ALL_BUILDS builds each, 2 at 50x, alternating ours/peer; median wall times; largest peak RSS)"
  echo
  echo "ratio: of the median throughputs. paired: each pair's throughput ratio, median (min-max)."
  echo
  echo "| tier | chars | ours chars/s | peer chars/s | ratio | paired | ours paras/s | peer paras/s | ours peak MiB | peer peak MiB | ours index MiB | peer index MiB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows_index[@]}"
  echo
  echo "## Query latency in process, ms (top 10 with highlights and snippets, $ROUNDS rounds of bench/queries.txt)"
  echo
  echo "After one warm-up round (the first rounds run largely in the JIT's early tiers, on both sides), and at steady state: after $STEADY warm-up rounds, $STEADY timed. Each figure is the median of $LATENCY_RUNS runs, ours and the peer's in turn (this table's and the next's)."
  echo
  echo "| tier | statistic | ours | peer | ours / peer | ours steady | peer steady | ours / peer steady |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows_query[@]}"
  echo
  echo "## Relaxed queries in process, ms (ours: bench/questions.txt, questions that are relaxed, beside the strict bench/queries.txt)"
  echo
  echo "peer questions: the peer on the same questions, which its parser's default OR searches as any of their words (a relaxed query of its own)."
  echo
  echo "| tier | statistic | strict | relaxed | relaxed / strict | peer questions | relaxed / peer | strict steady | relaxed steady | relaxed / strict steady | peer questions steady | relaxed / peer steady |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows_relaxed[@]}"
  echo
  echo "## Where a query's time goes at steady state, ms per query (our \`steps\` tool, $STEADY warm-up rounds: finding the top 10, reading their records, highlighting them)"
  echo
  echo "| tier | list | find | read | highlight |"
  echo "| --- | --- | ---: | ---: | ---: |"
  printf '%s\n' "${rows_steps[@]}"
  echo
  if [ ${#rows_update[@]} -gt 0 ]; then
    echo "## One changed essay: \`search index\` (update) against \`search index --full\`, whole process ($ALL_BUILDS rounds, bench/update.sh)"
    echo
    echo "Median wall seconds; ratio: of the medians; paired: each round's ratio, median (min-max). Both indexes answer bench/queries.txt byte for byte alike."
    echo
    echo "| tier | update s | full build s | update / full | paired |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows_update[@]}"
    echo
  fi
  echo "## Command line, whole process, on the essays (hyperfine)"
  echo
  echo "| run | ours | peer | ours / peer |"
  echo "| --- | ---: | ---: | ---: |"
  printf '%s\n' "${cli_rows[@]}"
  echo
  echo "## Micro-benchmarks (BenchmarkDotNet, essays)"
  echo
  [ -n "$micro" ] && sed -n '/^|/,$p' "$micro"
} > "$report"
say "wrote $report"
cat "$report"
