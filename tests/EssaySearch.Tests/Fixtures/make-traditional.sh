#!/usr/bin/env bash
# Writes the traditional-Chinese fixtures with OpenCC (Apache License 2.0; Debian 12's `opencc` 1.1.6, its s2t.json
# configuration: simplified to OpenCC's standard traditional characters, phrase-aware). Tests never call OpenCC.
# Regenerate by hand, once, after make-jieba-cut.py:
#
#   apt-get install -y opencc
#   bash tests/EssaySearch.Tests/Fixtures/make-traditional.sh
#
#   traditional-seeds/    the essays of seeds/, converted whole but for the keys of metadata lines (发布时间: …)
#   traditional-words.tsv simplified<TAB>traditional: every distinct Han word (2+ characters) of jieba's cut of the
#                         seeds (jieba-cut.tsv) that OpenCC writes differently in traditional, then every 7th pair of
#                         adjacent such words as one query, its first word traditional and its second simplified
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
rm -rf "$HERE/traditional-seeds" && mkdir "$HERE/traditional-seeds"
for file in "$ROOT"/seeds/*; do
  opencc -c s2t.json -i "$file" -o "$HERE/traditional-seeds/$(basename "$file")"
done
python3 - "$HERE" "$ROOT" <<'PY'
import re, sys
from pathlib import Path
# The corpus reader knows its metadata lines (发布时间: …) by their simplified keys: those keep them, values converted.
keys = re.compile(r'^(文章作者|发布时间|发布地|原文链接|封面图链接): ')
for converted in Path(sys.argv[1], 'traditional-seeds').iterdir():
    original = Path(sys.argv[2], 'seeds', converted.name).read_text(encoding='utf-8').split('\n')
    lines = converted.read_text(encoding='utf-8').split('\n')
    assert len(lines) == len(original)
    lines = [keys.match(o).group(0) + c[len(keys.match(o).group(0)):] if keys.match(o) else c for o, c in zip(original, lines)]
    converted.write_text('\n'.join(lines), encoding='utf-8')
PY
python3 - "$HERE" <<'PY'
import subprocess, sys
from pathlib import Path
here = Path(sys.argv[1])
words, pairs = [], []
for line in open(here / 'jieba-cut.tsv', encoding='utf-8'):
    source, _, tokens = line.rstrip('\n').split('\t')
    if source != 'seeds':
        continue
    row = [(word, *map(int, span.split('-'))) for word, span in (token.rsplit('@', 1) for token in tokens.split(' ') if token)]
    words += [w for w, _, _ in row if len(w) > 1]
    pairs += [(a[0], b[0]) for a, b in zip(row, row[1:]) if len(a[0]) > 1 and len(b[0]) > 1 and a[2] == b[1]]
words = list(dict.fromkeys(words))
to_traditional = lambda items: subprocess.run(['opencc', '-c', 's2t.json'], input='\n'.join(items) + '\n',
                                                capture_output=True, text=True, check=True).stdout.split('\n')
traditional = dict(zip(words, to_traditional(words)))
rows = [(w, traditional[w]) for w in words if traditional[w] != w]
mixed = [(a + b, traditional[a] + b) for a, b in pairs if traditional[a] != a]
rows += list(dict.fromkeys(mixed))[::7]
with open(here / 'traditional-words.tsv', 'w', encoding='utf-8', newline='\n') as out:
    out.writelines(f'{s}\t{t}\n' for s, t in rows)
print(f'traditional-words.tsv: {len(rows)} rows', file=sys.stderr)
PY
