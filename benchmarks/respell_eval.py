"""How many of the furniture lines the rules know stay furniture when printed the way another site prints them.

    .venv/bin/python benchmarks/respell_eval.py                  # this tree's rules and cases
    .venv/bin/python benchmarks/respell_eval.py --tree /tmp/old  # another tree's segmenter, this tree's cases

The cases are the line cases of tests/steps/test_segment.py (LINE_CASES) that the rules take out of the
text (boilerplate, metadata or caption), each classified between two body paragraphs of a small Hindi
article, as the tests do. Each is printed again in the ways other sites print the same line, and the script
counts, per way, the respelt lines that fell into the text (body, heading, standfirst, title, table row):

- spelling (Devanagari and Urdu lines), the tests' own respellings (test_segment.py `_respellings`):
  without nuktas; a joiner after the first virama; anusvaras before a consonant as that consonant's half
  nasal, and half nasals as anusvaras; a chandrabindu as an anusvara; a visarga typed for a colon; a dash
  typed after a colon; Urdu with the Arabic letters an Arabic keyboard types ('ي' 'ك' 'ه'), and its '-iye'
  ending written another way ('پڑھیے', 'پڑھئے');
- decoration (every line): a bullet, an arrow or an emoji before it ('» ', '• ', '👉 ');
- frames (every line not laid out in columns): dashes or brackets around it ('- ... -', '[...]').

A way that leaves a line unchanged is not counted for it. With --tree, the segmenter and rules come from
that tree and the cases from this one, so the same lines judge two versions.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from judged_tree import ROOT, cases_and_segmenter

SPELT = re.compile("[\u0900-\u097f\u0600-\u06ff]")  # Devanagari or Arabic script: lines a respelling can change
TEXT_KINDS = {"body", "heading", "standfirst", "title", "table_row"}
DECORATION = {f"'{mark}' before": (lambda s, m=mark: m + s) for mark in ("» ", "• ", "► ", ">> ", "* ", "👉 ")}
FRAMES = {f"'{frame}'": (lambda s, f=frame: f.format(s)) for frame in ("- {} -", "-{}-", "[{}]", "— {}", "~ {} ~")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, default=ROOT, help="the tree whose segmenter and rules are judged")
    args = ap.parse_args()
    cases, rules, segment = cases_and_segmenter(args.tree)

    def kind(line: str) -> str:
        text = f"{cases.HI_TITLE}\n\n{cases.HI_PARA}\n\n{line}\n\n{cases.HI_PARA2}\n\n{cases.HI_PARA2}\n"
        return next(b.kind for b in segment(text, rules).blocks if b.line_no == 5)

    furniture = [line for line, k, _ in cases.LINE_CASES if k in ("boilerplate", "metadata", "caption")]
    taken = [line for line in furniture if kind(line) not in TEXT_KINDS]
    # The spellings are the tests' own (tests/steps/test_segment.py _respellings): one list of ways.
    spelt = [x for x in taken if SPELT.search(x)]
    spelling = {way: (lambda s, w=way: cases._respellings(s).get(w, s)) for way in
                {way for x in spelt for way in cases._respellings(x)}}
    families = {
        "spelling": (dict(sorted(spelling.items())), spelt),
        "decoration": (DECORATION, taken),
        "frames": (FRAMES, [x for x in taken if "  " not in x]),
    }
    report: dict[str, dict[str, list[int]]] = {}
    print(f"{args.tree}: {len(taken)} of {len(furniture)} furniture line cases taken as printed")
    print(f"{'family':11} {'way':30} {'fell into the text':>20}")
    for family, (ways, lines) in families.items():
        for way, respell in ways.items():
            changed = [v for x in lines if (v := respell(x)) != x]
            fell = sum(kind(v) in TEXT_KINDS for v in changed)
            report.setdefault(family, {})[way] = [fell, len(changed)]
            print(f"{family:11} {way:30} {fell:>10} of {len(changed):<5}")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
