"""The `newsdw` command: every command documented and answering --help; query is read-only."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`newsdw (\w+)", readme))
    assert set(COMMANDS) <= documented


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    out = subprocess.run([sys.executable, "-m", "flows.cli", command, "--help"], capture_output=True,
                         text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0
    assert out.stdout.startswith(f"usage: newsdw {command}")


@pytest.mark.e2e
def test_query_formats(loaded_samples: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    wh = str(loaded_samples["warehouse"])
    assert main(["query", "SELECT language, count(*) AS n FROM marts.articles GROUP BY 1", "--format", "json",
                 "--warehouse", wh]) == 0
    assert json.loads(capsys.readouterr().out) == [{"language": "hi", "n": 5}]
    assert main(["query", "SELECT 'a,b' AS x, 2 AS y", "--format", "csv", "--warehouse", wh]) == 0
    assert capsys.readouterr().out.splitlines() == ["x,y", '"a,b",2']
    assert main(["query", "SELECT count(*) AS n FROM marts.loads", "--warehouse", wh]) == 0
    assert "(1 row)" in capsys.readouterr().out


@pytest.mark.e2e
@pytest.mark.parametrize("sql", [
    "DELETE FROM core.articles",
    "CREATE TABLE t (x INT)",
    "SELECT * FROM read_csv('/etc/passwd')",
])
def test_query_refuses_writes_and_file_access(loaded_samples: dict[str, object], sql: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", sql, "--warehouse", str(loaded_samples["warehouse"])]) == 2
    err = capsys.readouterr().err
    assert "refused" in err


@pytest.mark.e2e
def test_views_and_status(loaded_samples: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    wh = str(loaded_samples["warehouse"])
    assert main(["views", "--warehouse", wh]) == 0
    out = capsys.readouterr().out
    assert "marts.daily_language_counts" in out and "Grain:" in out
    assert main(["status", "--warehouse", wh]) == 0
    out = capsys.readouterr().out
    assert "completed" in out and "(1 row)" in out


def test_query_without_snapshot_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match="run `newsdw run` first"):
        main(["query", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb")])


@pytest.mark.e2e
def test_reparse_and_stages_from_the_command_line(raw_copy: Path, warehouse_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    wh = str(warehouse_path)
    assert main(["reparse", "--warehouse", wh]) == 2
    assert "run `newsdw run` first" in capsys.readouterr().err
    assert main(["run", "--raw", str(raw_copy), "--warehouse", wh, "--stages", "nope"]) == 2
    assert "unknown corpus stage nope" in capsys.readouterr().err
    assert main(["run", "--raw", str(raw_copy), "--warehouse", wh]) == 0
    out = capsys.readouterr().out
    assert "corpus stages: furniture 5 in" in out and ", sources 5 in" in out and ", search 5 in" in out

    assert main(["reparse", "--all", "--warehouse", wh]) == 0
    out = capsys.readouterr().out
    assert out.startswith("newsdw reparse ") and "articles re-derived 5" in out
    assert main(["reparse", "--since", "no-such-load", "--warehouse", wh]) == 2
    assert "no such load" in capsys.readouterr().err

    assert main(["status", "--warehouse", wh]) == 0
    out = capsys.readouterr().out
    assert "| reparse" in out and "corpus stages of the latest load that ran them" in out
