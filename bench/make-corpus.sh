#!/usr/bin/env bash
# Builds the benchmark corpora under bench/corpus/ (git-ignored). Idempotent: a finished tier is kept.
#
#   bench/make-corpus.sh [TIER...]        TIER: essays manpages manpages10x manpages50x weekly (default: the first three)
#
# Each tier is a folder bench/corpus/TIER/ with
#   seeds/            the files our indexer reads (`search index --seeds bench/corpus/TIER/seeds`)
#   paragraphs.tsv    the same paragraphs for the Java peer: essay<TAB>n<TAB>text, written by our own corpus
#                     reader (EssaySearch.Benchmarks `tsv`), so both engines index exactly the same text
#   stats             "files N paragraphs N chars N" (chars in UTF-16 code units, as Java counts them)
#
# Tiers:
#   essays       a copy of the repository's seeds/ (2 essays, 67 paragraphs)
#   manpages     Debian's manpages-zh, zh_CN pages rendered to text by groff (bench/man2txt.py): one file per
#                page, paragraphs between blank lines; ~703 files, ~21.7 k paragraphs, ~1.7 M characters
#   manpages10x  the manpages tier ten times over, as r01-NAME.txt ... r10-NAME.txt
#   manpages50x  fifty times over (~35 k files, ~1.09 M paragraphs, ~86 M characters; plan ~1 GB of disk for it and its indexes)
#   weekly       real Markdown: the Chinese weekly https://github.com/ruanyf/weekly at commit $WEEKLY_COMMIT
#                (links, images, emphasis, lists, quotes, inline HTML, headings); its 420 Markdown files, put
#                side by side in one folder (docs/issue-300.md -> docs-issue-300.md) so that a reader that does
#                not descend into folders sees the same files; ~4 M characters. Cloned from GitHub, or taken
#                from WEEKLY_REPO (a clone or bare git directory of it) where GitHub is out of reach.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
CORPUS="$BENCH/corpus"
VERSION=3   # bump when the conversion changes, to rebuild existing tiers
WEEKLY_COMMIT=cf5e367d98e5141fb3381816f2ac8c5dd1bdb69f
TOOL="$BENCH/EssaySearch.Benchmarks/bin/Release/net10.0/EssaySearch.Benchmarks"

tiers=("$@")
[ ${#tiers[@]} -gt 0 ] || tiers=(essays manpages manpages10x)

say() { echo "make-corpus: $*" >&2; }

apt_install() {   # apt_install PACKAGE... (only those whose command is missing are asked for)
  local missing=()
  for spec in "$@"; do [ -n "$(command -v "${spec%%:*}")" ] || missing+=("${spec#*:}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

done_stamp() { [ -f "$CORPUS/$1/.done" ] && [ "$(cat "$CORPUS/$1/.done")" = "$VERSION" ]; }

write_tsv() {   # write_tsv TIER
  [ -x "$TOOL" ] || dotnet build -c Release "$BENCH/EssaySearch.Benchmarks" -nologo -v q >&2
  "$TOOL" tsv "$CORPUS/$1/seeds" "$CORPUS/$1/paragraphs.tsv" > "$CORPUS/$1/stats"
  echo "$VERSION" > "$CORPUS/$1/.done"
  say "$1: $(cat "$CORPUS/$1/stats")"
}

make_essays() {
  rm -rf "$CORPUS/essays" && mkdir -p "$CORPUS/essays/seeds"
  cp "$ROOT"/seeds/*.md "$ROOT"/seeds/*.txt "$CORPUS/essays/seeds/" 2>/dev/null || true
  write_tsv essays
}

make_manpages() {
  apt_install dpkg-deb:dpkg groff:groff-base python3:python3
  local cache="$CORPUS/.cache"
  mkdir -p "$cache"
  if ! ls "$cache"/manpages-zh_*.deb >/dev/null 2>&1; then
    apt_install apt-get:apt
    say "downloading manpages-zh"
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$cache" && apt-get download -qq manpages-zh >/dev/null 2>&1 || true)
    ls "$cache"/manpages-zh_*.deb >/dev/null
  fi
  rm -rf "$cache/root" && mkdir -p "$cache/root"
  dpkg-deb -x "$(ls "$cache"/manpages-zh_*.deb | tail -1)" "$cache/root"
  rm -rf "$CORPUS/manpages" && mkdir -p "$CORPUS/manpages"
  python3 "$BENCH/man2txt.py" "$cache/root/usr/share/man/zh_CN" "$CORPUS/manpages/seeds" >&2
  write_tsv manpages
}

make_manpages_times() {   # make_manpages_times N: the manpages tier N times over, as r01-NAME.txt ... rNN-NAME.txt
  local tier="manpages$1x"
  done_stamp manpages || make_manpages
  rm -rf "$CORPUS/$tier" && mkdir -p "$CORPUS/$tier/seeds"
  for r in $(seq -w 1 "$1"); do
    for f in "$CORPUS/manpages/seeds"/*.txt; do
      cp "$f" "$CORPUS/$tier/seeds/r$r-$(basename "$f")"
    done
  done
  write_tsv "$tier"
}
make_manpages10x() { make_manpages_times 10; }
make_manpages50x() { make_manpages_times 50; }

make_weekly() {
  local repo="${WEEKLY_REPO:-$CORPUS/.cache/weekly.git}"
  if [ ! -d "$repo" ]; then
    say "cloning https://github.com/ruanyf/weekly"
    git clone -q --bare https://github.com/ruanyf/weekly "$repo"
  fi
  rm -rf "$CORPUS/weekly" "$CORPUS/.cache/weekly-tree" && mkdir -p "$CORPUS/weekly/seeds" "$CORPUS/.cache/weekly-tree"
  git -C "$repo" archive "$WEEKLY_COMMIT" | tar -x -C "$CORPUS/.cache/weekly-tree"
  (cd "$CORPUS/.cache/weekly-tree" && find . -name '*.md' -type f | sed 's|^\./||' | while read -r f; do
     cp "$f" "$CORPUS/weekly/seeds/${f//\//-}"
   done)
  write_tsv weekly
}

mkdir -p "$CORPUS"
for tier in "${tiers[@]}"; do
  case "$tier" in
    essays|manpages|manpages10x|manpages50x|weekly) ;;
    *) say "unknown tier '$tier' (essays, manpages, manpages10x, manpages50x, weekly)"; exit 2 ;;
  esac
  if done_stamp "$tier"; then
    say "$tier: up to date ($(cat "$CORPUS/$tier/stats"))"
  else
    "make_$tier"
  fi
done
