from pathlib import Path

from flows.steps.discover import discover
from flows.steps.reasons import Reason


def _write(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_finds_txt_files_recursively_with_relative_paths(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt")
    _write(tmp_path / "site" / "2024" / "b.txt")
    _write(tmp_path / "notes.md")
    _write(tmp_path / ".hidden.txt")
    found = discover(tmp_path, {})
    assert [r.path for r in found.candidates] == ["a.txt", "site/2024/b.txt"]
    assert found.unchanged == [] and found.gone == []


def test_unchanged_by_size_and_mtime_without_reading(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", "one")
    b = _write(tmp_path / "b.txt", "two")
    st = a.stat()
    known = {"a.txt": (st.st_size, st.st_mtime_ns), "b.txt": (999, 1), "gone.txt": (1, 1)}
    found = discover(tmp_path, known)
    assert [r.path for r in found.unchanged] == ["a.txt"]
    assert [r.path for r in found.candidates] == ["b.txt"]
    assert found.gone == ["gone.txt"]
    assert b.exists()


def test_symlinks_are_not_followed_by_default(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    outside = _write(tmp_path / "secret.txt", "outside")
    raw.mkdir()
    (raw / "link.txt").symlink_to(outside)
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    found = discover(raw, {})
    problems = {r.path: r.problem for r in found.candidates}
    assert problems == {"link.txt": Reason.SYMLINK_NOT_FOLLOWED, "loop.txt": Reason.SYMLINK_LOOP}


def test_symlink_followed_when_asked(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    outside = _write(tmp_path / "secret.txt", "outside")
    raw.mkdir()
    (raw / "link.txt").symlink_to(outside)
    found = discover(raw, {}, follow_symlinks=True)
    assert [(r.path, r.problem, r.size) for r in found.candidates] == [("link.txt", None, 7)]
