"""`newsdw report`: one self-contained HTML page about the warehouse, for people who don't write SQL.

The charts are SVG drawn here, in Python, and inlined: the page needs no script, no font, no CDN
and works offline (a Content-Security-Policy forbids it to fetch anything). Every bar carries
`data-series`, `data-category` and `data-value`, and a `<title>` tooltip, so a reader (or a test)
can tell what was drawn.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from flows import warehouse as wh

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
OTHER_COLOUR = "#999999"
MAX_LANGUAGES = 7  # more than this and the rest are drawn as "other"
MAX_DAYS = 180  # a longer span is drawn by week
MAX_LOADS = 60
MIX_BINS = 30  # 1-point bins up to 30 %, then one bin for 30 % and more (the heavy band)
BAND_COLOURS = {"none": "#56B4E9", "light": "#009E73", "moderate": "#E69F00", "heavy": "#D55E00"}
STATUS_COLOURS = {"completed": "#009E73", "running": "#56B4E9", "failed": "#D55E00", "crashed": "#CC79A7"}
KIND_COLOURS = {"boilerplate": "#0072B2", "metadata": "#E69F00", "caption": "#CC79A7"}
REJECTION_COLOURS = {"in the folder now": "#D55E00", "since replaced or gone": "#999999"}


@dataclass
class Series:
    name: str
    values: list[float]
    colour: str


@dataclass
class ReportData:
    snapshot: Path
    generated_at: datetime
    daily: list[dict[str, Any]] = field(default_factory=list)
    mix: list[dict[str, Any]] = field(default_factory=list)
    furniture: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[dict[str, Any]] = field(default_factory=list)
    loads: list[dict[str, Any]] = field(default_factory=list)
    languages: list[dict[str, Any]] = field(default_factory=list)
    review: int = 0


def collect(snapshot: Path) -> ReportData:
    """Everything the page shows, read from the published snapshot (read-only, no file access)."""
    data = ReportData(snapshot, datetime.now(UTC))
    with wh.read_snapshot(snapshot) as con:
        data.daily = wh.fetch_dicts(con, "SELECT day, language, sum(articles)::BIGINT AS articles "
                                         "FROM marts.daily_language_counts GROUP BY ALL ORDER BY day, language")
        data.mix = wh.fetch_dicts(con, "SELECT code_mix_share, mix_band, language, script FROM marts.language_mix")
        data.furniture = wh.fetch_dicts(con, "SELECT kind, rule, blocks, articles, chars, example "
                                             "FROM marts.boilerplate_summary ORDER BY blocks DESC, kind, rule")
        data.rejections = wh.fetch_dicts(
            con, "SELECT reason, count(*) AS events, count(*) FILTER (WHERE is_current) AS current "
                 "FROM marts.rejections GROUP BY reason ORDER BY events DESC, reason")
        data.loads = wh.fetch_dicts(
            con, "SELECT * FROM (SELECT * FROM marts.loads ORDER BY started_at DESC LIMIT ?) ORDER BY started_at",
            [MAX_LOADS])
        data.languages = wh.fetch_dicts(con, "SELECT language, count(*) AS articles, sum(words)::BIGINT AS words "
                                             "FROM marts.articles GROUP BY 1 ORDER BY 2 DESC, 1")
        data.review = int(wh.fetch(con, "SELECT count(*) FROM marts.language_review")[1][0][0])
    return data


def write_report(snapshot: Path, out: Path) -> Path:
    out = out.expanduser().resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(render(collect(snapshot)), encoding="utf-8")
    tmp.replace(out)
    return out


# ---------------------------------------------------------------- chart data


def language_colours(languages: Sequence[str]) -> dict[str, str]:
    return {lang: PALETTE[i % len(PALETTE)] for i, lang in enumerate(languages)}


def daily_series(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[Series], str]:
    """Articles per day (zero-filled) stacked by language; by week when the span is long."""
    if not rows:
        return [], [], "day"
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        totals[r["language"]] += int(r["articles"])
    ranked = sorted(totals, key=lambda k: (-totals[k], k))
    shown = ranked[:MAX_LANGUAGES] if len(ranked) > MAX_LANGUAGES + 1 else ranked
    first: date = min(r["day"] for r in rows)
    last: date = max(r["day"] for r in rows)
    unit = "day" if (last - first).days < MAX_DAYS else "week"

    def bucket(d: date) -> date:
        return d if unit == "day" else d - timedelta(days=d.weekday())

    start, step = bucket(first), timedelta(days=1 if unit == "day" else 7)
    buckets: list[date] = []
    d = start
    while d <= last:
        buckets.append(d)
        d += step
    index = {b: i for i, b in enumerate(buckets)}
    colours = language_colours(shown)
    names = shown + (["other"] if len(shown) < len(ranked) else [])
    values = {n: [0.0] * len(buckets) for n in names}
    for r in rows:
        name = r["language"] if r["language"] in colours else "other"
        values[name][index[bucket(r["day"])]] += int(r["articles"])
    series = [Series(n, values[n], colours.get(n, OTHER_COLOUR)) for n in names]
    return [b.isoformat() for b in buckets], series, unit


def mix_histogram(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[Series]]:
    """Non-Latin-script articles per 1-point bin of code-mix share (30 %+ in one bin), coloured by
    mix band. Latin-script articles are left out: their share is 0 by definition, not by mixing."""
    labels = [f"{i}%" for i in range(MIX_BINS)] + [f"{MIX_BINS}%+"]
    values = {band: [0.0] * len(labels) for band in BAND_COLOURS}
    for r in rows:
        if r.get("script") == "Latin":
            continue
        share = min(max(float(r["code_mix_share"] or 0.0), 0.0), 1.0)
        values[r["mix_band"]][min(math.floor(round(share * 100, 9)), MIX_BINS)] += 1
    series = [Series(band, v, BAND_COLOURS[band]) for band, v in values.items() if any(v)]
    return labels, series


def furniture_by_kind(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[Series], dict[str, str]]:
    blocks: dict[str, int] = defaultdict(int)
    chars: dict[str, int] = defaultdict(int)
    for r in rows:
        blocks[r["kind"]] += int(r["blocks"])
        chars[r["kind"]] += int(r["chars"] or 0)
    kinds = sorted(blocks, key=lambda k: (-blocks[k], k))
    series = [Series("blocks", [float(blocks[k]) for k in kinds], "#0072B2")]
    notes = {k: f"{blocks[k]:,} blocks · {chars[k]:,} chars" for k in kinds}
    return kinds, series, notes


def rejections_by_reason(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[Series], dict[str, str]]:
    reasons = [r["reason"] for r in rows]
    now = [float(r["current"]) for r in rows]
    before = [float(r["events"] - r["current"]) for r in rows]
    series = [Series(name, vals, REJECTION_COLOURS[name])
              for name, vals in (("in the folder now", now), ("since replaced or gone", before)) if any(vals)]
    notes = {r["reason"]: f"{r['events']:,} ({r['current']:,} now)" for r in rows}
    return reasons, series, notes


def load_durations(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[Series]]:
    labels = [f"{r['started_at']:%m-%d %H:%M:%S}" for r in rows]
    statuses = [s for s in STATUS_COLOURS if any(r["status"] == s for r in rows)]
    series = [Series(s, [float(r["duration_s"] or 0.0) if r["status"] == s else 0.0 for r in rows],
                     STATUS_COLOURS[s]) for s in statuses]
    return labels, series


# ---------------------------------------------------------------- SVG


def nice_step(top: float, ticks: int = 5) -> float:
    """A 1-2-5 step that divides [0, top] into at most `ticks` intervals."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= raw:
            return float(m * mag)
    return float(10 * mag)


def tick_label(value: float, step: float) -> str:
    """An axis tick with as many decimals as the step needs (0.025 steps: 0.000, 0.025, 0.050 ...)."""
    decimals = next((d for d in range(7) if abs(round(step, d) - step) < 1e-9 * max(1.0, step)), 6)
    return f"{value:,.{decimals}f}"


def _num(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def column_chart(chart_id: str, categories: Sequence[str], series: Sequence[Series], *, y_label: str,
                 width: int = 640, height: int = 260, label_every: int = 0, max_bar: float = 48) -> str:
    """Vertical bars, one per category, series stacked; a y axis with 1-2-5 ticks."""
    left, right, top, bottom = 52, 48, 12, 58
    pw, ph = width - left - right, height - top - bottom
    stack_tops = [sum(s.values[i] for s in series) for i in range(len(categories))]
    step = nice_step(max(stack_tops, default=0.0))
    ymax = step * max(1, math.ceil(max(stack_tops, default=0.0) / step))
    n = max(1, len(categories))
    slot = pw / n
    bar_w = min(max(1.0, slot * 0.8), max_bar)
    every = label_every or max(1, math.ceil(n / 12))
    parts = [_svg_open(chart_id, width, height, y_label)]
    for k in range(round(ymax / step) + 1):  # k * step: adding step up drifts (0.30000000000000004)
        tick = k * step
        y = top + ph - ph * tick / ymax
        parts.append(f'<line class="grid" x1="{left}" x2="{left + pw}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{tick_label(tick, step)}</text>')
    parts.append(f'<text class="axis-label" transform="translate(12 {top + ph / 2:.0f}) rotate(-90)" '
                 f'text-anchor="middle">{_esc(y_label)}</text>')
    base = [0.0] * len(categories)
    for s in series:
        parts.append(f'<g class="series" data-series="{_esc(s.name)}" fill="{s.colour}">')
        for i, (cat, v) in enumerate(zip(categories, s.values, strict=True)):
            if v <= 0:
                continue
            h = ph * v / ymax
            y = top + ph - ph * base[i] / ymax - h
            x = left + i * slot + (slot - bar_w) / 2
            parts.append(f'<rect class="bar" x="{x:.2f}" y="{y:.2f}" width="{bar_w:.2f}" height="{max(h, 1):.2f}" '
                         f'data-series="{_esc(s.name)}" data-category="{_esc(cat)}" data-value="{v:g}">'
                         f'<title>{_esc(cat)} · {_esc(s.name)}: {_num(v)}</title></rect>')
            base[i] += v
        parts.append("</g>")
    parts.append(f'<line class="axis" x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}"/>')
    for i, cat in enumerate(categories):
        if i % every:
            continue
        x = left + i * slot + slot / 2
        parts.append(f'<text class="tick" transform="translate({x:.1f} {top + ph + 10}) rotate(35)">{_esc(cat)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(chart_id: str, categories: Sequence[str], series: Sequence[Series], notes: dict[str, str], *,
              x_label: str, width: int = 640) -> str:
    """Horizontal bars, one row per category, series stacked; a note at the end of each bar."""
    left, right, top, row = 150, 170, 8, 30
    height = top + row * max(1, len(categories)) + 34
    pw = width - left - right
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    xmax = max(totals, default=0.0) or 1.0
    parts = [_svg_open(chart_id, width, height, x_label)]
    base = [0.0] * len(categories)
    for s in series:
        parts.append(f'<g class="series" data-series="{_esc(s.name)}" fill="{s.colour}">')
        for i, (cat, v) in enumerate(zip(categories, s.values, strict=True)):
            if v <= 0:
                continue
            w = max(pw * v / xmax, 1.0)
            x = left + pw * base[i] / xmax
            parts.append(f'<rect class="bar" x="{x:.2f}" y="{top + i * row + 5}" width="{w:.2f}" '
                         f'height="{row - 10}" data-series="{_esc(s.name)}" data-category="{_esc(cat)}" '
                         f'data-value="{v:g}"><title>{_esc(cat)} · {_esc(s.name)}: {_num(v)}</title></rect>')
            base[i] += v
        parts.append("</g>")
    for i, cat in enumerate(categories):
        y = top + i * row + row / 2 + 4
        parts.append(f'<text class="cat" x="{left - 8}" y="{y:.1f}" text-anchor="end">{_esc(cat)}</text>'
                     f'<text class="note" x="{left + pw * totals[i] / xmax + 6:.1f}" y="{y:.1f}">'
                     f'{_esc(notes.get(cat, ""))}</text>')
    axis_y = top + row * len(categories) + 4
    parts.append(f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{axis_y}"/>'
                 f'<text class="axis-label" x="{left + pw / 2:.0f}" y="{axis_y + 22}" text-anchor="middle">'
                 f'{_esc(x_label)}</text></svg>')
    return "".join(parts)


def _svg_open(chart_id: str, width: int, height: int, label: str) -> str:
    return (f'<svg id="{chart_id}-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{_esc(label)}">')


def legend(series: Sequence[Series]) -> str:
    items = "".join(f'<li><span class="swatch" style="background:{s.colour}"></span>{_esc(s.name)}</li>'
                    for s in series)
    return f'<ul class="legend">{items}</ul>'


# ---------------------------------------------------------------- the page


def _figure(chart_id: str, title: str, subtitle: str, body: str, empty: str | None = None) -> str:
    inner = f'<p class="empty">{_esc(empty)}</p>' if empty else body
    return (f'<figure class="chart" id="{chart_id}" data-chart="{chart_id}"><figcaption><h2>{_esc(title)}</h2>'
            f'<p>{_esc(subtitle)}</p></figcaption>{inner}</figure>')


def _summary(data: ReportData) -> str:
    if not data.loads:
        return '<section class="summary"><h2>Latest load</h2><p class="empty">No load yet.</p></section>'
    last = data.loads[-1]
    duration = "—" if last["duration_s"] is None else f"{last['duration_s']:.1f} s"
    balance = "yes" if last["counts_balance"] else "NO"
    cards = [
        ("status", last["status"]), ("duration", duration), ("files seen", last["files_seen"]),
        ("loaded", last["files_loaded"]), ("unchanged", last["files_unchanged"]),
        ("rejected", last["files_rejected"]), ("gone", last["files_gone"]),
        ("articles written", last["articles_loaded"]), ("counts balance", balance),
    ]
    card_html = "".join(f'<div class="card" data-field="{_esc(k)}"><div class="k">{_esc(k)}</div>'
                        f'<div class="v">{_esc(v)}</div></div>' for k, v in cards)
    langs = ", ".join(f"{r['language']} {r['articles']:,}" for r in data.languages) or "none"
    total = sum(int(r["articles"]) for r in data.languages)
    capped = f" (latest {MAX_LOADS})" if len(data.loads) >= MAX_LOADS else ""
    error = f'<p class="error">Error: {_esc(last["error"])}</p>' if last.get("error") else ""
    return (
        f'<section class="summary" id="latest-load"><h2>Latest load <code>{_esc(last["load_id"])}</code></h2>'
        f'<p>Started {last["started_at"]:%Y-%m-%d %H:%M:%S} UTC'
        + (f', finished {last["finished_at"]:%H:%M:%S} UTC' if last["finished_at"] else "")
        + (f' · flow run <code>{_esc(last["flow_run_id"])}</code>' if last["flow_run_id"] else "")
        + f'</p><div class="cards">{card_html}</div>{error}'
        f'<p>Current articles: <b>{total:,}</b> ({_esc(langs)}); language calls to review: <b>{data.review:,}</b>; '
        f'loads shown: <b>{len(data.loads):,}</b>{capped}.'
        f'</p></section>'
    )


def _furniture_table(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    body = "".join(
        f'<tr><td>{_esc(r["kind"])}</td><td><code>{_esc(r["rule"])}</code></td><td class="n">{r["blocks"]:,}</td>'
        f'<td class="n">{r["articles"]:,}</td><td class="ex">{_esc(_clip(r["example"] or "", 70))}</td></tr>'
        for r in rows[:8])
    return ('<table class="rules"><thead><tr><th>kind</th><th>rule</th><th>blocks</th><th>articles</th>'
            f'<th>example</th></tr></thead><tbody>{body}</tbody></table>')


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def render(data: ReportData) -> str:
    days, day_series, unit = daily_series(data.daily)
    bins, mix_series = mix_histogram(data.mix)
    kinds, kind_series, kind_notes = furniture_by_kind(data.furniture)
    reasons, reason_series, reason_notes = rejections_by_reason(data.rejections)
    load_labels, load_series = load_durations(data.loads)
    figures = [
        _figure("articles-per-day", f"Articles per {unit} by language",
                "Current articles by UTC publication date (load date when the text gives none), stacked by language.",
                legend(day_series) + column_chart("articles-per-day", days, day_series, y_label="articles"),
                None if day_series else "No articles yet."),
        _figure("code-mix", "Code-mix share distribution",
                "Articles in a non-Latin script by the share of Latin letters in their body (1-point bins), "
                "coloured by mix band: none < 5 %, light < 15 %, moderate < 30 %, heavy.",
                legend(mix_series) + column_chart("code-mix", bins, mix_series, y_label="articles", label_every=5),
                None if mix_series else "No articles yet."),
        _figure("furniture", "Page furniture removed, by kind",
                "Blocks kept out of article bodies (boilerplate, metadata, captions) in current articles.",
                bar_chart("furniture", kinds, kind_series, kind_notes, x_label="blocks") + _furniture_table(
                    data.furniture),
                None if kinds else "No page furniture found."),
        _figure("rejections", "Rejections by reason",
                "Every rejection event; grey when the file has since been replaced or deleted.",
                legend(reason_series) + bar_chart("rejections", reasons, reason_series, reason_notes,
                                                  x_label="rejection events"),
                None if reasons else "No file has been rejected."),
        _figure("load-durations", "Load durations",
                f"Seconds per load (latest {MAX_LOADS} at most), by start time (UTC), coloured by status.",
                legend(load_series) + column_chart("load-durations", load_labels, load_series, y_label="seconds"),
                None if load_series else "No load yet."),
    ]
    return _PAGE.format(
        generated=f"{data.generated_at:%Y-%m-%d %H:%M:%S} UTC", snapshot=_esc(data.snapshot),
        summary=_summary(data), figures="\n".join(figures),
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>newsdw report</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Devanagari", "Lohit Devanagari",
       sans-serif; margin: 0; padding: 24px 32px; color: #1f2328; background: #f6f8fa; }}
header h1 {{ margin: 0 0 4px; font-size: 24px; }}
header p {{ margin: 0; color: #57606a; font-size: 13px; }}
h2 {{ font-size: 17px; margin: 0 0 4px; }}
section.summary, figure.chart {{ background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px;
       margin: 16px 0 0; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }}
.card {{ border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; min-width: 92px; }}
.card .k {{ color: #57606a; font-size: 12px; }}
.card .v {{ font-size: 20px; font-weight: 600; }}
.grid-2 {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 0 16px; }}
figcaption p {{ margin: 0 0 8px; color: #57606a; font-size: 13px; }}
figure.chart svg {{ width: 100%; height: auto; font-size: 11px; }}
svg .grid {{ stroke: #eaeef2; }} svg .axis {{ stroke: #57606a; }}
svg .tick, svg .note {{ fill: #57606a; }} svg .cat, svg .axis-label {{ fill: #1f2328; }}
.legend {{ list-style: none; padding: 0; margin: 0 0 6px; display: flex; gap: 14px; font-size: 13px; }}
.swatch {{ display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px;
          vertical-align: -1px; }}
.empty {{ color: #57606a; font-style: italic; }}
.error {{ color: #b42318; }}
table.rules {{ border-collapse: collapse; font-size: 12px; margin-top: 8px; width: 100%; }}
table.rules th, table.rules td {{ border-top: 1px solid #eaeef2; padding: 3px 6px; text-align: left; }}
table.rules td.n {{ text-align: right; }}
code {{ font-size: 12px; }}
</style>
</head>
<body>
<header><h1>newsdw report</h1><p>Generated {generated} from <code>{snapshot}</code></p></header>
{summary}
<div class="grid-2">
{figures}
</div>
</body>
</html>
"""
