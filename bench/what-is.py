#!/usr/bin/env python3
"""Ranks of the first answer to each what-is question (bench/what-is-regular-investing.tsv) in our top 500.

  bench/what-is.py SEARCH SEEDS INDEX [SET]

SEARCH is the `search` command, SEEDS the corpus the set is about and INDEX its index. A hit answers when its text holds one
of the question's answers. Prints each question's rank (- past 500) and success@10 and MRR over the set.
"""
import json
import os
import subprocess
import sys

LIMIT = 500
search, seeds, index = sys.argv[1:4]
path = sys.argv[4] if len(sys.argv) > 4 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "what-is-regular-investing.tsv")
rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if line.strip() and not line.startswith("#")]
run = subprocess.run([search, "--batch", "--limit", str(LIMIT), "--full", "--seeds", seeds, "--index", index],
                     input="".join(query + "\n" for query, _ in rows), capture_output=True, text=True)
lines = run.stdout.splitlines()
if len(lines) != len(rows):
    sys.exit(f"what-is: {len(lines)} answers for {len(rows)} questions: {run.stderr.strip()}")
ranks = []
for (query, answers), line in zip(rows, lines):
    hits = json.loads(line)["hits"]
    rank = next((i for i, hit in enumerate(hits, 1) if any(answer in hit["text"] for answer in answers.split("|"))), None)
    ranks.append(rank)
    print(f"{rank or '-':>4}  {query}")
top = [rank for rank in ranks if rank and rank <= 10]
print(f"{len(rows)} questions: success@10 {len(top) / len(rows):.2f}, MRR {sum(1 / rank for rank in top) / len(rows):.3f}")
