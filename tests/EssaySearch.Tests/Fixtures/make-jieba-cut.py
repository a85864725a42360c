#!/usr/bin/python3
"""Writes jieba-cut.tsv: jieba's own segmentation (cut with HMM=False) of the seed paragraphs and of a sample of
the manpages-zh benchmark tier, for the test that our segmenter agrees with jieba. Tests never call Python.

Source: jieba 0.42.1 (MIT License) as Debian 12's `python3-jieba` ships it. Regenerate by hand, once:

    apt-get install -y python3-jieba
    bench/make-corpus.sh manpages
    /usr/bin/python3 tests/EssaySearch.Tests/Fixtures/make-jieba-cut.py   # Debian's Python, which has jieba

Rows: source<TAB>text<TAB>tokens, where source is `seeds` or `manpages`, text is one paragraph, and tokens are
jieba's tokens that contain a Han character, `word@start-end` in UTF-16 offsets, space-separated. The seeds rows
are every paragraph of smartcn-seeds.tsv; the manpages rows are every 10th paragraph of
bench/corpus/manpages/paragraphs.tsv (the whole tier's output would be ~10 MB).
"""
import logging
import re
from pathlib import Path

import jieba

HERE = Path(__file__).parent
MANPAGES = HERE.parents[2] / 'bench' / 'corpus' / 'manpages' / 'paragraphs.tsv'
HAN = re.compile(r'[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF]')

jieba.setLogLevel(logging.WARNING)


def utf16(text, index):
    return len(text[:index].encode('utf-16-le')) // 2


def row(source, text):
    tokens = [f'{word}@{utf16(text, start)}-{utf16(text, end)}'
              for word, start, end in jieba.tokenize(text, HMM=False) if HAN.search(word)]
    return f'{source}\t{text}\t{" ".join(tokens)}\n'


with open(HERE / 'jieba-cut.tsv', 'w', encoding='utf-8', newline='\n') as out:
    for line in open(HERE / 'smartcn-seeds.tsv', encoding='utf-8'):
        out.write(row('seeds', line.split('\t')[2]))
    for number, line in enumerate(open(MANPAGES, encoding='utf-8')):
        text = line.rstrip('\n').split('\t')[2]
        if number % 10 == 0 and HAN.search(text):
            out.write(row('manpages', text))
