#!/usr/bin/env python3
"""Check benchmarks/labels/realpages.tsv against the real pages it points into.

The label file stores only file names, line numbers, character offsets and
kinds -- never text.  This checker re-reads the source pages (which live
outside the repository, in ``../shared/realpages/`` relative to the repo
root) and verifies that the labels are well formed and complete:

* header is exactly ``set file line start end kind``;
* every field is of the expected form (known set, known kind, a plain
  ``*.txt`` file name, integer line, integer or empty offsets);
* the file exists and the line number is in range and not blank;
* offsets are in range, ``start < end``, and segments of one line do not
  overlap; a line is either labelled whole (empty offsets, one row) or in
  parts, never both;
* every non-blank line of every labelled article is covered, and the parts
  of a partly labelled line leave out nothing but whitespace.

Lines are counted as ``open(p, encoding="utf-8-sig").read().splitlines()``
gives them; a line is blank when ``line.strip() == ""``.

Usage: python benchmarks/labels/check_labels.py [--labels PATH] [--realpages DIR]
Exit status 0 when the labels pass, 1 otherwise.  Standard library only.
"""
from __future__ import annotations

import argparse
import collections
import csv
import re
import sys
from pathlib import Path

HEADER = ["set", "file", "line", "start", "end", "kind"]
SETS = ("bbc-hindi", "urdu-news")
KINDS = ("body", "furniture", "caption", "table_row", "title")
FILE_RE = re.compile(r"^[A-Za-z0-9_-]+\.txt$")

HERE = Path(__file__).resolve()
REPO_ROOT = HERE.parents[2]
# ../shared/realpages relative to the repo root (CI lays shared/ beside the clone).
DEFAULT_REALPAGES = REPO_ROOT.parent / "shared" / "realpages"
DEFAULT_LABELS = HERE.parent / "realpages.tsv"


def read_lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig") as fh:
        return fh.read().splitlines()


def category(set_name: str, file_name: str) -> str:
    if set_name == "bbc-hindi":
        return file_name.split("-", 1)[0]
    m = re.match(r"(?:test|train)-([a-z]+)\d+\.txt$", file_name)
    return m.group(1) if m else "?"


def check(labels: Path, realpages: Path) -> tuple[list[str], dict]:
    errors: list[str] = []
    # (set, file) -> line -> list of (start, end, kind) ; whole line uses (None, None, kind)
    spans: dict[tuple[str, str], dict[int, list[tuple]]] = collections.defaultdict(
        lambda: collections.defaultdict(list))
    page_cache: dict[tuple[str, str], list[str] | None] = {}
    kind_rows = collections.Counter()
    kind_chars = collections.Counter()

    if not labels.is_file():
        return [f"label file not found: {labels}"], {}
    if not realpages.is_dir():
        return [f"real pages folder not found: {realpages}"], {}

    with open(labels, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
    if not rows or rows[0] != HEADER:
        errors.append(f"bad header: {rows[0] if rows else None!r}, want {HEADER!r}")
        return errors, {}

    for n, row in enumerate(rows[1:], start=2):
        where = f"{labels.name}:{n}"
        if len(row) != 6:
            errors.append(f"{where}: {len(row)} fields, want 6")
            continue
        set_name, file_name, line_s, start_s, end_s, kind = row
        if set_name not in SETS:
            errors.append(f"{where}: unknown set {set_name!r}")
            continue
        if kind not in KINDS:
            errors.append(f"{where}: unknown kind {kind!r}")
            continue
        if not FILE_RE.match(file_name):
            errors.append(f"{where}: file field is not a plain .txt file name")
            continue
        if not line_s.isdigit() or int(line_s) < 1:
            errors.append(f"{where}: line must be a positive integer")
            continue
        line_no = int(line_s)
        key = (set_name, file_name)
        if key not in page_cache:
            p = realpages / set_name / file_name
            page_cache[key] = read_lines(p) if p.is_file() else None
        lines = page_cache[key]
        if lines is None:
            errors.append(f"{where}: no such file {set_name}/{file_name}")
            continue
        if line_no > len(lines):
            errors.append(f"{where}: line {line_no} out of range (file has {len(lines)})")
            continue
        text = lines[line_no - 1]
        if not text.strip():
            errors.append(f"{where}: line {line_no} is blank; blank lines get no row")
            continue
        if start_s == "" and end_s == "":
            start = end = None
            nchars = len(text.strip())
        elif start_s.isdigit() and end_s.isdigit():
            start, end = int(start_s), int(end_s)
            if not (0 <= start < end <= len(text)):
                errors.append(f"{where}: offsets {start}:{end} out of range for a line of "
                              f"{len(text)} characters")
                continue
            nchars = end - start
        else:
            errors.append(f"{where}: start/end must both be integers or both empty")
            continue
        spans[key][line_no].append((start, end, kind, where))
        kind_rows[kind] += 1
        kind_chars[kind] += nchars

    # per-line consistency and coverage
    for key, by_line in spans.items():
        lines = page_cache[key]
        set_name, file_name = key
        for line_no, segs in by_line.items():
            text = lines[line_no - 1]
            whole = [s for s in segs if s[0] is None]
            parts = sorted((s for s in segs if s[0] is not None), key=lambda s: s[0])
            if whole and (len(whole) > 1 or parts):
                errors.append(f"{set_name}/{file_name}:{line_no}: labelled whole and again "
                              f"({', '.join(s[3] for s in segs)})")
                continue
            if whole:
                continue
            pos = 0
            for start, end, _kind, where in parts:
                if start < pos:
                    errors.append(f"{where}: segment {start}:{end} overlaps the previous one "
                                  f"on {set_name}/{file_name}:{line_no}")
                elif text[pos:start].strip():
                    errors.append(f"{set_name}/{file_name}:{line_no}: characters {pos}:{start} "
                                  f"are not covered")
                pos = max(pos, end)
            if text[pos:].strip():
                errors.append(f"{set_name}/{file_name}:{line_no}: characters {pos}:{len(text)} "
                              f"are not covered")
        for i, text in enumerate(lines, start=1):
            if text.strip() and i not in by_line:
                errors.append(f"{set_name}/{file_name}:{i}: non-blank line has no label")

    # counts
    articles = collections.Counter()
    per_cat = collections.Counter()
    with_furniture = collections.Counter()
    kinds_per_article: dict[tuple[str, str], set] = {}
    for key, by_line in spans.items():
        set_name, file_name = key
        kinds = {s[2] for segs in by_line.values() for s in segs}
        kinds_per_article[key] = kinds
        articles[set_name] += 1
        per_cat[(set_name, category(set_name, file_name), "furniture" in kinds)] += 1
        if "furniture" in kinds:
            with_furniture[set_name] += 1
    stats = {
        "articles": articles,
        "per_category": per_cat,
        "with_furniture": with_furniture,
        "kind_rows": kind_rows,
        "kind_chars": kind_chars,
        "kinds_per_article": kinds_per_article,
    }
    return errors, stats


def report(stats: dict) -> None:
    arts = stats["articles"]
    print(f"articles: {sum(arts.values())} "
          + " ".join(f"{s}={arts[s]}" for s in SETS))
    for s in SETS:
        cats = sorted({c for (ss, c, _) in stats["per_category"] if ss == s})
        parts = []
        for c in cats:
            f = stats["per_category"][(s, c, True)]
            k = stats["per_category"][(s, c, False)]
            parts.append(f"{c}={f + k} ({f} with furniture)")
        print(f"  {s}: " + ", ".join(parts))
    wf = stats["with_furniture"]
    print("articles with furniture: "
          + " ".join(f"{s}={wf[s]}/{arts[s]}" for s in SETS))
    print("articles without furniture: "
          + " ".join(f"{s}={arts[s] - wf[s]}" for s in SETS))
    kpa = stats["kinds_per_article"]
    for k in KINDS:
        n_art = sum(1 for kinds in kpa.values() if k in kinds)
        print(f"kind {k:10s} rows={stats['kind_rows'][k]:5d} "
              f"chars={stats['kind_chars'][k]:7d} articles={n_art}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--realpages", type=Path, default=DEFAULT_REALPAGES)
    args = ap.parse_args(argv)
    errors, stats = check(args.labels, args.realpages)
    if stats:
        report(stats)
    for e in errors[:200]:
        print("ERROR", e, file=sys.stderr)
    if len(errors) > 200:
        print(f"ERROR ... and {len(errors) - 200} more", file=sys.stderr)
    print("OK" if not errors else f"FAILED: {len(errors)} error(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
