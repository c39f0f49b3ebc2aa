"""docs/warehouse.md is generated from the views' COMMENTs and kept current."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows import docs
from flows import warehouse as wh
from flows.cli import main

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
