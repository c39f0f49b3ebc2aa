"""What a run publishes to Prefect for people to read in its UI: a markdown summary and a table.

`gather` reads what the artifacts need from the warehouse while the flow still holds it;
`render_summary` and `language_table` are plain functions (tests call them directly);
`publish` is the only Prefect call, made once at the end of a run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

SUMMARY_KEY = "newsdw-load-summary"
LANGUAGE_TABLE_KEY = "newsdw-articles-by-language"
MAX_REJECTIONS_LISTED = 25


class _Summary(Protocol):
    """The fields of flows.summary.RunSummary used here (a Protocol: no import needed)."""

    load_id: str
    flow_run_id: str | None
    warehouse: str
    snapshot: str
    seen: int
    loaded: int
    unchanged: int
    rejected: int
    gone: int
    languages: dict[str, int]
    rejections: dict[str, int]
    failed_checks: dict[str, int]
    seconds: float


@dataclass(frozen=True)
class LanguageRow:
    language: str
    articles: int  # current articles in this language
    loaded_this_run: int
    words: int
    mean_code_mix_share: float
    needs_review: int


@dataclass(frozen=True)
class RejectedFile:
    path: str
    reason: str
    detail: str


@dataclass(frozen=True)
class RunDetails:
    started_at: datetime  # UTC
    languages: list[LanguageRow]
    rejected_files: list[RejectedFile]  # this run's, at most MAX_REJECTIONS_LISTED


def gather(con: Any, load_id: str) -> RunDetails:
    """Read this run's start, per-language counts and rejected files (call after the views are applied)."""
    row = con.execute("SELECT started_at FROM ops.loads WHERE load_id = ?", [load_id]).fetchone()
    started_at = row[0].replace(tzinfo=UTC) if row else datetime.now(UTC)  # stored as naive UTC
    languages = [LanguageRow(*row) for row in con.execute(
        """
        SELECT language, count(*), count(*) FILTER (WHERE load_id = $load_id), coalesce(sum(words), 0),
               coalesce(avg(code_mix_share), 0), count(*) FILTER (WHERE language_needs_review)
        FROM staging.articles GROUP BY language ORDER BY 2 DESC, 1
        """, {"load_id": load_id}).fetchall()]
    rejected = [RejectedFile(*row) for row in con.execute(
        "SELECT path, reason, detail FROM raw.rejections WHERE load_id = $load_id ORDER BY path LIMIT $n",
        {"load_id": load_id, "n": MAX_REJECTIONS_LISTED}).fetchall()]
    return RunDetails(started_at, languages, rejected)


def language_table(details: RunDetails) -> list[dict[str, Any]]:
    """Rows of the 'articles by language' table artifact."""
    return [{"language": r.language, "articles": r.articles, "loaded this run": r.loaded_this_run,
             "words": r.words, "mean code-mix share": round(r.mean_code_mix_share, 3),
             "needs review": r.needs_review} for r in details.languages]


def _cell(text: str, width: int = 120) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def render_summary(s: _Summary, details: RunDetails) -> str:
    """The markdown summary of one run: outcomes, languages, rejections with reasons, time."""
    finished = details.started_at.timestamp() + s.seconds
    lines = [
        f"# newsdw load `{s.load_id}`",
        "",
        f"Started {details.started_at:%Y-%m-%d %H:%M:%S} UTC, "
        f"finished {datetime.fromtimestamp(finished, UTC):%H:%M:%S} UTC, took **{s.seconds:.1f} s**.",
        "",
        "## Files by outcome",
        "",
        "| outcome | files |",
        "|---|---:|",
        f"| seen | {s.seen} |",
        f"| loaded | {s.loaded} |",
        f"| unchanged | {s.unchanged} |",
        f"| rejected | {s.rejected} |",
        f"| gone since last run | {s.gone} |",
        "",
        "## Current articles by language",
        "",
    ]
    if details.languages:
        lines += ["| language | articles | loaded this run |", "|---|---:|---:|"]
        lines += [f"| {r.language} | {r.articles} | {r.loaded_this_run} |" for r in details.languages]
    else:
        lines.append("No articles yet.")
    lines += ["", "## Rejections", ""]
    if s.rejections:
        lines += ["| reason | files |", "|---|---:|"]
        lines += [f"| {reason} | {n} |" for reason, n in s.rejections.items()]
        lines += ["", "| file | reason | detail |", "|---|---|---|"]
        lines += [f"| {_cell(f.path)} | {f.reason} | {_cell(f.detail)} |" for f in details.rejected_files]
        if s.rejected > len(details.rejected_files):
            lines.append(f"\n…and {s.rejected - len(details.rejected_files)} more: "
                         "`SELECT * FROM marts.rejections`.")
    else:
        lines.append("None in this run.")
    if s.failed_checks:
        lines += ["", "## Failed data checks", "", "| check | bad rows |", "|---|---:|"]
        lines += [f"| {name} | {rows} |" for name, rows in s.failed_checks.items()]
    lines += ["", f"Warehouse `{s.warehouse}`; snapshot for BI `{s.snapshot}`."]
    return "\n".join(lines) + "\n"


def publish(s: _Summary, details: RunDetails) -> None:
    """Create this run's markdown and table artifacts (keyed, so the UI keeps their history).

    The load is committed and published by now: an API hiccup here is logged, not a failed run.
    """
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    try:
        create_markdown_artifact(markdown=render_summary(s, details), key=SUMMARY_KEY,
                                 description=f"newsdw load {s.load_id}: files by outcome, languages, rejections")
        create_table_artifact(table=language_table(details), key=LANGUAGE_TABLE_KEY,
                              description=f"newsdw load {s.load_id}: current articles by language")
    except Exception as exc:
        logging.getLogger("newsdw.artifacts").warning("could not publish the run's artifacts: %s: %s",
                                                      type(exc).__name__, exc)
