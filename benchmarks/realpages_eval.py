"""Extraction accuracy on real pages nobody here wrote: ../shared/realpages/, judged by hand labels.

    .venv/bin/python benchmarks/realpages_eval.py                 # one folder per source (as a scraper stores)
    .venv/bin/python benchmarks/realpages_eval.py --flat          # every page in one folder
    .venv/bin/python benchmarks/realpages_eval.py --json out.json
    .venv/bin/python benchmarks/realpages_eval.py --pages DIR --labels FILE   # another set (held-out)

The stages are `furniture,sources` (the furniture learned per source is what is judged here), unless
NEWSDW_STAGES names others (NEWSDW_STAGES=sources,search: the default stages, without it).
`--pages` holds one folder per source (pages lying in it directly are one more source, named after it), and
`--labels` a TSV in the format of benchmarks/labels/README.md whose `set` column names those folders.

The pages are laid out under a temporary raw folder (bbc-hindi/, urdu-news/, or all at the top with
--flat) and loaded by the real ingest flow (a real Prefect run, a real DuckDB file, the corpus stages),
so whatever is learned across a source's pages counts. Then each labelled article
(benchmarks/labels/realpages.tsv: file, line, character span, kind; never the text) is compared with
the blocks the warehouse kept, by line number:

- furniture leak: share of labelled articles whose body still holds any span labelled furniture;
  caption in body: the same for captions (they belong in core.captions, not the body); furniture spans
  leaked: the labelled furniture spans the body still holds, of all of them (a finer count: an article
  leaks until its last span goes);
- text retention: share of the characters labelled body that the body (or standfirst) keeps;
- lost paragraphs: labelled body lines of 80+ characters of which the body kept nothing;
- titles: labelled title lines that became the article's title; false titles: labelled articles whose
  file starts with no headline line, yet were given a title (a caption, a credit or the story's first
  sentence taken for one);
- table rows kept: share of table_row spans kept in the body;
- implausible dates: articles (all pages, labelled or not) whose published_at falls outside
  [1990-01-01, loaded_at + 1 day];
- furniture anywhere: pages (all of the source's, labelled or not) whose kept text holds the text of a span
  labelled furniture on any page of that source (spans of FURNITURE_MIN_WORDS words or more): a footer
  labelled on a few pages and printed under hundreds is looked for in every body.
`naive` is what a first attempt does (first line = title, everything else = body), on the same labels.
Prints a table per source and one JSON object last.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's flows, not an installed copy's (a worktree with another venv)
REALPAGES = ROOT.parent / "shared" / "realpages"
LABELS = ROOT / "benchmarks" / "labels" / "realpages.tsv"
STAGES = "furniture,sources"  # unless NEWSDW_STAGES says otherwise
KEPT = {"body", "heading", "table_row", "standfirst"}  # what counts as the article's text
LONG_PARAGRAPH = 80
FURNITURE_MIN_WORDS = 4  # shorter labelled furniture ('फोटो: एपी') may be a story's own words elsewhere


@dataclass(frozen=True)
class Span:
    line: int
    start: int | None
    end: int | None
    kind: str


@dataclass
class Tally:
    articles: int = 0
    leaked: int = 0
    caption_leaked: int = 0
    furniture_spans: int = 0
    body_chars: int = 0
    kept_chars: int = 0
    lost_paragraphs: int = 0
    titles: int = 0
    titles_right: int = 0
    false_titles: int = 0
    table_rows: int = 0
    table_rows_kept: int = 0
    leaks: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    titles_missed: list[str] = field(default_factory=list)
    titles_wrong: list[tuple[str, str, str | None]] = field(default_factory=list)  # (file:line, expected, got)

    def row(self) -> dict[str, object]:
        def pct(a: int, b: int) -> float | None:
            return round(100 * a / b, 1) if b else None

        return {"articles": self.articles, "furniture_leak_pct": pct(self.leaked, self.articles),
                "caption_in_body_pct": pct(self.caption_leaked, self.articles),
                "text_retention_pct": pct(self.kept_chars, self.body_chars), "lost_paragraphs": self.lost_paragraphs,
                "titles_pct": pct(self.titles_right, self.titles), "titles": self.titles,
                "false_titles": self.false_titles,
                "table_rows_kept_pct": pct(self.table_rows_kept, self.table_rows), "table_rows": self.table_rows,
                "furniture_spans_leaked": f"{len(self.leaks)}/{self.furniture_spans}"}


def read_labels(path: Path) -> dict[tuple[str, str], list[Span]]:
    labels: dict[tuple[str, str], list[Span]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            start = int(rec["start"]) if rec["start"] else None
            end = int(rec["end"]) if rec["end"] else None
            labels[(rec["set"], rec["file"])].append(Span(int(rec["line"]), start, end, rec["kind"]))
    return labels


def sources_of(pages: Path) -> dict[str, Path]:
    """The sources of `pages`: each folder under it; pages lying in `pages` itself (a set saved all in one
    folder) are one more source, named after the folder (their labels' `set`)."""
    sources = {p.name: p for p in sorted(pages.iterdir()) if p.is_dir()}
    if any(pages.glob("*.txt")):
        sources.setdefault(pages.name, pages)
    return sources


def lay_out(sources: dict[str, Path], raw: Path, flat: bool) -> None:
    """Copy the pages of `sources` (sources_of) under `raw`: a folder per source, or all at the top (`flat`,
    named source__file)."""
    for source, folder in sources.items():
        dest = raw if flat else raw / source
        dest.mkdir(parents=True, exist_ok=True)
        for page in folder.glob("*.txt"):
            shutil.copyfile(page, dest / (f"{source}__{page.name}" if flat else page.name))


def load_pages(sources: dict[str, Path], raw: Path, warehouse: Path, flat: bool) -> None:
    """Lay the pages of `sources` out under `raw` and run the real ingest flow on them."""
    lay_out(sources, raw, flat)
    home = warehouse.parent.parent / "prefect"  # must exist: Prefect's temporary server keeps its database there
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("NEWSDW_STAGES", STAGES)
    from flows.cli import _prefect_env

    _prefect_env()
    from flows.ingest import ingest_news

    summary = ingest_news(raw_dir=str(raw), warehouse=str(warehouse))
    print(f"loaded {summary['loaded']} pages, rejected {summary['rejected']} {summary['rejections']}; "
          f"stages {list(summary['stages'])}", file=sys.stderr)


@dataclass
class Extracted:
    title: str | None
    blocks: dict[int, list[tuple[str, str]]]  # line_no -> [(kind, text)]


def read_extracted(warehouse: Path, flat: bool) -> tuple[dict[tuple[str, str], Extracted], dict[str, int]]:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        articles = con.execute("SELECT file_version_id, path, title FROM staging.articles").fetchall()
        blocks = con.execute("SELECT b.file_version_id, b.line_no, b.kind, b.text FROM core.blocks AS b "
                             "JOIN staging.articles USING (file_version_id)").fetchall()
        bad_dates = con.execute(
            "SELECT path FROM staging.articles WHERE published_at < TIMESTAMP '1990-01-01' "
            "OR published_at > loaded_at + INTERVAL 1 DAY").fetchall()
    finally:
        con.close()
    by_id: dict[str, tuple[str, str]] = {}
    out: dict[tuple[str, str], Extracted] = {}
    for fvid, path, title in articles:
        source, name = split_path(path, flat)
        by_id[fvid] = (source, name)
        out[(source, name)] = Extracted(title, defaultdict(list))
    for fvid, line_no, kind, text in blocks:
        out[by_id[fvid]].blocks[line_no].append((kind, text))
    return out, dict(Counter(split_path(path, flat)[0] for (path,) in bad_dates))


def page_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def span_text(lines: list[str], span: Span) -> str:
    """The labelled span's text, normalised as the parser normalises a line."""
    from flows.steps.normalize import normalize_line

    raw = lines[span.line - 1]
    return normalize_line(raw[span.start:span.end] if span.start is not None else raw)


def furniture_texts(labels: dict[tuple[str, str], list[Span]], folders: dict[str, Path]) -> dict[str, set[str]]:
    """Per source, the casefolded texts of its spans labelled furniture, of FURNITURE_MIN_WORDS words or more."""
    out: dict[str, set[str]] = defaultdict(set)
    for (source, name), spans in labels.items():
        lines = page_lines(folders[source] / name)
        for span in spans:
            if span.kind != "furniture":
                continue
            text = span_text(lines, span).casefold()
            if len(text.split()) >= FURNITURE_MIN_WORDS:
                out[source].add(text)
    return out


def furniture_anywhere(kept: dict[str, list[str]], texts: dict[str, set[str]]) -> dict[str, int]:
    """Per source, the pages whose kept text (`kept`: source -> each page's kept text) holds one of the
    source's labelled furniture texts (furniture_texts)."""
    found = {source: sum(any(t in page.casefold() for t in texts.get(source, ())) for page in pages)
             for source, pages in kept.items()}
    found["all"] = sum(found.values())
    return found


def kept_text(got: Extracted) -> str:
    """What the article keeps as its text, its blocks joined."""
    return "\n".join(t for line in sorted(got.blocks) for k, t in got.blocks[line] if k in KEPT)


def split_path(path: str, flat: bool) -> tuple[str, str]:
    """(source, file name) of a path as load_pages laid it out."""
    source, name = path.split("__", 1) if flat else path.split("/", 1)
    return source, name


def naive(lines: list[str]) -> Extracted:
    """First non-blank line = title, every other line = body."""
    blocks: dict[int, list[tuple[str, str]]] = defaultdict(list)
    title = None
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if title is None:
            title = line
            blocks[no].append(("title", line))
        else:
            blocks[no].append(("body", line))
    return Extracted(title, blocks)


def judge(lines: list[str], spans: list[Span], got: Extracted, tally: Tally, name: str) -> None:
    from flows.steps.normalize import normalize_line

    tally.articles += 1
    leaked = caption_leaked = False
    for span in spans:
        text = span_text(lines, span)
        if not text:
            continue
        kept = [t for k, t in got.blocks.get(span.line, []) if k in KEPT]
        whole = span.start is None
        present = bool(kept) if whole else any(text in t for t in kept)
        tally.furniture_spans += span.kind == "furniture"
        if span.kind == "furniture" and present:
            leaked = True
            tally.leaks.append(f"{name}:{span.line}" + (f"@{span.start}" if span.start is not None else ""))
        elif span.kind == "caption" and present:
            caption_leaked = True
        elif span.kind == "body":
            tally.body_chars += len(text)
            if present:
                tally.kept_chars += len(text)
            elif len(text) >= LONG_PARAGRAPH:
                tally.lost_paragraphs += 1
                tally.lost.append(f"{name}:{span.line}")
        elif span.kind == "table_row":
            tally.table_rows += 1
            tally.table_rows_kept += present
        elif span.kind == "title":
            tally.titles += 1
            right = got.title is not None and normalize_line(got.title) == text
            tally.titles_right += right
            if not right:
                tally.titles_missed.append(f"{name}:{span.line}")
                tally.titles_wrong.append((f"{name}:{span.line}", text, got.title))
    tally.leaked += leaked
    tally.caption_leaked += caption_leaked
    if got.title is not None and not any(span.kind == "title" for span in spans):
        # The file starts with no headline line, so whatever line was taken for the title is
        # something else: a caption, a credit, the story's first sentence.
        tally.false_titles += 1
        tally.titles_missed.append(f"{name}:(none)")
        tally.titles_wrong.append((f"{name}:(none)", "(no headline on the page)", got.title))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--flat", action="store_true", help="every page in one folder (no per-source folders)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--show-leaks", type=int, default=0,
                    help="print up to N leaked file:line@start (a labelled span's first character) per source")
    ap.add_argument("--show-lost", action="store_true",
                    help="print every lost paragraph and missed title as file:line per source")
    ap.add_argument("--show-titles", action="store_true",
                    help="print each missed title: file:line, the labelled title and the one extracted "
                         "(page text: to the terminal only, never into a file of the repository)")
    ap.add_argument("--keep", type=Path, help="keep the warehouse in this folder (for inspection)")
    ap.add_argument("--pages", type=Path, default=REALPAGES,
                    help=f"the pages, one folder per source (default {REALPAGES})")
    ap.add_argument("--labels", type=Path, default=LABELS, help=f"their labels (default {LABELS})")
    args = ap.parse_args()
    if not args.pages.is_dir():
        raise SystemExit(f"no real pages at {args.pages}")
    labels = read_labels(args.labels)
    folders = sources_of(args.pages)
    unknown = sorted({source for source, _ in labels} - set(folders))
    if unknown:
        raise SystemExit(f"labels name sets with no folder under {args.pages}: {', '.join(unknown)}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="realpages-eval-"))
    try:
        warehouse = work / "wh" / "news.duckdb"
        load_pages(folders, work / "raw", warehouse, args.flat)
        extracted, bad_dates = read_extracted(warehouse, args.flat)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    results: dict[str, dict[str, dict[str, object]]] = {}
    texts = furniture_texts(labels, folders)
    for method in ("newsdw", "naive"):
        tallies: dict[str, Tally] = defaultdict(Tally)
        for (source, name), spans in sorted(labels.items()):
            lines = page_lines(folders[source] / name)
            got = extracted.get((source, name)) if method == "newsdw" else naive(lines)
            if got is None:  # rejected by newsdw: nothing kept
                got = Extracted(None, {})
            for key in (source, "all"):
                judge(lines, spans, got, tallies[key], f"{source}/{name}")
        results[method] = {k: t.row() for k, t in tallies.items()}
        kept: dict[str, list[str]] = defaultdict(list)
        for source, folder in folders.items():
            for page in sorted(folder.glob("*.txt")):
                got = (extracted.get((source, page.name)) if method == "newsdw"
                       else naive(page_lines(page)))
                kept[source].append(kept_text(got) if got is not None else "")
        for k, n in furniture_anywhere(kept, texts).items():
            if k in results[method]:
                results[method][k]["furniture_anywhere"] = n
                results[method][k]["pages"] = len(kept[k]) if k != "all" else sum(map(len, kept.values()))
        if method == "newsdw":
            for k, t in tallies.items():
                results[method][k]["implausible_dates"] = (
                    sum(bad_dates.values()) if k == "all" else bad_dates.get(k, 0))
                if args.show_leaks and k != "all":
                    print(f"leaks {k}: {' '.join(t.leaks[: args.show_leaks])}", file=sys.stderr)
                if args.show_lost and k != "all":
                    print(f"lost {k}: {' '.join(t.lost)}", file=sys.stderr)
                    print(f"titles missed {k}: {' '.join(t.titles_missed)}", file=sys.stderr)
                if args.show_titles and k != "all":
                    for where, expected, title in t.titles_wrong:
                        print(f"title missed {where}\n  expected: {expected}\n  got:      {title}", file=sys.stderr)
    cols = ["articles", "furniture_leak_pct", "caption_in_body_pct", "text_retention_pct", "lost_paragraphs",
            "titles_pct", "false_titles", "table_rows_kept_pct", "implausible_dates", "pages", "furniture_anywhere",
            "furniture_spans_leaked"]
    print(f"{'method':8} {'source':10} " + " ".join(f"{c:>20}" for c in cols))
    for method, per in results.items():
        for source, row in per.items():
            print(f"{method:8} {source:10} " + " ".join(f"{row.get(c, '-')!s:>20}" for c in cols))
    out = {"layout": "flat" if args.flat else "per-source", "labelled_articles": len(labels), **results}
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
