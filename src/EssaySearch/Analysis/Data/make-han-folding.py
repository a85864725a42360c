#!/usr/bin/env python3
"""Writes han-folding.txt, the traditional -> simplified character folding, and han-folding.bin, the same table as
HanFolding.cs reads it.

Sources (read from Debian 12's packages; regenerate by hand when they change, and commit the output):
- Unicode's Unihan database, Unihan_Variants.txt (Unicode 15.0, package `unicode-data`,
  /usr/share/unicode/Unihan_Variants.txt.bz2), Unicode License (https://www.unicode.org/license.txt);
- OpenCC's traditional -> simplified character table, TSCharacters (package `opencc` 1.1.6,
  /usr/share/opencc/TSCharacters.ocd2, dumped with its `opencc_dict`), Apache License 2.0. It fills the gaps
  Unihan 15.0 leaves in everyday text: 遊 -> 游, 週 -> 周, 佈 -> 布, 僱 -> 雇, 癒 -> 愈, 鑑 -> 鉴, and the standard
  forms OpenCC writes, 爲 -> 为, 裏 -> 里 (Unihan has only semantic variants for those, and semantic variants in
  general join distinct characters: 子 is one of 只, 二 of 貳).

    apt-get install -y unicode-data opencc
    python3 src/EssaySearch/Analysis/Data/make-han-folding.py

Characters are joined into classes of variants that either script may write for one another, in this order:
1. a traditional character and each of its OpenCC simplified forms;
2. a character and each of its Unihan kSimplifiedVariant, then each of its kTraditionalVariant;
3. a CJK compatibility ideograph and its canonical (NFC) unified ideograph.
A join that would put two different simplified characters in one class is skipped, so one-to-many mappings
fold to the first form named (OpenCC's, then Unihan's): 乾 and 幹 fold to 干, 著 to 着, 劃 to 划 (not 画), 鑑 to 鉴
(not Unihan's supplementary-plane 𰾫). A character that is itself simplified in some uses (乾 in 乾隆, 著 in 著作)
folds all the same: distinct words can meet (著作 and 着作), recall is never lost.
Each class folds to its simplified character, else a member in the Basic Multilingual Plane (the main CJK block
first), else the lowest code point. Mappings may cross planes (a supplementary-plane variant to a BMP character).
Output: han-folding.txt, one line per class, `target<TAB>the characters that fold to it`, sorted by code point (the
table to read and review, and make-jieba-dictionary.py's input); han-folding.bin, the table HanFolding.cs uses where it
lies in the loaded assembly, neither parsed nor copied (a query reads only the pages its characters lead to).
Little-endian layout:

    "HFD1"  int32 pairs
    int32   bmp[65536]        the code point each BMP character folds to, 0 for none
    int32   source, target    `pairs` of them for supplementary-plane characters, sorted by source
"""
import bz2
import struct
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

UNIHAN = Path('/usr/share/unicode/Unihan_Variants.txt.bz2')
OPENCC = Path('/usr/share/opencc/TSCharacters.ocd2')
OUTPUT = Path(__file__).with_name('han-folding.txt')
BINARY = Path(__file__).with_name('han-folding.bin')

fields = defaultdict(dict)
for line in bz2.open(UNIHAN, 'rt', encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    code, field, value = line.rstrip('\n').split('\t')
    fields[chr(int(code[2:], 16))][field] = [chr(int(p, 16)) for p in re.findall(r'U\+([0-9A-F]+)', value)]

with tempfile.NamedTemporaryFile(suffix='.txt') as dump:
    subprocess.run(['opencc_dict', '-i', OPENCC, '-o', dump.name, '-f', 'ocd2', '-t', 'text'], check=True)
    opencc = {t: s.split(' ') for t, s in (line.rstrip('\n').split('\t') for line in open(dump.name, encoding='utf-8'))}

simplified = set()   # characters that some source names as the simplified form of another
for char, f in fields.items():
    simplified.update(s for s in f.get('kSimplifiedVariant', []) if s != char)
    if any(t != char for t in f.get('kTraditionalVariant', [])):
        simplified.add(char)
for trad, forms in opencc.items():
    simplified.update(s for s in forms if s != trad)

parent = {}
simplified_member = {}   # class root -> its simplified character, if it has one


def root(c):
    while parent.setdefault(c, c) != c:
        c = parent[c]
    return c


def join(a, b):
    """Puts a and b in one class, unless that would join two different simplified characters."""
    ra, rb = root(a), root(b)
    sa = simplified_member.get(ra, a if a in simplified else None)
    sb = simplified_member.get(rb, b if b in simplified else None)
    if ra == rb or (sa and sb and sa != sb):
        return
    parent[ra] = rb
    if sa or sb:
        simplified_member[rb] = sa or sb


for trad, forms in opencc.items():
    for s in forms:
        join(trad, s)
for char, f in fields.items():
    for s in f.get('kSimplifiedVariant', []):
        join(char, s)
for char, f in fields.items():
    for t in f.get('kTraditionalVariant', []):
        join(t, char)
for code in list(range(0xF900, 0xFB00)) + list(range(0x2F800, 0x2FA20)):
    char = chr(code)
    unified = unicodedata.normalize('NFC', char)
    if unified != char and len(unified) == 1:
        join(char, unified)

classes = defaultdict(list)
for char in parent:
    classes[root(char)].append(char)
preference = lambda c: (c not in simplified, ord(c) > 0xFFFF, not 0x4E00 <= ord(c) <= 0x9FFF, ord(c))
with open(OUTPUT, 'w', encoding='utf-8', newline='\n') as out:
    lines = []
    for members in classes.values():
        target = min(members, key=preference)
        sources = sorted(c for c in members if c != target)
        if sources:
            lines.append(target + '\t' + ''.join(sources) + '\n')
    out.writelines(sorted(lines))
folds = {s: line[0] for line in lines for s in line.rstrip('\n').split('\t')[1]}
bmp = [0] * 0x10000
for s, t in folds.items():
    if ord(s) <= 0xFFFF:
        bmp[ord(s)] = ord(t)
supplementary = sorted((ord(s), ord(t)) for s, t in folds.items() if ord(s) > 0xFFFF)
with open(BINARY, 'wb') as out:
    out.write(b'HFD1' + struct.pack('<i', len(supplementary)) + struct.pack('<65536i', *bmp))
    out.write(b''.join(struct.pack('<ii', s, t) for s, t in supplementary))
sizes = sorted((len(m) for m in classes.values()), reverse=True)
print(f'{OUTPUT.name}: {sum(sizes) - len(sizes)} characters fold into {len(sizes)} classes (largest: {sizes[:5]})', file=sys.stderr)
