"""Where a "read also" link glued to a real paragraph is cut: real headlines, real paragraphs, our glue.

    .venv/bin/python benchmarks/glued_links_realtext.py                      # ../shared/realpages/bbc-hindi
    .venv/bin/python benchmarks/glued_links_realtext.py --pages DIR --seeds 1,2,3 --trials 600

mock_glued_links.py's sites are our own sentences, whose words any word list knows. This one takes the
vocabulary of real pages (names, loanwords, compounds): the related headlines the parser finds on the
pages of DIR (its `also_read` links, its `glued_headline` cuts and bracketed asides, their marks stripped,
3-12 words, no sentence stop inside) and the
paragraphs it keeps there (whole lines, 150 characters or more, with a full stop). Each trial glues a
marker ('ये भी पढ़ें: ', ...), a headline and a paragraph into one line with no break, puts it between two
other paragraphs under a title, segments the page and says where the link was cut:

    exact         the link is the line's first block, as glued, and the paragraph's text all follows it
    early         the link ends inside the headline: its last words stay in the body
    late          the link runs on into the paragraph: the paragraph's first words are lost
    line dropped  no body block is left on the line: the paragraph is lost
    leaked        the line's first block is no boilerplate opening on the marker: the link stays in the body

A real headline glued into the paragraph itself and cut off after the link (segment._page_glued_headlines) is
the paragraph's own furniture: it does not make the link's cut late.

Prints one line per seed (counts of each outcome) and the median share of each. Nothing is written: the
pages' text stays where it is (../shared/realpages/README.md). Run from each tree to compare two versions.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.steps.segment import load_rules, segment  # noqa: E402

OUTCOMES = ("exact", "early", "late", "line dropped", "leaked")
MARKERS = ("ये भी पढ़ें: ", "इसे भी पढ़ें: ", "पढ़िए: ", "यह भी पढ़ें- ")
TITLE = "शीर्षक की पंक्ति"
PARAGRAPH_MIN_CHARS = 150
_MARKS = re.compile(r"^[(\[]|[)\]]$|[?!.।\s]+$")
_SENTENCE_STOP = re.compile(r"[.।?!]\s")
_LEAD = re.compile(r"^[^:]{0,25}(?:पढ़|पढ|सुन|देख)[^:]{0,10}:\s*")  # a link's marker, where the block keeps it
# Blocks that hold a related headline: one glued on, a bracketed link ('(पढ़ें: ...)'), a link under a marker.
_HEADLINE_RULES = frozenset({"glued_headline", "glued_link", "aside_in_brackets", "also_read_link",
                             "furniture.also_read"})


def pools(pages: Path, rules: object) -> tuple[list[str], list[str]]:
    """(headlines, paragraphs) read from the pages of `pages` by the parser itself, each sorted and distinct."""
    headlines: set[str] = set()
    paragraphs: set[str] = set()
    for path in sorted(pages.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        seg = segment(text, rules)  # type: ignore[arg-type]
        lines = seg.text.split("\n")
        found = list(seg.also_read) + [b.text for b in seg.blocks if b.rule in _HEADLINE_RULES]
        for h in found:
            h = _LEAD.sub("", _MARKS.sub("", h.strip()).strip())
            words = h.split()
            if 3 <= len(words) <= 12 and unicodedata.category(h[-1])[0] in "LM" and not _SENTENCE_STOP.search(h):
                headlines.add(h)
        for b in seg.blocks:
            if (b.kind == "body" and b.rule == "paragraph" and len(b.text) >= PARAGRAPH_MIN_CHARS
                    and b.text[0].isalpha() and _SENTENCE_STOP.search(b.text + " ")
                    and lines[b.line_no - 1].strip() == b.text):
                paragraphs.add(b.text)
    return sorted(headlines), sorted(paragraphs)


def outcome(rules: object, marker: str, headline: str, paragraph: str, others: tuple[str, str]) -> str:
    """Where the parser cut `marker + headline` glued to `paragraph` (one of OUTCOMES). The link is the line's
    first block; what the parser cut out of the paragraph after it (a real headline glued into it, on a page
    that glues headlines on) is not the link's cut and does not count."""
    link = marker + headline
    page = f"{TITLE}\n\n{others[0]}\n\n{link}{paragraph}\n\n{others[1]}\n"
    blocks = [b for b in segment(page, rules).blocks if b.line_no == 5]  # type: ignore[arg-type]
    if blocks[0].kind != "boilerplate" or not blocks[0].text.startswith(marker.strip()):
        return "leaked"
    if all(b.kind != "body" for b in blocks):
        return "line dropped"
    if blocks[0].text == link.strip() and _squeezed("".join(b.text for b in blocks[1:])) == _squeezed(paragraph):
        return "exact"
    return "early" if len(blocks[0].text) < len(link.strip()) else "late"


def _squeezed(text: str) -> str:
    return "".join(text.split())


def run(pages: Path, seeds: list[int], trials: int) -> dict[int, Counter[str]]:
    rules = load_rules()
    headlines, paragraphs = pools(pages, rules)
    if len(headlines) < 2 or len(paragraphs) < 3:
        raise SystemExit(f"{pages}: {len(headlines)} headlines and {len(paragraphs)} paragraphs: too few to glue")
    print(f"{pages}: {len(headlines)} headlines, {len(paragraphs)} paragraphs")
    results: dict[int, Counter[str]] = {}
    for seed in seeds:
        rng = random.Random(seed)
        counts: Counter[str] = Counter()
        for _ in range(trials):
            others = (rng.choice(paragraphs), rng.choice(paragraphs))
            counts[outcome(rules, rng.choice(MARKERS), rng.choice(headlines), rng.choice(paragraphs), others)] += 1
        results[seed] = counts
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "realpages" / "bbc-hindi",
                    help="a folder of Hindi pages (default ../shared/realpages/bbc-hindi)")
    ap.add_argument("--seeds", default="1,2,3", help="comma-separated seeds, one round each (default 1,2,3)")
    ap.add_argument("--trials", type=int, default=600, help="glued lines per round (default 600)")
    args = ap.parse_args(argv)
    results = run(args.pages, [int(s) for s in args.seeds.split(",")], args.trials)
    for seed, counts in results.items():
        print(f"seed {seed}: " + ", ".join(f"{o} {counts[o]}" for o in OUTCOMES))
    print("median share: " + ", ".join(
        f"{o} {statistics.median(c[o] / args.trials for c in results.values()):.1%}" for o in OUTCOMES))


if __name__ == "__main__":
    main()
