#!/usr/bin/env python3
"""Renders Debian's Chinese man pages (manpages-zh, zh_CN) to plain text, one paragraph per line.

usage: man2txt.py MANROOT OUTDIR
  MANROOT  the extracted package's usr/share/man/zh_CN
  OUTDIR   gets one NAME.SECTION.txt per page (regular files only: the symlinked aliases would repeat pages)

Each page is rendered by groff (man macros, UTF-8 input through preconv, plain UTF-8 output) with a line
length of 30000 and no hyphenation, so that each filled text block comes out on one line. The rendered
text blocks (runs of non-blank lines: an option's tag and its description, a preformatted example) are
each joined into one line; runs of blanks are collapsed; the page header and footer are dropped, and so
are blocks without a Han character (untranslated English, code, rules), which leaves the Chinese prose.
Each file starts with a '# NAME(SECTION)' line, which the essay reader takes as the title; every other
non-blank line is a paragraph.
"""
import gzip
import os
import re
import subprocess
import sys

GROFF = ["groff", "-k", "-Tutf8", "-mandoc", "-rLL=30000n", "-rHY=0", "-P-cbou"]
SGR = re.compile(r"\x1b\[[0-9;]*m")
BLANKS = re.compile(r"\s+")
LETTER = re.compile(r"[^\W_]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def paragraphs(path):
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    out = subprocess.run(GROFF, input=raw, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    text = out.decode("utf-8", errors="replace").replace("\ufffd", "")
    blocks, block = [], []
    for line in text.split("\n"):
        line = BLANKS.sub(" ", SGR.sub("", line)).strip()
        if LETTER.search(line):
            block.append(line)
        elif block:
            blocks.append(" ".join(block))
            block = []
    if block:
        blocks.append(" ".join(block))
    blocks = blocks[1:-1]  # page header and footer
    return [b for b in blocks if HAN.search(b)]


def main():
    root, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    pages = paras = chars = 0
    for section in sorted(os.listdir(root)):
        folder = os.path.join(root, section)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            found = paragraphs(path)
            if not found:
                continue
            base = name[:-3] if name.endswith(".gz") else name
            page, _, sec = base.rpartition(".")
            with open(os.path.join(outdir, base + ".txt"), "w", encoding="utf-8") as f:
                f.write(f"# {page}({sec})\n\n")
                f.write("".join(p + "\n\n" for p in found))
            pages += 1
            paras += len(found)
            chars += sum(len(p) for p in found)
    print(f"man2txt: {pages} pages, {paras} paragraphs, {chars} characters -> {outdir}")


if __name__ == "__main__":
    main()
