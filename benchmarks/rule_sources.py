"""Which hand rules of flows/rules/page_furniture.toml are shown at work on real text, and from how many sources.

Issue 11 asks that every hand rule that stays have tests drawn from at least two different sources. The real
lines a rule takes, checked by reading them, are labelled in benchmarks/labels/rule_lines.tsv (set, file,
line, rule; never the text) from:

* `bbc-hindi`, `urdu-news`: ../shared/realpages/ (a line labelled furniture in realpages.tsv);
* `othersites`: the HTML test pages of newspaper4k (benchmarks/othersites.py), one source per site.

tests/steps/test_rule_lines.py checks that each labelled line is still taken by its rule. This script prints,
per rule name, the sources its labelled lines come from, and how many rule names have none, one, or two and more.

    .venv/bin/python benchmarks/rule_sources.py            # the table and the summary
    .venv/bin/python benchmarks/rule_sources.py --check    # also segment every page and say which labels fail
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

import othersites  # noqa: E402
from realpages_eval import REALPAGES  # noqa: E402

from flows.steps.records import Block  # noqa: E402
from flows.steps.segment import load_rules, segment  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "rule_lines.tsv"
RULES = ROOT / "flows" / "rules" / "page_furniture.toml"
OTHERSITES = "othersites"


@dataclass(frozen=True)
class Label:
    set: str
    file: str
    line: int
    rule: str

    @property
    def source(self) -> str:
        """The site the line comes from: a realpages set, or an othersites page's site."""
        return othersites.pages()[self.file][0] if self.set == OTHERSITES else self.set


def labels(path: Path = LABELS) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Label(r["set"], r["file"], int(r["line"]), r["rule"])
                for r in csv.DictReader(handle, delimiter="\t")]


def rule_names(path: Path = RULES) -> list[str]:
    """Every rule name of the file's lists, in the order written, each once."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names = [r["name"] for items in data.values() if isinstance(items, list) for r in items]
    return list(dict.fromkeys(names))


def page_text(set_name: str, file: str) -> str:
    if set_name == OTHERSITES:
        return othersites.page_text(file)
    return (REALPAGES / set_name / file).read_text(encoding="utf-8-sig")


@functools.cache
def blocks(set_name: str, file: str) -> tuple[Block, ...]:
    return tuple(segment(page_text(set_name, file), load_rules()).blocks)


def rules_at(label: Label) -> list[str]:
    """The rules of the blocks the segmenter makes of the labelled line."""
    return [b.rule for b in blocks(label.set, label.file) if b.line_no == label.line]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="segment the pages and report labels no longer met")
    args = ap.parse_args()
    rows = labels()
    sources: dict[str, set[str]] = defaultdict(set)
    lines: dict[str, int] = defaultdict(int)
    for label in rows:
        sources[label.rule].add(label.source)
        lines[label.rule] += 1
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
    print(f"\nrule names: {len(names)}; labelled real lines: {len(rows)} from {len({r.source for r in rows})} sources")
    print("rule names by sources of labelled real lines: " + ", ".join(f"{k} {v}" for k, v in tally.items()))
    if args.check:
        failed = [r for r in rows if r.rule not in rules_at(r)]
        for r in failed:
            print(f"NOT MET: {r.set}/{r.file}:{r.line} {r.rule} (segmenter: {', '.join(rules_at(r)) or 'no block'})")
        print(f"labels met: {len(rows) - len(failed)} of {len(rows)}")


if __name__ == "__main__":
    main()
