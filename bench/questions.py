#!/usr/bin/env python3
"""Scores our engine and the Java peer on sets of queries with known answers; see bench/questions.sh.

A set is a TSV file, `query<TAB>answers`, `#` lines being comments. An answer is `ESSAY:N` (that paragraph) or `ESSAY`
(any paragraph of it). A query's rank is that of the first hit among the top 10 that is an answer.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

LIMIT = 10
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The classic QueryParser's syntax characters (QueryParserBase.escape) and its operator words.
PEER_SPECIAL = set('\\+-!():^[]"{}~*?|&/')
PEER_OPERATORS = re.compile(r"(?<!\S)(AND|OR|NOT)(?!\S)")


def fail(message):
    sys.exit(f"questions: {message}")


def read_paragraphs(path):
    with open(path, encoding="utf-8") as f:
        return {tuple(line.split("\t", 2)[:2]) for line in f}


def read_set(path, paragraphs):
    essays = {essay for essay, _ in paragraphs}
    queries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            query, tab, answers = line.partition("\t")
            if not tab or not query.strip() or query != query.strip():
                fail(f"{path}:{number}: expected query<TAB>answers, the query without surrounding spaces")
            wanted = set()
            for answer in answers.split(","):
                essay, colon, n = answer.strip().rpartition(":")
                if colon and (essay, n) in paragraphs:
                    wanted.add((essay, n))
                elif answer.strip() in essays:
                    wanted.add(answer.strip())
                else:
                    fail(f"{path}:{number}: '{answer}' is neither an essay nor a paragraph of the corpus")
            queries.append((query, wanted))
    return queries


def first_rank(hits, wanted):
    """1-based rank of the first hit (essay, paragraph) that answers, or None."""
    for rank, (essay, n) in enumerate(hits[:LIMIT], 1):
        if (essay, n) in wanted or essay in wanted:
            return rank
    return None


def ask_ours(command, queries):
    """One batch for the whole set: [(hits, total, note)] in query order."""
    run = subprocess.run(command, input="".join(q + "\n" for q in queries), capture_output=True, text=True)
    lines = run.stdout.splitlines()
    if len(lines) != len(queries):
        fail(f"our batch answered {len(lines)} lines for {len(queries)} queries (exit {run.returncode}): {run.stderr.strip()}")
    answers = []
    for query, line in zip(queries, lines):
        result = json.loads(line)
        if result.get("query") != query:
            fail(f"our batch answered '{result.get('query')}' where '{query}' was asked")
        if "error" in result:
            answers.append(([], None, "error: " + result["error"]))
        else:
            hits = [(h["essay"], str(h["paragraph"])) for h in result["hits"]]
            answers.append((hits, result["total"], result.get("notice", "")))
    return answers


def peer_query(query):
    escaped = "".join("\\" + c if c in PEER_SPECIAL else c for c in query)
    return PEER_OPERATORS.sub(r"\\\1", escaped)


def ask_peer(classpath, index, queries, essays):
    """One process a query: [(hits, total, note)]. Output: `total N`, then essay<TAB>n<TAB>score<TAB>text per hit."""
    answers = []
    for query in queries:
        run = subprocess.run(["java", "-cp", classpath, "RefSearch", "search", index, peer_query(query), str(LIMIT)],
                             capture_output=True, text=True)
        if run.returncode != 0:
            first = next((l for l in run.stderr.splitlines() if l.strip()), f"exit {run.returncode}")
            answers.append(([], None, "error: " + first.strip()))
            continue
        lines = run.stdout.splitlines()
        total = int(lines[0].split()[1]) if lines and lines[0].startswith("total ") else None
        hits = [tuple(l.split("\t", 3)[:2]) for l in lines[1:] if l.split("\t", 1)[0] in essays]
        answers.append((hits, total, ""))
    return answers


def score(ranks):
    found = [r for r in ranks if r is not None]
    return len(found) / len(ranks), sum(1 / r for r in found) / len(ranks)


def chance(queries, paragraphs):
    """Expected success@10 and MRR of 10 paragraphs drawn at random: what a small corpus gives away for nothing."""
    success = mrr = 0.0
    for _, wanted in queries:
        n = len(paragraphs)
        k = sum(1 for p in paragraphs if p in wanted or p[0] in wanted)
        missed = 1.0   # probability that the draws before this one were all not answers
        for rank in range(1, LIMIT + 1):
            first = missed * k / (n - rank + 1)
            success += first
            mrr += first / rank
            missed *= (n - k - rank + 1) / (n - rank + 1)
    return success / len(queries), mrr / len(queries)


def short(answer):
    """002_71bd8fe93b13801e:5 -> 002:5 for the tables."""
    if isinstance(answer, tuple):
        return f"{answer[0].split('_')[0]}:{answer[1]}"
    return answer.split("_")[0]


def cell(text):
    return text.replace("|", "\\|")


def machine():
    cores = os.cpu_count()
    with open("/proc/meminfo") as f:
        kib = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return (f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC · {cores} cores, {kib / 1048576:.0f} GiB · "
            f"{platform.system()} {platform.release()} · .NET {dotnet} · peer: Java Lucene 8.7 + SmartCn, {java}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", required=True, help="essay<TAB>n<TAB>text of the corpus both engines index")
    parser.add_argument("--set", action="append", required=True, help="NAME=PATH of a query set")
    parser.add_argument("--peer-classpath", required=True)
    parser.add_argument("--peer-index", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--command", required=True, help="the command line to quote in the report")
    parser.add_argument("ours", nargs=argparse.REMAINDER, help="-- our batch command (queries on stdin, JSON Lines out)")
    args = parser.parse_args()
    ours_command = args.ours[1:] if args.ours[:1] == ["--"] else args.ours
    paragraphs = read_paragraphs(args.paragraphs)
    essays = {essay for essay, _ in paragraphs}

    summary, sections, problems = [], [], []
    for name, path in (s.split("=", 1) for s in args.set):
        queries = read_set(path, paragraphs)
        texts = [q for q, _ in queries]
        print(f"questions: {name}: {len(queries)} queries", file=sys.stderr)
        ours = ask_ours(ours_command, texts)
        peer = ask_peer(args.peer_classpath, args.peer_index, texts, essays)
        rows, our_ranks, peer_ranks = [], [], []
        for i, ((query, wanted), (o_hits, o_total, o_note), (p_hits, p_total, p_note)) in enumerate(zip(queries, ours, peer), 1):
            o_rank, p_rank = first_rank(o_hits, wanted), first_rank(p_hits, wanted)
            our_ranks.append(o_rank)
            peer_ranks.append(p_rank)
            notes = [f"ours: {o_note}"] * bool(o_note) + [f"peer: {p_note}"] * bool(p_note)
            problems += [f"{name} #{i} {query}: {n}" for n in notes if ": error: " in n]
            answers = ", ".join(sorted(map(short, wanted), key=lambda a: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", a)]))
            rows.append(f"| {i} | {cell(query)} | {answers} | {o_rank or '-'} | {'-' if o_total is None else o_total} "
                        f"| {p_rank or '-'} | {'-' if p_total is None else p_total} | {cell('; '.join(notes))} |")
        (o_success, o_mrr), (p_success, p_mrr) = score(our_ranks), score(peer_ranks)
        r_success, r_mrr = chance(queries, paragraphs)
        summary.append(f"| {name} | {len(queries)} | {o_success:.2f} | {p_success:.2f} | {r_success:.2f} "
                       f"| {o_mrr:.3f} | {p_mrr:.3f} | {r_mrr:.3f} |")
        sections += [f"## {name} (`{os.path.relpath(path, ROOT)}`)", "",
                     "rank: of the first answer in the top 10 (- none). total: paragraphs the engine matched.", "",
                     "| # | query | answers | ours rank | ours total | peer rank | peer total | notes |",
                     "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |", *rows, ""]

    report = [
        "# Queries as people type them: ours and the peer", "",
        machine(), "",
        f"Command: `{args.command}`. Both engines index the essays tier (`bench/make-corpus.sh essays`, the seeds) and "
        "return their top 10. Ours gets every query exactly as typed (`search --batch --limit 10`); the peer "
        "(`RefSearch search`, classic QueryParser, default OR, SmartCn) gets it with the parser's syntax characters "
        "escaped, and indexes paragraph text only (no title or author). success@10: share of queries with an answer "
        "in the top 10; MRR: mean of 1/rank of the first answer, 0 when none is in the top 10. chance: the expected "
        f"figure of {LIMIT} of the corpus's {len(paragraphs)} paragraphs drawn at random (an answer naming an essay "
        "is met by any of its paragraphs, so on two essays chance is high there).", "",
        "| set | queries | ours success@10 | peer success@10 | chance success@10 | ours MRR | peer MRR | chance MRR |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", *summary, "", *sections]
    with open(args.report, "w", encoding="utf-8") as f:
        f.write("\n".join(report) + "\n")
    print("\n".join(summary), file=sys.stderr)
    for problem in problems:
        print(f"questions: {problem}", file=sys.stderr)


if __name__ == "__main__":
    main()
