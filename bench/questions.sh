#!/usr/bin/env bash
# Scores our search and the Java Lucene + SmartCn peer on queries as people type them; writes bench/results/QUESTIONS.md.
#
#   bench/questions.sh
#
# Sets, in tests/EssaySearch.Tests/Fixtures: questions.tsv (questions about the seed essays, each with the paragraphs
# that answer it) and metadata-queries.tsv (queries naming an essay by its author, title or publisher, each with that
# essay). Both engines answer on the essays tier of bench/make-corpus.sh, top 10: ours through `search --batch
# --limit 10`, every query exactly as typed; the peer through `RefSearch search IDX QUERY 10`, one process a query,
# with the classic QueryParser's syntax escaped (it would read `?` as a wildcard). Per engine and set: success@10
# (share of queries with an answer in the top 10) and mean reciprocal rank (1/rank of the first answer, 0 when none is
# in the top 10). The scoring is bench/questions.py.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
TMP="$BENCH/results/tmp/questions"
FIXTURES="$ROOT/tests/EssaySearch.Tests/Fixtures"
say() { echo "questions: $*" >&2; }

if [ ! -f /usr/share/java/lucene-analyzers-smartcn-8.7.0.jar ] || ! command -v javac >/dev/null; then
  say "installing the peer's Java Lucene + SmartCn and a JDK"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq liblucene8-java default-jdk-headless >/dev/null
fi
sh "$ROOT/../shared/peers/lucene-smartcn/build.sh" >/dev/null
CP="$(cat /tmp/refsearch/classpath)"

"$BENCH/make-corpus.sh" essays
ESSAYS="$BENCH/corpus/essays"
rm -rf "$TMP" && mkdir -p "$TMP"
say "building our command (Release) and the peer's index"
dotnet build -c Release "$ROOT/src/EssaySearch.Cli" -nologo -v q >&2
java -cp "$CP" RefSearch index "$TMP/peer-index" "$ESSAYS/paragraphs.tsv" >/dev/null

say "asking both engines"
python3 "$BENCH/questions.py" \
  --paragraphs "$ESSAYS/paragraphs.tsv" \
  --set "questions=$FIXTURES/questions.tsv" \
  --set "metadata=$FIXTURES/metadata-queries.tsv" \
  --peer-classpath "$CP" --peer-index "$TMP/peer-index" \
  --report "$BENCH/results/QUESTIONS.md" --command "bench/questions.sh" \
  -- dotnet run --project "$ROOT/src/EssaySearch.Cli" -c Release --no-build -- \
     --batch --limit 10 --seeds "$ESSAYS/seeds" --index "$TMP/ours-index"
say "wrote bench/results/QUESTIONS.md"
