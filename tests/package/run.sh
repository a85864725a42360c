#!/usr/bin/env bash
# Uses the packages as a user would: packs the library and the tool into a local feed, builds a fresh console
# project that references the EssaySearch package (not the project) and runs the README's embedding example in it,
# installs the tool with `dotnet tool install --tool-path --add-source` and builds and checks an index with the steps of
# the example workflow (docs/regenerate-index.yml), then searches with it, all against the seeds.
# Usage: tests/package/run.sh [FEED_DIR]   (default: a temporary folder; exits non-zero saying what failed)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d -t essay-search-package-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FEED=${1:-$WORK/feed}
mkdir -p "$FEED"

fail() {
  echo "package test FAILED: $*" >&2
  exit 1
}
step() { echo "package test: $*" >&2; }

# The version the packages get (Directory.Build.props), as MSBuild computes it.
VERSION=$(dotnet msbuild "$ROOT/src/EssaySearch/EssaySearch.csproj" -getProperty:PackageVersion -nologo)
RID=$(dotnet --info | sed -nE 's/^ *RID: *//p' | head -1)
[ -n "$VERSION" ] && [ -n "$RID" ] || fail "could not read the package version or this machine's runtime identifier"

step "packing EssaySearch $VERSION and EssaySearch.Cli $VERSION ($RID only) into $FEED"
dotnet pack "$ROOT/src/EssaySearch" -c Release -o "$FEED" -nologo -v quiet \
  || fail "dotnet pack src/EssaySearch failed"
# The tool is packed for this machine's platform only (CI time); the release pack makes every platform's package.
dotnet pack "$ROOT/src/EssaySearch.Cli" -c Release -o "$FEED" -nologo -v quiet -p:RuntimeIdentifiers="$RID" \
  || fail "dotnet pack src/EssaySearch.Cli failed"
for package in "EssaySearch.$VERSION.nupkg" "EssaySearch.$VERSION.snupkg" "EssaySearch.Cli.$VERSION.nupkg" "EssaySearch.Cli.$RID.$VERSION.nupkg"; do
  [ -f "$FEED/$package" ] || fail "$package is missing from the feed (found: $(ls "$FEED" | tr '\n' ' '))"
done

# The package's readme is the README's embedding section, with its example.
EXAMPLE=$(sed -n '/^## Embedding the library$/,/^## /p' "$ROOT/README.md" | sed -n '/^```csharp$/,/^```$/p' | sed '1d;$d')
[ -n "$EXAMPLE" ] || fail "README.md has no csharp example in its 'Embedding the library' section"
command -v unzip >/dev/null || fail "unzip is required to read the packages"
PACKAGE_README=$(unzip -p "$FEED/EssaySearch.$VERSION.nupkg" README.md)
[[ "$PACKAGE_README" == *"$EXAMPLE"* ]] || fail "the EssaySearch package's README.md lacks the README's embedding example"

# NuGet takes a version it has seen before from its global packages folder, not from the feed: these packages'
# earlier packs of the same version are removed from it, so that what is tested is what was just packed.
GLOBAL_PACKAGES=$(dotnet nuget locals global-packages --list | sed -nE 's/^global-packages: *//p')
if [ -d "$GLOBAL_PACKAGES" ]; then rm -rf "$GLOBAL_PACKAGES/essaysearch" "$GLOBAL_PACKAGES"/essaysearch.cli*; fi

SEEDS="$WORK/seeds"
cp -r "$ROOT/seeds" "$SEEDS"
cat >"$WORK/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$FEED" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF

step "building a console project that references the EssaySearch package and runs the README's example"
APP="$WORK/consumer"
# Outside the repository, so none of its Directory.*.props apply: a user's project.
dotnet new console -o "$APP" -n Consumer --framework net10.0 >/dev/null || fail "dotnet new console failed"
(cd "$APP" && dotnet add package EssaySearch --version "$VERSION" >/dev/null) \
  || fail "dotnet add package EssaySearch --version $VERSION failed (see the nuget.config in $WORK)"
grep -q 'Include="EssaySearch"' "$APP/Consumer.csproj" || fail "the console project does not reference the EssaySearch package"
{
  # The example is the method PrintTopHits(indexFolder, seedsFolder, output), with the namespaces its test imports.
  grep -E '^using [A-Za-z.]+;$' "$ROOT/tests/EssaySearch.Tests/ReadmeExample.cs"
  echo 'PrintTopHits(args[0], args[1], Console.Out);'
  echo
  echo "$EXAMPLE"
} >"$APP/Program.cs"
dotnet build "$APP" -c Release -nologo -v quiet >"$WORK/consumer-build.log" 2>&1 \
  || { cat "$WORK/consumer-build.log" >&2; fail "the README's example does not build against the EssaySearch package"; }
LIBRARY_OUTPUT=$(dotnet run --no-build -c Release --project "$APP" -- "$WORK/library-index" "$SEEDS") \
  || fail "the README's example, built against the package, failed"
echo "$LIBRARY_OUTPUT" >&2
LIBRARY_TOTAL=$(sed -nE '1s/^([0-9]+) paragraphs match$/\1/p' <<<"$LIBRARY_OUTPUT")
[ -n "$LIBRARY_TOTAL" ] && [ "$LIBRARY_TOTAL" -gt 0 ] || fail "the README's example printed no '<n> paragraphs match' line with n > 0"
grep -q '^1\. .*超级智能' <<<"$LIBRARY_OUTPUT" || fail "the README's example printed no first hit containing 超级智能"

step "installing the tool and building and checking an index with the steps of docs/regenerate-index.yml"
WORKFLOW="$ROOT/docs/regenerate-index.yml"
grep -qE "^  ESSAY_SEARCH_VERSION: $VERSION$" "$WORKFLOW" || fail "docs/regenerate-index.yml does not install this version, $VERSION"
# The workflow's steps, run as GitHub Actions would, in a repository whose essays are the seeds.
REPO="$WORK/essays-repository"
mkdir -p "$REPO"
cp -r "$SEEDS" "$REPO/essays"
export RUNNER_TEMP="$WORK/runner" GITHUB_PATH="$WORK/github-path" ESSAYS=essays ESSAY_SEARCH_VERSION="$VERSION"
INSTALL=$(awk '/- name: Install the search tool/ { step = 1 } step && /run: [|]/ { body = 1; next } body && /^ *$/ { exit } body { sub(/^ +/, ""); print }' "$WORKFLOW")
grep -q 'dotnet tool install' <<<"$INSTALL" || fail "docs/regenerate-index.yml has no 'Install the search tool' step running dotnet tool install"
(cd "$REPO" && FEED="$FEED" bash -euo pipefail -c "$INSTALL" >/dev/null) \
  || fail "the workflow's install step (dotnet tool install EssaySearch.Cli --version $VERSION --add-source $FEED) failed"
TOOLS=$(cat "$GITHUB_PATH")
[ -x "$TOOLS/search" ] || fail "the tool installed no 'search' command in $TOOLS"
"$TOOLS/search" --version >/dev/null || fail "the installed 'search --version' failed"
STEPS=$(sed -nE 's/^ +run: (search .*)$/\1/p' "$WORKFLOW")
[ "$(wc -l <<<"$STEPS")" -ge 2 ] || fail "docs/regenerate-index.yml has no 'run: search index' and 'run: search index --check' steps"
while read -r command; do
  (cd "$REPO" && PATH="$TOOLS:$PATH" bash -euo pipefail -c "$command" 2>"$WORK/step.log") \
    || { cat "$WORK/step.log" >&2; fail "the workflow's step '$command' failed"; }
done <<<"$STEPS"
ls "$REPO/index/current"/segments_* >/dev/null 2>&1 || fail "the workflow's steps left no index in index/current, the folder it publishes"
TOOL_JSON=$("$TOOLS/search" 超级智能 --json --seeds "$REPO/essays" --index "$REPO/index") \
  || fail "the installed 'search 超级智能' found nothing (exit $?)"
TOOL_TOTAL=$(grep -oE '"total": *[0-9]+' <<<"$TOOL_JSON" | grep -oE '[0-9]+$')
# The tool and the library answer the same query on the same seeds: the same number of paragraphs, the same best hit.
[ "$TOOL_TOTAL" = "$LIBRARY_TOTAL" ] || fail "the tool found $TOOL_TOTAL paragraphs for 超级智能, the library $LIBRARY_TOTAL"
TOOL_FIRST_TITLE=$(grep -oE '"title": *"[^"]*"' <<<"$TOOL_JSON" | head -1 | sed -E 's/"title": *"(.*)"/\1/')
grep -qF "1. $TOOL_FIRST_TITLE " <<<"$LIBRARY_OUTPUT" \
  || fail "the tool's best hit is in '$TOOL_FIRST_TITLE', the library's is not"
"$TOOLS/search" 超级智能 --seeds "$REPO/essays" --index "$REPO/index" --color never | grep -q 超级智能 \
  || fail "the installed 'search 超级智能' printed no line with 超级智能"

step "passed: the library package ran the README's example ($LIBRARY_TOTAL paragraphs), the tool package agreed"
