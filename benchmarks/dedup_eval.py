"""Near-duplicate groups and stories (the `dedup` corpus stage), judged on real text.

    .venv/bin/python benchmarks/dedup_eval.py                  # dev (bbc-hindi + data/raw) and held-out (urdu-news)
    .venv/bin/python benchmarks/dedup_eval.py --json out.json
    .venv/bin/python benchmarks/dedup_eval.py --held-out DIR[:LANG] ...  # held-out: other sites' pages instead

Pairs: every real page of at least 50 words is a base; its near-duplicates are made from it by the edits
a newsroom makes (a new headline, a paragraph cut, a paragraph added from another page, furniture lines
changed, numbers updated, whitespace and Unicode normalisation changed, and a cut with new furniture);
a base and its variants are one family (real pages labelled as copies of each other share one). Hard
negatives, from two pages in ten kept out of the families: a site's daily template story (the same text
with other numbers, dated a day later), two different texts (a page's halves) sharing only a block of
furniture, two copies of a text cut under 50 words, an empty and a one-word body. Everything is written
under a temporary raw folder (one folder per source), loaded with the real parser and the stage, and
dup_group_id is compared with the families: pair precision and recall (over all pairs of files), and
how many hard negatives were grouped. dev is ../shared/realpages/bbc-hindi plus data/raw; held-out is
../shared/realpages/urdu-news (another site and script), or the folders given with --held-out (one
site's pages each, or a set laid out one folder per site; LANG, hi/ur/en, picks the furniture lines the
edits insert, else the pages' script does).

Stories: the unedited pages of benchmarks/labels/dedup_stories.tsv (file, story, dup; labelled by hand,
never the text) loaded alone; B-cubed precision, recall and F1 of story_id against the labels. The dup
column also joins the families of real pages that are copies of each other in the pair sets.
Cost: the stage's seconds per run. Prints a table and one JSON object last.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows import corpus  # noqa: E402
from flows import warehouse as wh  # noqa: E402
from flows.corpus import StageContext  # noqa: E402
from flows.steps.batch import parse_chunk  # noqa: E402
from flows.steps.discover import discover  # noqa: E402
from flows.steps.language import script_profile  # noqa: E402
from flows.steps.load import to_frames  # noqa: E402

REALPAGES = ROOT.parent / "shared" / "realpages"
LABELS = ROOT / "benchmarks" / "labels" / "dedup_stories.tsv"
SENTENCE = re.compile(r"(?<=[.।?!۔؟])\s*")
NUMBER = re.compile(r"\d+")
FURNITURE = {
    "hi": ["विज्ञापन", "Read Time: 3 mins", "यह भी पढ़ें: {other}", "हमें फेसबुक और ट्विटर पर फॉलो करें",
           "(बीबीसी हिन्दी के एंड्रॉएड ऐप के लिए यहां क्लिक करें)", "Advertisement"],
    "ur": ["مزید پڑھیں: {other}", "شیئر کریں:", "(فائل فوٹو)", "یہ بھی پڑھیں: {other}", "Advertisement"],
    "en": ["Advertisement", "Read more: {other}", "Share this article", "Follow us on Facebook and Twitter",
           "Image copyright Getty Images"],
}


# The furniture lines a held-out site's edits insert, by the dominant script of its pages; others: English.
SCRIPT_FURNITURE = {"Devanagari": "hi", "Arabic": "ur"}


def held_out_folders(arg: str) -> list[tuple[str, tuple[Path, str]]]:
    """`DIR[:LANG]` -> [(source, (folder, language))]: DIR is one site's pages, or (holding no pages of its
    own) a set laid out one folder per site, each then a source. The language picks the furniture lines
    the edits insert: LANG, else the dominant script of each folder's first pages (script_profile)."""
    folder, _, lang = arg.partition(":")
    path = Path(folder)
    if not path.is_dir():
        raise SystemExit(f"--held-out {arg}: no folder {path}")
    if lang and lang not in FURNITURE:
        raise SystemExit(f"--held-out {arg}: language {lang!r} is none of {', '.join(FURNITURE)}")
    sites = [path] if any(path.glob("*.txt")) else sorted(
        d for d in path.iterdir() if d.is_dir() and any(d.glob("*.txt")))
    if not sites:
        raise SystemExit(f"--held-out {arg}: no pages (*.txt) in {path} or its folders")
    return [(site.name, (site, lang or _language_of(site))) for site in sites]


def _language_of(folder: Path) -> str:
    text = "".join(read(f)[:2000] for f in sorted(folder.glob("*.txt"))[:20])
    return SCRIPT_FURNITURE.get(script_profile(text).script, "en")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(" ".join(text.split())) if len(s.strip().split()) >= 2]


class Page:
    """A real text laid out as a scraper saves a page: a title line, then paragraphs of three sentences."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        sents = sentences(text)
        self.title = " ".join(" ".join(sents[:1]).split()[:10]) if sents else ""
        self.paragraphs = [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    def render(self, title: str | None = None, paragraphs: list[str] | None = None,
               head: Iterable[str] = ()) -> str:
        lines = [*head, title if title is not None else self.title, ""]
        for p in paragraphs if paragraphs is not None else self.paragraphs:
            lines += [p, ""]
        return "\n".join(lines)


def variants(page: Page, other: Page, lang: str, rng: random.Random) -> dict[str, str]:
    """The edits, each as a file text; an edit the page cannot take (too few paragraphs, no numbers) is skipped."""
    ps = page.paragraphs
    furniture = [line.format(other=other.title) for line in FURNITURE[lang]]
    out = {"base": page.render(),
           "reheadline": page.render(title=" ".join(other.paragraphs[-1].split()[:9]) if other.paragraphs else "x")}
    added = min(other.paragraphs, key=lambda p: len(p.split()))
    if 3 * len(added.split()) <= page.words:  # a paragraph added, not a page glued to another
        out["added"] = page.render(paragraphs=[*ps[:len(ps) // 2], added, *ps[len(ps) // 2:]])
    if len(ps) >= 3:
        cut = rng.randrange(1, len(ps))
        out["cut"] = page.render(paragraphs=ps[:cut] + ps[cut + 1:])
        out["cut_furniture"] = page.render(paragraphs=[*ps[:cut], furniture[0], *ps[cut + 1:], *furniture[1:3]])
    out["furniture"] = page.render(paragraphs=ps[:1] + furniture[:2] + ps[1:] + furniture[2:])
    numbers = NUMBER.findall(" ".join(ps))
    if numbers:
        changed = iter(range(3))
        out["numbers"] = page.render(paragraphs=[NUMBER.sub(
            lambda m: str(int(m.group()) + 7) if next(changed, None) is not None else m.group(), p) for p in ps])
    zwnj = "".join(c + ("\u200c" if c == "\u094d" and rng.random() < 0.3 else "") for c in page.render())
    out["unicode"] = unicodedata.normalize("NFD", zwnj).replace(" ", "  ").replace("\n", "\r\n")
    return out


def negatives(page: Page, other: Page, lang: str, rng: random.Random, i: int) -> dict[str, str]:
    """Hard negatives from a page that is in no family: template stories a day apart and a short text
    twice (i % 10 == 0), or its two halves under the same block of furniture (i % 10 == 5)."""
    a, b = rng.randrange(100, 999), rng.randrange(100, 999)
    renumber = [NUMBER.sub(lambda m: str(int(m.group()) * 3 + 1), p) for p in page.paragraphs]
    day = 1 + i % 27
    short = " ".join(page.render().split()[:40])
    furniture = [f"{line.format(other=f'{other.title} {k}')}" for k in range(3) for line in FURNITURE[lang]]
    half = len(page.paragraphs) // 2
    if i % 10 == 5:
        return {"furniture_a": page.render(paragraphs=page.paragraphs[:half] + furniture),
                "furniture_b": page.render(title=other.title, paragraphs=page.paragraphs[half:] + furniture)}
    return {
        "template_a": page.render(title=f"आज {a} नए केस: {page.title}", head=[f"Update: 2024-03-{day:02d} 09:00 GMT"]),
        "template_b": page.render(title=f"आज {b} नए केस: {page.title}", paragraphs=renumber,
                                  head=[f"Update: 2024-03-{day + 1:02d} 09:00 GMT"]),
        "short_a": short, "short_b": short,
    }


def load(raw: Path, db: Path) -> tuple[wh.Connection, float]:
    """Parse and load everything under raw, then run the dedup stage (full); the stage's seconds."""
    con = wh.connect(db)
    wh.migrate(con)
    found = discover(raw, {})
    wh.start_load(con, "E1", None, str(raw), "eval")
    result = parse_chunk([(r, None) for r in found.candidates], "E1", datetime(2026, 1, 1), max_bytes=10**7,
                         default_zone="UTC")
    frames = to_frames(result.rows)
    wh.load_batch(con, frames, "E1")
    ctx = StageContext("E1", added=tuple(frames.articles["file_version_id"].to_list()))
    started = time.perf_counter()
    corpus.run_stages(con, ctx, [corpus.dedup])
    return con, time.perf_counter() - started


def groups_by_path(con: wh.Connection, column: str) -> dict[str, str]:
    return dict(con.execute(f"SELECT a.path, m.{column} FROM core.dup_members AS m "
                            "JOIN core.articles AS a USING (file_version_id)").fetchall())


def pair_scores(truth: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Pair precision and recall of predicted groups against true families, over the files in both."""
    files = [f for f in truth if f in predicted]
    cells = Counter((truth[f], predicted[f]) for f in files)
    pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts)  # noqa: E731
    tp = pairs(cells.values())
    true_pairs = pairs(Counter(truth[f] for f in files).values())
    pred_pairs = pairs(Counter(predicted[f] for f in files).values())
    return {"files": len(files), "true_pairs": true_pairs, "predicted_pairs": pred_pairs, "tp": tp,
            "precision": tp / pred_pairs if pred_pairs else 1.0, "recall": tp / true_pairs if true_pairs else 1.0}


def bcubed(truth: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    files = [f for f in truth if f in predicted]
    by_t: dict[str, set[str]] = defaultdict(set)
    by_p: dict[str, set[str]] = defaultdict(set)
    for f in files:
        by_t[truth[f]].add(f)
        by_p[predicted[f]].add(f)
    p = sum(len(by_t[truth[f]] & by_p[predicted[f]]) / len(by_p[predicted[f]]) for f in files) / len(files)
    r = sum(len(by_t[truth[f]] & by_p[predicted[f]]) / len(by_t[truth[f]]) for f in files) / len(files)
    return {"files": len(files), "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def pairs_set(name: str, folders: dict[str, tuple[Path, str]], seed: int) -> dict[str, object]:
    """Build the edited corpus from `folders` (source: (folder, language)), load it, score it."""
    rng = random.Random(seed)
    _, real_dups = read_labels()  # real pages that are copies of each other: one family
    truth: dict[str, str] = {}
    negative_pairs: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        for source, (folder, lang) in folders.items():
            pages = [Page(f.stem, read(f)) for f in sorted(folder.glob("*.txt"))]
            pages = [p for p in pages if p.words >= 60 and len(p.paragraphs) >= 2]
            (raw / source).mkdir(parents=True)
            for i, page in enumerate(pages):
                other = pages[(i + 1 + rng.randrange(len(pages) - 1)) % len(pages)]
                if i % 10 not in (0, 5):
                    for edit, text in variants(page, other, lang, rng).items():
                        path = f"{source}/{page.name}.{edit}.txt"
                        (raw / path).write_text(text, encoding="utf-8")
                        truth[path] = real_dups.get(f"{source}/{page.name}.txt", f"{source}/{page.name}")
                else:  # two pages in ten give hard negatives instead (their text is in no family)
                    neg = negatives(page, other, lang, rng, i)
                    for kind, text in neg.items():
                        path = f"{source}/{page.name}.neg-{kind}.txt"
                        (raw / path).write_text(text, encoding="utf-8")
                        truth[path] = path
                    for kind in ("template", "short") if i % 10 == 0 else ("furniture",):
                        negative_pairs.append((kind, f"{source}/{page.name}.neg-{kind}_a.txt",
                                               f"{source}/{page.name}.neg-{kind}_b.txt"))
            for k, body in enumerate(("", "शब्द")):
                path = f"{source}/tiny-{k}.txt"
                (raw / path).write_text(f"एक शीर्षक\n\n{body}\n", encoding="utf-8")
                truth[path] = path
        con, seconds = load(raw, Path(tmp) / "w.duckdb")
        predicted = groups_by_path(con, "dup_group_id")
        rows = con.execute("SELECT count(*) FROM core.articles").fetchall()[0][0]
        con.close()
    scores = pair_scores(truth, predicted)
    grouped = Counter(kind for kind, a, b in negative_pairs if a in predicted and predicted.get(a) == predicted.get(b))
    tried = Counter(kind for kind, a, b in negative_pairs if a in predicted and b in predicted)
    missing = sorted(set(truth) - set(predicted))
    by_edit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in truth:
        edit = path.rsplit(".", 2)[-2]
        base = f"{path.rsplit('.', 2)[0]}.base.txt"
        if edit != "base" and not edit.startswith("neg-") and path in predicted and base in predicted:
            by_edit[edit][0] += predicted[path] == predicted[base]
            by_edit[edit][1] += 1
    return {"set": name, **scores, "articles": rows, "not_loaded": len(missing),
            "hard_negatives_grouped": {k: f"{grouped[k]}/{tried[k]}" for k in sorted(tried)},
            "recall_by_edit": {k: round(v[0] / v[1], 3) for k, v in sorted(by_edit.items())},
            "stage_seconds": round(seconds, 2)}


def read_labels() -> tuple[dict[str, str], dict[str, str]]:
    """file -> story, and file -> dup group (copies of one text), from the hand labels."""
    stories, dups = {}, {}
    with LABELS.open(encoding="utf-8") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            stories[row["file"]] = row["story"]
            if row["dup"]:
                dups[row["file"]] = row["dup"]
    return stories, dups


def stories_set() -> dict[str, object]:
    labels, _ = read_labels()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        for file in labels:
            source, name = file.split("/", 1)
            src = ROOT / "data" / "raw" / name if source == "data-raw" else REALPAGES / file
            (raw / source).mkdir(parents=True, exist_ok=True)
            (raw / file).write_text(read(src), encoding="utf-8")
        con, seconds = load(raw, Path(tmp) / "w.duckdb")
        predicted = groups_by_path(con, "story_id")
        links = dict(con.execute("SELECT kind, count(*) FROM core.dup_edges GROUP BY 1").fetchall())
        con.close()
    return {"set": "stories", **bcubed(labels, predicted), "labelled": len(labels),
            "labelled_stories": len(set(labels.values())), "links": links, "stage_seconds": round(seconds, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--held-out", action="append", metavar="DIR[:LANG]", default=[],
                        help="a folder of one site's pages, or of one folder per site, for the held-out pair set "
                             "(repeat for more); "
                             "default ../shared/realpages/urdu-news")
    args = parser.parse_args(argv)
    given = [site for a in args.held_out for site in held_out_folders(a)]
    if len({source for source, _ in given}) < len(given):
        parser.error("--held-out folders must have different names (each is one source)")
    held_out = dict(given) or {"urdu-news": (REALPAGES / "urdu-news", "ur")}
    if not REALPAGES.is_dir():
        print(f"{REALPAGES} is missing: nothing to evaluate", file=sys.stderr)
        return 1
    results = [
        pairs_set("dev", {"bbc-hindi": (REALPAGES / "bbc-hindi", "hi"), "samples": (ROOT / "data" / "raw", "hi")},
                  args.seed),
        pairs_set("held-out", held_out, args.seed),
        stories_set(),
    ]
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
