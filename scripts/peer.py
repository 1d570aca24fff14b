#!/usr/bin/python3
"""The peer: coding answers the way a researcher would without qcode.

  scripts/peer.py codeframe.dic < answers.txt > codes.jsonl

Python 3 with PyStemmer (Debian's python3-stemmer) and re, reading the
lexicons exported with `qcode lexicon export --to liwc`. One answer per
line; per answer the categories whose patterns occur (LIWC semantics: a
pattern ending in * matches words that begin with it, others whole words,
several words a phrase), matched on the words and on their Snowball stems.
Output: one JSON object per line, {"id": line number, "themes": [...]}.
"""
import json
import re
import sys

import Stemmer


def load(path):
    cats, pats, section = {}, [], 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip() == "%":
            section += 1
            continue
        if not line.strip():
            continue
        if section == 1:
            num, name = line.split("\t", 1)
            cats[num.strip()] = name.strip()
        elif section >= 2:
            parts = line.split("\t")
            pats.append((parts[0], [cats[c.strip()] for c in parts[1:] if c.strip()]))
    # one regular expression per category, as researchers do with re
    by_cat = {}
    for pat, cs in pats:
        words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in pat.split()]
        rx = r"\s+".join(words)
        for c in cs:
            by_cat.setdefault(c, []).append(rx)
    return {c: re.compile(r"(?<!\w)(?:" + "|".join(rxs) + r")(?!\w)") for c, rxs in by_cat.items()}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cats = load(sys.argv[1])
    stem = Stemmer.Stemmer("dutch").stemWords
    tok = re.compile(r"\w+(?:[-'’]\w+)*")
    out = sys.stdout
    for n, line in enumerate(sys.stdin, 1):
        text = line.lower()
        stems = " ".join(stem(tok.findall(text)))
        themes = sorted(c for c, rx in cats.items() if rx.search(text) or rx.search(stems))
        out.write(json.dumps({"id": str(n), "themes": themes}) + "\n")


main()
