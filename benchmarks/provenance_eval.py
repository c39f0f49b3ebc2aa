"""Provenance accuracy (issue 12): authors, desk, agency and updated_at against hand labels.

    .venv/bin/python benchmarks/provenance_eval.py            # table per set, then one JSON object
    .venv/bin/python benchmarks/provenance_eval.py --misses   # also list every wrong field

Labels: benchmarks/labels/provenance.tsv, one row per article (set, file, split, agency, authors separated by
';', desk, updated_at as UTC ISO to the minute, captions, note); an empty cell is NULL. `captions` is the
credit of each photo in page order (its caption's, or the credit line printed for a photo with no
caption), ';'-separated, '-' for a caption that credits nobody: an agency or photo agency code, 'file
photo', or the credit as printed. Sets: `seeds` (data/raw),
`fixtures` (tests/fixtures/provenance, written for this) and the real pages `bbc-hindi` and `urdu-news`
(../shared/realpages/, skipped when absent; their text never enters the repository, the labels hold
only values read off the pages). `split`: dev (looked at while writing the rules) or heldout (labelled
by reading, then scored once, rules unchanged). Each file is decoded and parsed by the parser itself (decode +
parse_text, no warehouse), which is where provenance is extracted.

Per field: accuracy (the value or NULL matches exactly), precision (of the non-NULL values given, the
share that are right) and recall (of the non-NULL labels, the share found). `false credits` counts
articles given an agency their label does not credit: an agency quoted as a source must credit nothing.
For captions, precision and recall count credits (each caption's credit an item, per page); accuracy is
the share of pages whose credits all match.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.steps import decode as dec  # noqa: E402
from flows.steps.parse import Article, parse_text  # noqa: E402
from flows.steps.segment import load_rules  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "provenance.tsv"
FOLDERS = {"seeds": ROOT / "data" / "raw", "fixtures": ROOT / "tests" / "fixtures" / "provenance"}
REALPAGES = ROOT.parent / "shared" / "realpages"
FIELDS = ("agency", "authors", "desk", "updated_at", "captions")


@dataclass
class Score:
    n: int = 0
    exact: int = 0
    given: int = 0  # non-NULL predictions
    given_right: int = 0
    labelled: int = 0  # non-NULL labels
    found: int = 0

    def add(self, want: str, got: str) -> None:
        self.n += 1
        self.exact += want == got
        self.given += got != ""
        self.given_right += got != "" and got == want
        self.labelled += want != ""
        self.found += want != "" and got == want

    def add_items(self, want: str, got: str) -> None:
        """Caption credits: each credit an item (a multiset per page), captions without one left out."""
        w = Counter(c for c in want.split(";") if c not in ("", "-"))
        g = Counter(c for c in got.split(";") if c not in ("", "-"))
        self.n += 1
        self.exact += w == g
        self.given += sum(g.values())
        self.labelled += sum(w.values())
        hit = sum((w & g).values())
        self.given_right += hit
        self.found += hit

    def figures(self) -> dict[str, float | int | None]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {"n": self.n, "accuracy": share(self.exact, self.n), "precision": share(self.given_right, self.given),
                "recall": share(self.found, self.labelled), "given": self.given, "labelled": self.labelled}


@dataclass
class SetScore:
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    false_credits: int = 0
    desk_in_authors: int = 0


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def predicted(article: Article) -> dict[str, str]:
    p = article.provenance
    return {"agency": p.agency or "", "authors": ";".join(_norm(a) for a in p.authors or []),
            "desk": _norm(p.desk or ""), "updated_at": p.updated_at.strftime("%Y-%m-%dT%H:%M") if p.updated_at else "",
            "captions": ";".join(_norm(p.caption_credits.get(b.block.ordinal, "-"))
                                 for b in article.blocks
                                 if b.block.kind == "caption" or b.block.ordinal in p.caption_credits)}


def parse_file(path: Path) -> Article | None:
    decoded = dec.decode(path.read_bytes())
    if isinstance(decoded, dec.DecodeError):
        return None
    out = parse_text(decoded.text, path=path.name, sha256="", size=0, mtime_ns=0, encoding=decoded.encoding,
                     raw=b"", default_zone="Asia/Kolkata", rules=load_rules())
    return out if isinstance(out, Article) else None


def folder(name: str) -> Path:
    return FOLDERS.get(name, REALPAGES / name)


def run(show_misses: bool) -> dict[str, SetScore]:
    scores: dict[str, SetScore] = defaultdict(SetScore)
    with LABELS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = folder(row["set"]) / row["file"]
            if not path.exists():
                continue
            article = parse_file(path)
            got = predicted(article) if article else dict.fromkeys(FIELDS, "")
            want = {f: _norm(row[f] or "") for f in FIELDS}
            split = row.get("split") or "dev"
            for s in (scores[f"{row['set']}:{split}"], scores[f"all:{split}"]):
                for f in FIELDS:
                    if f == "captions":
                        s.fields[f].add_items(want[f], got[f])
                    else:
                        s.fields[f].add(want[f], got[f])
                s.false_credits += got["agency"] != "" and got["agency"] != want["agency"] and want["agency"] == ""
                s.desk_in_authors += got["desk"] != "" and got["desk"] in got["authors"].split(";")
            if show_misses:
                for f in FIELDS:
                    if want[f] != got[f]:
                        print(f"miss {row['set']}/{row['file']} {f}: want {want[f]!r} got {got[f]!r}")
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", action="store_true", help="list every wrong field")
    args = ap.parse_args(argv)
    scores = run(args.misses)
    if not (REALPAGES.exists()):
        print("note: ../shared/realpages is missing: real pages skipped", file=sys.stderr)
    print(f"{'set':<18} {'field':<11} {'n':>4} {'accuracy':>9} {'precision':>10} {'recall':>7}  given/labelled")
    report: dict[str, object] = {}
    for name in sorted(scores, key=lambda k: (k.split(":")[1], k.startswith("all"), k)):
        s = scores[name]
        report[name] = {**{f: sc.figures() for f, sc in s.fields.items()}, "false_credits": s.false_credits,
                        "desk_in_authors": s.desk_in_authors}
        for f, sc in s.fields.items():
            fig = sc.figures()
            def fmt(v: object) -> str:
                return "-" if v is None else f"{v:.3f}"
            print(f"{name:<18} {f:<11} {fig['n']:>4} {fmt(fig['accuracy']):>9} {fmt(fig['precision']):>10} "
                  f"{fmt(fig['recall']):>7}  {fig['given']}/{fig['labelled']}")
        print(f"{name:<18} false credits (agency where the label has none): {s.false_credits}; "
              f"desk in authors: {s.desk_in_authors}")
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
