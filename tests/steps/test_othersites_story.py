"""Story text of sites the rules were not written from stays text: the labelled story lines of five English
articles among newspaper4k's test pages (benchmarks/labels/othersites_story.tsv; benchmarks/othersites.py fetches
the pages from PyPI and prints the retention figure with --story)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import othersites  # noqa: E402

from flows.steps.records import Block  # noqa: E402
from flows.steps.segment import load_rules, segment  # noqa: E402

LINES = othersites.story_lines()
# A sentence of the writer's own in brackets closing a paragraph ('... Mann writes. (Current models say ...)')
# goes as a bracketed aside: the rule reads a page's related headline or note there (segment._split_asides).
KNOWN_LOST = {("cnn_001", 229), ("time_001", 79)}

_blocks: dict[str, list[Block]] = {}


def _page_blocks(page: str) -> list[Block]:
    if page not in _blocks:
        _blocks[page] = list(segment(othersites.page_text(page), load_rules()).blocks)
    return _blocks[page]


@pytest.mark.parametrize("where", [
    pytest.param(w, marks=pytest.mark.xfail(strict=True, reason="a bracketed sentence of the story goes as an aside"))
    if w in KNOWN_LOST else w for w in LINES], ids=lambda w: f"{w[0]}:{w[1]}")
def test_a_story_line_of_another_site_is_kept_whole(where: tuple[str, int]) -> None:
    page, line = where
    kept, total = othersites.story_kept(_page_blocks(page), page, line)
    assert kept == total > 0


def test_the_pages_have_five_sites() -> None:
    assert len({othersites.pages()[page][0] for page, _ in LINES}) == 5
