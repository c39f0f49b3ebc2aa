"""The rules checksum follows what the rule files say, not their comments or spacing."""

import ast
from pathlib import Path

import pytest

from flows.steps import ruleset

RULES = """# furniture lines
[[share]]
pattern = '^share this$'  # a button
max_chars = 40

[[promo]]
pattern = 'follow us'
"""


def _checksum(tmp_path: Path, toml: str, module: str = "X = 1\n") -> str:
    (tmp_path / "rules.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "step.py").write_text(module, encoding="utf-8")
    return ruleset.checksum([tmp_path / "rules.toml", tmp_path / "step.py"])


def test_comments_and_spacing_of_a_rule_file_leave_the_checksum(tmp_path: Path) -> None:
    before = _checksum(tmp_path, RULES)
    edited = RULES.replace("# a button", "# the share button, every site").replace("[[promo]]", "\n\n[[promo]]")
    assert _checksum(tmp_path, "# explained again\n" + edited) == before


def test_a_pattern_a_threshold_or_the_rules_order_changes_the_checksum(tmp_path: Path) -> None:
    before = _checksum(tmp_path, RULES)
    assert _checksum(tmp_path, RULES.replace("follow us", "follow me")) != before
    assert _checksum(tmp_path, RULES.replace("40", "41")) != before
    reordered = "[[promo]]\npattern = 'follow us'\n\n[[share]]\npattern = '^share this$'\nmax_chars = 40\n"
    assert _checksum(tmp_path, reordered) != before


def test_a_module_counts_by_its_bytes(tmp_path: Path) -> None:
    assert _checksum(tmp_path, RULES, "X = 1\n") != _checksum(tmp_path, RULES, "X = 1  # one\n")


def test_the_warehouse_checksum_covers_every_rule_file_and_parsing_module() -> None:
    value = ruleset.rules_checksum()
    assert len(value) == 16 and set(value) <= set("0123456789abcdef")
    names = {p.name for p in ruleset.RULES_DIR.glob("*.toml")}
    assert {"page_furniture.toml", "structure.toml", "agencies.toml"} <= names
    assert all((ruleset.RULES_DIR.parent / "steps" / name).exists() for name in ruleset.PARSING_MODULES)


def _steps_imported(module: Path, seen: set[str]) -> set[str]:
    """The modules of flows/steps that `module` imports, directly or through another of them."""
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module == "flows.steps":
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flows.steps."):
            names = [(node.module or "").rsplit(".", 1)[1]]
        for name in names:
            path = module.parent / f"{name}.py"
            if path.exists() and path.name not in seen:
                seen.add(path.name)
                _steps_imported(path, seen)
    return seen


def test_every_module_the_parser_imports_is_in_the_checksum() -> None:
    # A module parse.py reaches (segment.py imports lexicon.py, spelling.py, tokens.py) decides rows too: left
    # out, a change to it would not queue the articles it changes for `newsdw reparse`.
    steps = ruleset.RULES_DIR.parent / "steps"
    imported = _steps_imported(steps / "parse.py", {"parse.py"})
    assert {"segment.py", "lexicon.py", "spelling.py"} <= imported
    assert imported - {"ruleset.py"} <= set(ruleset.PARSING_MODULES), imported - set(ruleset.PARSING_MODULES)


def test_the_word_lists_version_is_in_the_checksum(monkeypatch: pytest.MonkeyPatch) -> None:
    before = ruleset.rules_checksum()
    ruleset.rules_checksum.cache_clear()
    real = ruleset.importlib.metadata.version
    monkeypatch.setattr(ruleset.importlib.metadata, "version",
                        lambda name: "9.9.9" if name == "wordfreq" else real(name))
    try:
        assert ruleset.rules_checksum() != before
    finally:
        ruleset.rules_checksum.cache_clear()
