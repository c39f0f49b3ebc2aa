"""How many short closing paragraphs stay text when a credit, tags or a mark follows their last sentence.

    .venv/bin/python benchmarks/trailer_eval.py                  # this tree's segmenter
    .venv/bin/python benchmarks/trailer_eval.py --tree /tmp/old  # another tree's segmenter, this tree's cases

The sentences are the short body line cases of tests/steps/test_segment.py (LINE_CASES of kind body, up to
120 characters, ending in a stop): lines the rules must leave in the text. Each is printed as the last
paragraph of a small Hindi article (the tests' HI_TITLE, HI_PARA, HI_PARA2), followed on its line by each
way sites end a story ('(इनपुट: भाषा)', '[इनपुट: भाषा]', '- भाषा', 'Input: IANS', hashtags, an emoji) or with
its stop typed as a '|'. Per way the script counts:

- sentence lost: the article's text (body, standfirst, heading) no longer holds the sentence;
- credit in text: the text still holds the credit (a furniture leak; a one-word '(भाषा)' is left on the
  line on purpose, for provenance to read, and is not counted).

With --tree, the segmenter and rules come from that tree and the cases from this one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from judged_tree import ROOT, cases_and_segmenter

TEXT_KINDS = {"body", "heading", "standfirst", "table_row"}
# How a story's last line may end after its last sentence, and whether what follows is a credit.
TRAILERS = {
    "(इनपुट: भाषा)": True, "[इनपुट: भाषा]": True, "(एजेंसी इनपुट के साथ)": True, "(With inputs from PTI)": True,
    "(भाषा)": False,
    "- भाषा": True, "-एजेंसी": True, "- PTI": True, "इनपुट: भाषा": True, "Input: IANS": True,
    "#दिल्ली #बारिश": True, "🙏": False,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, default=ROOT, help="the tree whose segmenter and rules are judged")
    args = ap.parse_args()
    cases, rules, segment = cases_and_segmenter(args.tree)
    from flows.steps.normalize import normalize_line  # the tree's, as its segmenter's
    sentences = [normalize_line(line) for line, kind, _ in cases.LINE_CASES
                 if kind == "body" and len(line) <= 120 and line[-1] in "।.۔"]

    def text_of(last: str) -> str:
        article = "\n\n".join([cases.HI_TITLE, cases.HI_PARA, cases.HI_PARA2, last]) + "\n"
        return " ".join(b.text for b in segment(article, rules).blocks if b.line_no == 7 and b.kind in TEXT_KINDS)

    ways = {f"'{t}' after": (lambda s, t=t: f"{s} {t}", credit) for t, credit in TRAILERS.items()}
    ways["'|' for the stop"] = (lambda s: s[:-1] + "|" if s[-1] == "।" else s, False)
    report: dict[str, dict[str, int]] = {}
    print(f"{args.tree}: {len(sentences)} short closing sentences")
    print(f"{'way':34} {'sentence lost':>14} {'credit in text':>15}")
    for way, (ending, credit) in ways.items():
        lost = leaked = n = 0
        for sentence in sentences:
            last = ending(sentence)
            if last == sentence:
                continue
            n += 1
            kept = text_of(last)
            stem = sentence.rstrip("।.۔")
            lost += stem not in kept
            leaked += credit and stem in kept and last[len(sentence):].strip() in kept
        report[way] = {"cases": n, "sentence_lost": lost, "credit_in_text": leaked}
        print(f"{way:34} {lost:>7} of {n:<5} {leaked:>8} of {n if credit else 0:<5}")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
