"""What respell_eval.py and trailer_eval.py share: the cases of this tree's tests, the segmenter of a tree.

The cases (tests/steps/test_segment.py: LINE_CASES, the small article's paragraphs, the respellings) come
from this tree, the segmenter and rules from `tree`, so that the same lines judge two versions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def cases_and_segmenter(tree: Path) -> tuple[ModuleType, Any, Callable[..., Any]]:
    """(this tree's test_segment module, `tree`'s loaded rules, `tree`'s segment function). After it, an
    import of `flows` reads `tree`'s."""
    sys.path[:0] = [str(ROOT / "tests" / "steps"), str(ROOT)]
    import test_segment as cases  # the cases, from this tree

    sys.path.insert(0, str(tree.resolve()))
    for name in [m for m in sys.modules if m == "flows" or m.startswith("flows.")]:
        del sys.modules[name]  # the segmenter and rules from `tree`
    from flows.steps.segment import load_rules, segment

    return cases, load_rules(), segment
