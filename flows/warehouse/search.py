"""Ranked search over the index the `search` stage keeps (core.search_*): `newsdw search`.

A query word matches, at full weight, the terms of its own spelling as the text used it and its stems
under every language of its script (an inflection no article used still finds its stem); at half
weight, terms with the same sound key in any script (flows/steps/translit.py: "kim" ↔ किम); and at
up to FUZZY_WEIGHT, terms whose sound key is near (rapidfuzz), e.g. "delhi" ↔ दिल्ली. Scores are BM25
(core.search_rank in sql/migrations/008_search.sql, which marts.search shares). The query only ever
reaches SQL as bound parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import regex
from rapidfuzz import fuzz, process

from flows.steps.tokens import WORD, normalise, script_of, term
from flows.steps.translit import key
from flows.warehouse.connect import Connection

MAX_QUERY_CHARS = 10_000  # longer queries are cut here (a pasted article is not a query)
MAX_WORDS = 32
SOUND_WEIGHT = 0.5
FUZZY_WEIGHT = 0.4
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio (0-100) of two sound keys
MIN_SOUND_KEY = 3  # shorter keys ("un", "ki") match too much by chance
MIN_FUZZY_KEY = 5  # one letter off a shorter key is another word ("kamp" / "kam")
SNIPPET_CHARS = 240
MARK = "**"
_LANGUAGES = {"latin": ("en",), "deva": ("hi", "mr", "ne"), "arabic": ("ur",), "other": ("",)}
# Words in the original text: letters, marks, digits and the joiners normalise() drops.
_RAW_WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d\u00ad]+")


@dataclass(frozen=True)
class Hit:
    article_id: str
    file_version_id: str
    path: str
    title: str | None
    source: str
    language: str
    published_at: datetime | None
    score: float
    snippet: str

    def as_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "file_version_id": self.file_version_id, "path": self.path,
                "title": self.title, "source": self.source, "language": self.language,
                "published_at": self.published_at.isoformat() if self.published_at else None,
                "score": round(self.score, 4), "snippet": self.snippet}


@dataclass(frozen=True)
class Result:
    hits: list[Hit] = field(default_factory=list)
    message: str | None = None  # why there is nothing, or what was left out of the query


@dataclass(frozen=True)
class Filters:
    language: str | None = None
    source: str | None = None
    since: date | None = None


def query_words(text: str) -> list[str]:
    """The query's distinct normalised words, in order."""
    out: list[str] = []
    for w in WORD.findall(normalise(text[:MAX_QUERY_CHARS])):
        if w not in out:
            out.append(w)
    return out


def _stems(word: str) -> set[str]:
    """The word's terms under each language of its script; empty when it is a stopword in all of them."""
    return {t for lang in _LANGUAGES[script_of(word)] if (t := term(word, lang)) is not None}


def expand(con: Connection, words: Sequence[str]) -> list[dict[str, Any]]:
    """Weighted terms for each query word: {qw, term_id, weight}, the best weight per (word, term)."""
    stems = {w: _stems(w) for w in words}
    lookups = sorted({t for s in stems.values() for t in s})
    by_form: dict[str, set[int]] = {}
    for form, term_id in con.execute("SELECT DISTINCT form, term_id FROM core.search_forms WHERE term_id IS NOT NULL "
                                     "AND form IN (SELECT unnest(?::VARCHAR[]))", [list(words)]).fetchall():
        by_form.setdefault(form, set()).add(term_id)
    by_term = dict(con.execute(
        "SELECT term, term_id FROM core.search_terms WHERE term IN (SELECT unnest(?::VARCHAR[]))",
        [lookups]).fetchall())
    # Sound keys are of words as written (a stem would lose the ending a name is said with: कोहली, not कोहल).
    keys_of: dict[int, set[str]] = {}
    for qw, w in enumerate(words):
        if stems[w]:  # not a stopword: a stopword's spelling matches nothing, and its sound should not either
            keys_of[qw] = {k for k in (key(w),) if k and len(k) >= MIN_SOUND_KEY}
    weights: dict[tuple[int, int], float] = {}

    def add(qw: int, term_id: int, weight: float) -> None:
        if weight > weights.get((qw, term_id), 0.0):
            weights[(qw, term_id)] = weight

    for qw, w in enumerate(words):
        if qw not in keys_of:
            continue
        for term_id in by_form.get(w, ()):
            add(qw, term_id, 1.0)
        for t in stems[w]:
            if t in by_term:
                add(qw, by_term[t], 1.0)
    all_keys = sorted({k for ks in keys_of.values() for k in ks})
    near = _near_keys(con, all_keys)
    wanted = sorted(set(all_keys) | {other for found in near.values() for other, _ in found})
    by_key: dict[str, set[int]] = {}
    for k, term_id in con.execute("SELECT DISTINCT sound_key, term_id FROM core.search_forms WHERE term_id IS NOT "
                                  "NULL AND sound_key IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall():
        by_key.setdefault(k, set()).add(term_id)
    for qw, keys in keys_of.items():
        for k in keys:
            for term_id in by_key.get(k, ()):
                add(qw, term_id, SOUND_WEIGHT)
            for other, similarity in near.get(k, ()):
                for term_id in by_key.get(other, ()):
                    add(qw, term_id, FUZZY_WEIGHT * similarity)
    return [{"qw": qw, "term_id": t, "weight": w} for (qw, t), w in sorted(weights.items())]


def _near_keys(con: Connection, keys: Sequence[str]) -> dict[str, list[tuple[str, float]]]:
    """For each key of MIN_FUZZY_KEY letters or more, the index's other sound keys within FUZZY_CUTOFF."""
    out: dict[str, list[tuple[str, float]]] = {}
    long_keys = [k for k in keys if len(k) >= MIN_FUZZY_KEY]
    if not long_keys:
        return out
    # Candidates share the first letter and nearly the length: a ratio of 80 allows little else.
    rows = con.execute(
        "SELECT DISTINCT t.sound_key, q.k FROM core.search_forms AS t "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS k) AS q ON left(t.sound_key, 1) = left(q.k, 1) "
        "AND abs(length(t.sound_key) - length(q.k)) <= 2 AND t.sound_key <> q.k "
        "WHERE t.term_id IS NOT NULL", [long_keys]).fetchall()
    candidates: dict[str, list[str]] = {}
    for other, k in rows:
        candidates.setdefault(k, []).append(other)
    for k, choices in candidates.items():
        found = process.extract(k, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10)
        out[k] = [(other, score / 100.0) for other, score, _ in found]
    return out


# The best `limit` versions first, then their text: reading the bodies of every match would cost more
# than ranking them.
_TOP = """
    SELECT a.file_version_id, r.score
    FROM core.search_rank(?::STRUCT(qw INTEGER, term_id INTEGER, weight DOUBLE)[]) AS r
    JOIN core.search_docs AS d ON d.doc_id = r.doc_id
    JOIN core.articles AS a ON a.file_version_id = d.file_version_id
    WHERE (?::VARCHAR IS NULL OR a.language = ?::VARCHAR)
      AND (?::VARCHAR IS NULL OR a.source = ?::VARCHAR)
      AND (?::DATE IS NULL OR a.published_at >= ?::DATE)
    ORDER BY r.score DESC, a.path
    LIMIT ?
"""
_TEXT = """
    SELECT file_version_id, article_id, path, title, source, language, published_at, standfirst, body
    FROM core.articles WHERE file_version_id IN (SELECT unnest(?::VARCHAR[]))
"""


def search(con: Connection, text: str, limit: int = 10, filters: Filters | None = None) -> Result:
    """The best `limit` current articles for the query, or a message saying why there are none."""
    f = filters or Filters()
    if not text or not text.strip():
        return Result(message="nothing to search for: the query is empty")
    all_words = query_words(text)
    if not all_words:
        return Result(message="nothing to search for: the query has no letters or digits")
    words = all_words[:MAX_WORDS]
    cut = (f" (searched its first {MAX_WORDS} distinct words)" if len(all_words) > MAX_WORDS
           or len(text) > MAX_QUERY_CHARS else "")
    qterms = expand(con, words)
    if not qterms:
        if all(not _stems(w) for w in words):
            return Result(message="nothing to search for: the query has only very common words" + cut)
        return Result(message="no articles match" + cut)
    top = con.execute(_TOP, [qterms, f.language, f.language, f.source, f.source, f.since, f.since,
                             max(1, limit)]).fetchall()
    if not top:
        return Result(message="no articles match" + (" with these filters" if f != Filters() else "") + cut)
    matched = _matched_terms(con, qterms)
    texts = {r[0]: r[1:] for r in con.execute(_TEXT, [[fvid for fvid, _ in top]]).fetchall()}
    hits = []
    for fvid, score in top:
        aid, path, title, source, lang, published, standfirst, body = texts[fvid]
        text = next((t for t in (body, standfirst, title) if t and _marks(t, lang, matched)), body or "")
        hits.append(Hit(aid, fvid, path, title, source, lang, published, float(score), snippet(text, lang, matched)))
    return Result(hits, cut.strip(" ()") or None)


def _matched_terms(con: Connection, qterms: Sequence[dict[str, Any]]) -> set[str]:
    ids = sorted({q["term_id"] for q in qterms})
    return {r[0] for r in con.execute("SELECT term FROM core.search_terms WHERE term_id IN "
                                      "(SELECT unnest(?::INTEGER[]))", [ids]).fetchall()}


def _marks(text: str, language: str, matched: set[str]) -> list[tuple[int, int]]:
    """Where the words of `text` whose term is matched are, as (start, end)."""
    out = []
    for m in _RAW_WORD.finditer(text):
        for w in WORD.findall(normalise(m.group())):
            if term(w, language) in matched:
                out.append(m.span())
                break
    return out


def snippet(text: str, language: str, matched: set[str]) -> str:
    """About SNIPPET_CHARS of the text around its densest run of matches, each marked **so**."""
    flat = " ".join(text.split())
    marks = _marks(flat, language, matched)
    if not marks:
        return flat[:SNIPPET_CHARS] + ("…" if len(flat) > SNIPPET_CHARS else "")
    best = max(range(len(marks)), key=lambda i: sum(1 for s, _ in marks[i:] if s - marks[i][0] < SNIPPET_CHARS))
    start = max(0, marks[best][0] - SNIPPET_CHARS // 4)
    space = flat.rfind(" ", 0, start)
    start = 0 if start == 0 or space < 0 else space + 1
    end = min(len(flat), start + SNIPPET_CHARS)
    space = flat.find(" ", end)
    end = len(flat) if space < 0 else space
    out, pos = [], start
    for s, e in marks:
        if s >= start and e <= end:
            out += [flat[pos:s], MARK, flat[s:e], MARK]
            pos = e
    out.append(flat[pos:end])
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(flat) else "")
