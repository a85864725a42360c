#!/usr/bin/env python3
"""Writes jieba-dictionary.bin, the word dictionary of JiebaSegmenter.cs, compiled from jieba's dict.txt.

Source: jieba 0.42.1's dictionary (https://github.com/fxsjy/jieba, MIT License), as Debian 12's `python3-jieba`
ships it: /usr/lib/python3/dist-packages/jieba/dict.txt (349,046 lines `word frequency tag`).
Regenerate (by hand, after make-han-folding.py; commit the output):

    apt-get install -y python3-jieba
    python3 src/EssaySearch/Analysis/Data/make-jieba-dictionary.py

Words are folded with han-folding.txt first, as the analyzers fold text before segmenting it (words that fold
alike add their frequencies; the total stays jieba's). Words with characters other than Han ideographs (AT&T,
B超) are left out: the analyzers segment runs of Han characters only. The output is a trie of UTF-16 code
units in breadth-first order, so that each node's children are consecutive and sorted; it is used where it lies in
the loaded assembly, with no parsing. Little-endian layout:

    "JBD2"  int32 nodes  int64 total
    uint16 label[nodes]          code unit leading to the node (root: 0), then 0 or 2 bytes to align what follows
    int32  firstChild[nodes + 1] children of node i are firstChild[i] .. firstChild[i + 1] - 1
    int32  frequency[nodes]      the word's frequency, 0 for a prefix that is no word
    int32  rootChild[65536]      the root's child reached by each code unit, 0 for none (the root has ~20,000 children:
                                 a direct table rather than a search)
"""
import struct
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
SOURCE = Path('/usr/lib/python3/dist-packages/jieba/dict.txt')
OUTPUT = HERE / 'jieba-dictionary.bin'

fold = {}
for line in open(HERE / 'han-folding.txt', encoding='utf-8'):
    target, sources = line.rstrip('\n').split('\t')
    for s in sources:
        fold[s] = target


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


total = 0
words = defaultdict(int)
for line in open(SOURCE, encoding='utf-8'):
    word, freq = line.split(' ')[:2]
    total += int(freq)
    if all(map(is_han, word)):
        words[''.join(fold.get(c, c) for c in word)] += int(freq)


def units(word):
    data = word.encode('utf-16-le')
    return [data[i] | data[i + 1] << 8 for i in range(0, len(data), 2)]


trie = [{}]          # node -> {code unit: child}
frequency = [0]
for word, freq in words.items():
    node = 0
    for unit in units(word):
        if unit not in trie[node]:
            trie[node][unit] = len(trie)
            trie.append({})
            frequency.append(0)
        node = trie[node][unit]
    frequency[node] = freq

order, labels = [0], [0]   # breadth-first renumbering
first_child = []
for node in order:         # grows while iterating
    first_child.append(len(order))
    for unit in sorted(trie[node]):
        order.append(trie[node][unit])
        labels.append(unit)
first_child.append(len(order))
with open(OUTPUT, 'wb') as out:
    out.write(b'JBD2' + struct.pack('<iq', len(order), total))
    out.write(struct.pack(f'<{len(order)}H', *labels) + b'\0\0' * (len(order) % 2))
    out.write(struct.pack(f'<{len(order) + 1}i', *first_child))
    out.write(struct.pack(f'<{len(order)}i', *(frequency[n] for n in order)))
    root_child = [0] * 0x10000
    for child in range(first_child[0], first_child[1]):
        root_child[labels[child]] = child
    out.write(struct.pack('<65536i', *root_child))
print(f'{OUTPUT.name}: {len(words)} words, {len(order)} trie nodes, total frequency {total}, {OUTPUT.stat().st_size} bytes', file=sys.stderr)
