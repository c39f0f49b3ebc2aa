"""docs/warehouse.md is generated from the views' COMMENTs and kept current."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import duckdb
import pytest

from flows import docs
from flows import warehouse as wh
from flows.cli import build_parser, main
from flows.settings import Settings
from flows.steps.reasons import Reason

ROOT = Path(__file__).resolve().parent.parent


def test_committed_docs_are_current() -> None:
    committed = (ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8")
    assert committed == docs.generate(), "docs/warehouse.md is stale: run `newsdw docs` and commit it"


def test_docs_list_every_view_with_grain_and_typed_commented_columns() -> None:
    text = docs.generate()
    specs = wh.view_specs()
    assert {s.name.split(".")[0] for s in specs} == {"staging", "marts"}
    for spec in specs:
        section = text.split(f"\n## {spec.name}\n", 1)[1].split("\n## ", 1)[0]
        assert f"**Grain:** {spec.grain}" in section
        assert spec.description in section
        for col, comment in spec.columns.items():
            assert any(line.startswith(f"| `{col}` | `") and line.endswith(f"| {comment.replace('|', chr(92) + '|')} |")
                       for line in section.splitlines()), (spec.name, col)
    assert text.index("## marts.articles") < text.index("## staging.articles")  # what BI reads comes first
    assert "| `published_date` | `DATE` |" in text and "| `duration_s` | `DOUBLE` |" in text


def test_docs_check_flags_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "warehouse.md"
    out.write_text("# old\n")
    assert main(["docs", "--check", "--out", str(out)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["docs", "--out", str(out)]) == 0
    assert main(["docs", "--check", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == docs.generate()


@pytest.mark.e2e
def test_documented_types_are_the_snapshots(loaded_samples: dict[str, object]) -> None:
    """The in-memory catalog the docs come from types the views as the published snapshot does."""
    con = duckdb.connect(str(loaded_samples["snapshot"]), read_only=True)
    try:
        real = wh.describe_views(con, ("marts", "staging"))
    finally:
        con.close()
    with wh.catalog() as cat:
        assert wh.describe_views(cat, ("marts", "staging")) == real


# ---------------------------------------------------------------- README and docs/ cover the code

DOCS = ROOT / "docs"
README = ROOT / "README.md"


def _pages() -> dict[str, str]:
    pages = {"README.md": README.read_text(encoding="utf-8")}
    pages |= {f"docs/{p.name}": p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}
    return pages


def _section(text: str, heading: str) -> str:
    assert f"\n{heading}\n" in text, f"missing section {heading!r}"
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def _rows(text: str) -> list[list[str]]:
    """The cells of every markdown table row in text (header and separator rows included)."""
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            for line in text.splitlines() if line.startswith("|")]


def test_readme_is_a_front_page_that_starts_with_make_run_and_make_test() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 12_000, "README.md is a front page: move detail into docs/"
    first_block = text.split("```", 2)[1]
    commands = [line.split("#", 1)[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands[:2] == ["make run", "make test"]
    assert 'newsdw query "SELECT * FROM marts.daily_language_counts"' in text


def test_docs_links_resolve() -> None:
    for name, text in _pages().items():
        base = ROOT if name == "README.md" else DOCS
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text):
            assert (base / target).is_file(), f"{name} links to missing {target}"


def _subcommands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def test_readme_command_table_lists_every_subcommand() -> None:
    table = _section(README.read_text(encoding="utf-8"), "## Commands")
    listed = {m.group(1) for row in _rows(table) if (m := re.match(r"`newsdw ([a-z-]+)", row[0]))}
    missing = sorted(set(_subcommands()) - listed)
    assert not missing, f"README.md's command table lacks: {missing}"


def _env_vars_in_code() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "flows").rglob("*.py"):
        found |= {m.rstrip("_") for m in re.findall(r"\bNEWSDW_[A-Z][A-Z0-9_]*", path.read_text(encoding="utf-8"))}
    return found


def test_every_environment_variable_is_in_the_operations_table() -> None:
    table = _section((DOCS / "operations.md").read_text(encoding="utf-8"), "## Environment variables")
    documented = {row[0].strip("`"): row[1] for row in _rows(table)[2:]}
    wanted = set(Settings.env_vars()) | _env_vars_in_code()
    assert wanted >= {"NEWSDW_RAW_DIR", "NEWSDW_STAGES"}
    missing = sorted(wanted - set(documented))
    assert not missing, f"docs/operations.md's environment table lacks: {missing}"
    # The Settings ones read as Settings.ENV_VARS describes them (one description, in the code).
    for name, description in Settings.env_vars().items():
        assert documented[name] == description, f"{name}: table says {documented[name]!r}, code {description!r}"


def _reason_rows() -> list[str]:
    return [f"| `{r.value}` | {'yes' if r.retryable else 'no'} | {r.description} |" for r in Reason]


def test_the_reason_table_is_the_enum() -> None:
    table = _section((DOCS / "operations.md").read_text(encoding="utf-8"), "## Rejection reasons")
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    expected = _reason_rows()
    assert rows == expected, "docs/operations.md's reason table must be:\n" + "\n".join(expected)


def _modules() -> list[str]:
    flows = ROOT / "flows"
    return sorted(p.relative_to(ROOT).as_posix() for p in flows.rglob("*.py")
                  if p.name != "__init__.py" and "_sql" not in p.relative_to(flows).parts)


def test_the_architecture_layout_lists_every_module() -> None:
    table = _section((DOCS / "architecture.md").read_text(encoding="utf-8"), "## Layout")
    rows = [(set(re.findall(r"`([^`]+)`", row[0])), set(re.findall(r"`([^`]+)`", " ".join(row[1:]))))
            for row in _rows(table)]

    def listed(module: str) -> bool:
        folder, name = module.rsplit("/", 1)
        return any(module in paths or (f"{folder}/" in paths and ({name, name[:-3]} & names))
                   for paths, names in rows)

    missing = [m for m in _modules() if not listed(m)]
    assert not missing, f"docs/architecture.md's layout table lacks: {missing}"
    stale = sorted(p for paths, _ in rows for p in paths
                   if p.startswith("flows/") and p.endswith(".py") and not (ROOT / p).is_file())
    assert not stale, f"docs/architecture.md's layout table lists modules that do not exist: {stale}"


def test_the_docs_name_every_reason_and_command() -> None:
    text = "\n".join(_pages().values())
    for reason in Reason:
        assert f"`{reason.value}`" in text, reason
    for command in _subcommands():
        assert f"newsdw {command}" in text, command
