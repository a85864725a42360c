#!/usr/bin/env bash
# A/B of two builds of the `search` command, side by side in one run (hyperfine): indexing manpages-zh, and one query
# on the essays, whole process; with VAULT, also one query on that tier (a large vault: the query's freshness check
# lists every file). Writes bench/results/AB.md, or with VAULT bench/results/AB-VAULT.md.
#
#   bench/ab-commands.sh OLD_SEARCH NEW_SEARCH [RUNS] [VAULT]    e.g. a native publish of main's HEAD against this
#                                                                 checkout's; VAULT a tier of make-corpus.sh (manpages50x)
#
# To publish an older commit beside this one:
#   git worktree add /tmp/ab-old COMMIT
#   dotnet publish /tmp/ab-old/src/EssaySearch.Cli -c Release -r linux-x64 -p:PublishAot=true -o /tmp/ab-old-cli
# Each command's indexing runs from scratch (its index folder removed before each run). The machine is shared:
# compare the ratios, and the CPU time (user + system) beside the wall time.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
OLD="$(realpath "$1")" NEW="$(realpath "$2")" RUNS="${3:-10}" VAULT="${4:-}"
TMP="$BENCH/results/tmp/ab"
command -v hyperfine >/dev/null || { apt-get update -qq >/dev/null; apt-get install -y -qq hyperfine >/dev/null; }
"$BENCH/make-corpus.sh" essays manpages
rm -rf "$TMP" && mkdir -p "$TMP"
man="$BENCH/corpus/manpages/seeds" essays="$BENCH/corpus/essays/seeds"

hyperfine -N -w 1 -r "$RUNS" --export-json "$TMP/index.json" \
  --prepare "rm -rf $TMP/old-man" "$OLD index --seeds $man --index $TMP/old-man" \
  --prepare "rm -rf $TMP/new-man" "$NEW index --seeds $man --index $TMP/new-man" >&2
"$OLD" index --seeds "$essays" --index "$TMP/old-essays" 2>/dev/null
"$NEW" index --seeds "$essays" --index "$TMP/new-essays" 2>/dev/null
hyperfine -N -w 5 -r $((RUNS * 3)) --export-json "$TMP/query.json" \
  "$OLD 超级智能 --seeds $essays --index $TMP/old-essays" \
  "$NEW 超级智能 --seeds $essays --index $TMP/new-essays" >&2
if [ -n "$VAULT" ]; then
  "$BENCH/make-corpus.sh" "$VAULT"
  vault="$BENCH/corpus/$VAULT/seeds"
  "$OLD" index --seeds "$vault" --index "$TMP/old-vault" 2>/dev/null
  "$NEW" index --seeds "$vault" --index "$TMP/new-vault" 2>/dev/null
  hyperfine -N -w 2 -r $((RUNS * 3)) --export-json "$TMP/vault.json" \
    "$OLD 文件 --seeds $vault --index $TMP/old-vault" \
    "$NEW 文件 --seeds $vault --index $TMP/new-vault" >&2
fi

row() {   # row JSON LABEL
  python3 - "$@" <<'PY'
import json, sys
old, new = json.load(open(sys.argv[1]))['results']
cpu = lambda r: r['user'] + r['system']   # hyperfine keeps their means only
print(f"| {sys.argv[2]} | {old['median']:.3f} s | {new['median']:.3f} s | {new['median'] / old['median']:.2f} "
      f"| {cpu(old):.3f} s | {cpu(new):.3f} s | {cpu(new) / cpu(old):.2f} |")
PY
}
{
  echo "# A/B: \`$1\` (old) against \`$2\` (new)"
  echo
  echo "$(date -u +%F) · $(nproc) cores · $(uname -sr) · load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Command: \`bench/ab-commands.sh $*\`. Wall: median of the hyperfine runs; CPU: mean user + system time of the process."
  echo
  echo "| run | old wall | new wall | new / old | old CPU | new CPU | new / old |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  row "$TMP/index.json" "index manpages-zh ($RUNS runs each)"
  row "$TMP/query.json" "\`search 超级智能\` on the essays ($((RUNS * 3)) runs each)"
  [ -z "$VAULT" ] || row "$TMP/vault.json" "\`search 文件\` on $VAULT ($((RUNS * 3)) runs each)"
} > "$BENCH/results/AB${VAULT:+-$VAULT}.md"
cat "$BENCH/results/AB${VAULT:+-$VAULT}.md"
