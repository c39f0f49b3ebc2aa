"""`newsdw report`: the chart data, the self-contained page, and the page drawn by a real browser.

The browser test drives Debian's chromium through its own chromium-driver with Selenium (W3C
WebDriver): the driver is built for that exact browser, and Selenium gives screenshots, the console
log and DOM queries without writing a DevTools-protocol client. Both packages are apt-installed on
first use when missing (tests/bi_clients.py).
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows import report
from flows.cli import main
from tests import bi_clients

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / ".cache" / "screenshots" / "report.png"
CHARTS = ["articles-per-day", "code-mix", "furniture", "rejections", "load-durations"]


# ---------------------------------------------------------------- chart data (no warehouse)


def test_small_axis_ticks_are_distinct() -> None:
    # Sub-second load durations: ticks every 0.025 s once printed as 0, 0.0, 0.0, 0.1, 0.1, 0.1.
    svg = report.column_chart("t", ["a", "b"], [report.Series("completed", [0.11, 0.09], "#000")], y_label="s")
    ticks = re.findall(r'<text class="tick"[^>]*text-anchor="end">([^<]*)</text>', svg)
    assert ticks == ["0.000", "0.025", "0.050", "0.075", "0.100", "0.125"]
    assert [report.tick_label(v, 250) for v in (0, 250, 1000)] == ["0", "250", "1,000"]
    assert report.tick_label(0.75, 0.25) == "0.75"


def test_nice_step_is_1_2_5() -> None:
    assert report.nice_step(10) == 2
    assert report.nice_step(7) == 2
    assert report.nice_step(0.9) == 0.2
    assert report.nice_step(1234) == 250
    assert report.nice_step(0) == 1


def test_daily_series_zero_fills_days_and_stacks_languages() -> None:
    rows = [{"day": date(2024, 12, 1), "language": "hi", "articles": 3},
            {"day": date(2024, 12, 3), "language": "hi", "articles": 1},
            {"day": date(2024, 12, 3), "language": "en", "articles": 2}]
    days, series, unit = report.daily_series(rows)
    assert unit == "day"
    assert days == ["2024-12-01", "2024-12-02", "2024-12-03"]
    assert [(s.name, s.values) for s in series] == [("hi", [3, 0, 1]), ("en", [0, 0, 2])]
    assert series[0].colour != series[1].colour


def test_daily_series_goes_weekly_over_a_long_span() -> None:
    rows = [{"day": date(2024, 1, 3), "language": "hi", "articles": 1},  # a Wednesday
            {"day": date(2024, 12, 31), "language": "hi", "articles": 4}]
    days, series, unit = report.daily_series(rows)
    assert unit == "week"
    assert days[0] == "2024-01-01" and days[-1] == "2024-12-30"  # Mondays
    assert sum(series[0].values) == 5 and len(days) == 53


def test_many_languages_fold_into_other() -> None:
    rows = [{"day": date(2024, 12, 1), "language": f"l{i}", "articles": 20 - i} for i in range(10)]
    _, series, _ = report.daily_series(rows)
    assert [s.name for s in series][-1] == "other"
    assert len(series) == report.MAX_LANGUAGES + 1
    assert sum(sum(s.values) for s in series) == sum(20 - i for i in range(10))


def test_mix_histogram_bins_match_the_bands() -> None:
    rows = [{"code_mix_share": v, "mix_band": b, "script": "Devanagari"} for v, b in
            [(0.0, "none"), (0.049, "none"), (0.05, "light"), (0.149, "light"), (0.29, "moderate"),
             (0.31, "heavy"), (1.0, "heavy")]]
    rows.append({"code_mix_share": 0.0, "mix_band": "none", "script": "Latin"})  # English: not mixing
    labels, series = report.mix_histogram(rows)
    assert len(labels) == 31 and labels[0] == "0%" and labels[-1] == "30%+"
    by_name = {s.name: s.values for s in series}
    assert by_name["none"][0] == 1 and by_name["none"][4] == 1 and sum(by_name["none"]) == 2
    assert by_name["light"][5] == 1 and by_name["light"][14] == 1
    assert by_name["moderate"][29] == 1 and by_name["heavy"][30] == 2
    assert set(by_name) == {"none", "light", "moderate", "heavy"}
    assert {s.name for s in report.mix_histogram(rows[:2])[1]} == {"none"}  # empty bands are not drawn


def test_empty_warehouse_renders_empty_states() -> None:
    page = report.render(report.ReportData(Path("/x/news_bi.duckdb"), datetime(2024, 1, 1, tzinfo=UTC)))
    assert page.count('class="empty"') == 6  # five charts and the summary
    assert "<rect" not in page


def test_text_is_escaped() -> None:
    data = report.ReportData(Path("/x"), datetime(2024, 1, 1, tzinfo=UTC), furniture=[
        {"kind": "boilerplate", "rule": "<script>", "blocks": 1, "articles": 1, "chars": 5, "example": "a&b"}])
    page = report.render(data)
    assert "<script>" not in page and "&lt;script&gt;" in page and "a&amp;b" in page


# ---------------------------------------------------------------- the page from a real warehouse


def _expected(snapshot: Path) -> dict[str, Any]:
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "languages": {r[0] for r in q("SELECT DISTINCT language FROM marts.daily_language_counts")},
            "articles": q("SELECT count(*) FROM marts.articles")[0][0],
            "bands": {r[0] for r in q("SELECT DISTINCT mix_band FROM marts.language_mix WHERE script <> 'Latin'")},
            "mixed": q("SELECT count(*) FROM marts.language_mix WHERE script <> 'Latin'")[0][0],
            "kinds": dict(q("SELECT kind, sum(blocks) FROM marts.boilerplate_summary GROUP BY 1")),
            "reasons": dict(q("SELECT reason, count(*) FROM marts.rejections GROUP BY 1")),
            "durations": [r[0] for r in q("SELECT duration_s FROM marts.loads ORDER BY started_at")],
            "latest": q("SELECT load_id, files_seen FROM marts.loads ORDER BY started_at DESC LIMIT 1")[0],
        }
    finally:
        con.close()


@pytest.fixture(scope="session")
def report_page(bi_warehouse: dict[str, object], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "--warehouse", str(bi_warehouse["warehouse"]), "--out", str(out)]) == 0
    return out


@pytest.mark.e2e
def test_report_is_one_self_contained_file(report_page: Path) -> None:
    page = report_page.read_text(encoding="utf-8")
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(", page, re.I)
    # The only URL is the SVG namespace (an identifier, never fetched).
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    assert "default-src 'none'" in page
    assert [f for f in CHARTS if f'data-chart="{f}"' in page] == CHARTS


@pytest.mark.e2e
def test_report_series_match_the_warehouse(report_page: Path, bi_warehouse: dict[str, object]) -> None:
    want = _expected(Path(str(bi_warehouse["snapshot"])))
    bars = _bars_from_html(report_page.read_text(encoding="utf-8"))
    assert want["languages"] == {"hi", "en"}
    assert {s for s, _, _ in bars["articles-per-day"]} == want["languages"]
    assert sum(v for _, _, v in bars["articles-per-day"]) == want["articles"]
    assert {s for s, _, _ in bars["code-mix"]} == want["bands"]
    assert sum(v for _, _, v in bars["code-mix"]) == want["mixed"] == want["articles"] - 1  # not the English one
    assert _by_category(bars["furniture"]) == {k: float(v) for k, v in want["kinds"].items()}
    assert want["reasons"] == {"empty": 1, "binary": 1, "whitespace_only": 1}
    assert _by_category(bars["rejections"]) == {k: float(v) for k, v in want["reasons"].items()}
    # The deleted empty file is history; the others are still in the folder.
    assert {(s, c) for s, c, _ in bars["rejections"]} == {
        ("since replaced or gone", "empty"), ("in the folder now", "binary"), ("in the folder now", "whitespace_only")}
    assert [round(v, 3) for _, _, v in bars["load-durations"]] == [round(d, 3) for d in want["durations"]]
    assert f"<code>{want['latest'][0]}</code>" in report_page.read_text(encoding="utf-8")


def _bars_from_html(page: str) -> dict[str, list[tuple[str, str, float]]]:
    out: dict[str, list[tuple[str, str, float]]] = {}
    for m in re.finditer(r'<figure class="chart" id="([^"]+)".*?</figure>', page, re.S):
        chart, body = m.group(1), m.group(0)
        out[chart] = [(s, c, float(v)) for s, c, v in re.findall(
            r'<rect class="bar"[^>]*data-series="([^"]*)" data-category="([^"]*)" data-value="([^"]*)"', body)]
    return out


def _by_category(bars: list[tuple[str, str, float]]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for _, cat, v in bars:
        totals[cat] += v
    return dict(totals)


# ---------------------------------------------------------------- in a real browser


CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--force-device-scale-factor=1"]

# For each chart: every bar's series, category, rendered box and paint colour, and whether the
# point at its centre hits it (drawn, on screen, not covered).
DRAWN_BARS = """
return Array.from(document.querySelectorAll('figure.chart')).map(fig => {
  fig.scrollIntoView();
  const bars = Array.from(fig.querySelectorAll('rect.bar')).map(r => {
    const b = r.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return {series: r.dataset.series, category: r.dataset.category, w: b.width, h: b.height,
            fill: getComputedStyle(r).fill, hit: hit === r || (hit && hit.parentNode === r)};
  });
  const box = fig.querySelector('svg').getBoundingClientRect();
  return {chart: fig.dataset.chart, bars: bars, svg: [box.width, box.height]};
});
"""


@pytest.fixture(scope="session")
def chrome() -> Iterator[Any]:
    why = bi_clients.ensure_apt(bi_clients.BROWSER_PACKAGES)
    if why:
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newsdw-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in [*CHROME_FLAGS, f"--user-data-dir={profile}"]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager (which would try to download one) never runs.
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=opts, service=service)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _rgb(css: str) -> tuple[int, int, int]:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return r, g, b


@pytest.mark.slow
@pytest.mark.e2e
def test_report_draws_in_headless_chromium(report_page: Path, chrome: Any, bi_warehouse: dict[str, object]) -> None:
    from PIL import Image
    from selenium.webdriver.common.by import By

    want = _expected(Path(str(bi_warehouse["snapshot"])))
    chrome.get(report_page.as_uri())
    assert chrome.execute_script("return document.readyState") == "complete"
    charts = {c["chart"]: c for c in chrome.execute_script(DRAWN_BARS)}
    assert list(charts) == CHARTS
    expected_series = {
        "articles-per-day": want["languages"], "code-mix": want["bands"], "furniture": {"blocks"},
        "rejections": {"in the folder now", "since replaced or gone"}, "load-durations": {"completed"},
    }
    for name, chart in charts.items():
        assert chart["svg"][0] > 300 and chart["svg"][1] > 100, name
        assert chart["bars"], f"{name}: no bars drawn"
        assert {b["series"] for b in chart["bars"]} == expected_series[name], name
        for bar in chart["bars"]:
            assert bar["w"] >= 1 and bar["h"] >= 1 and bar["hit"], (name, bar)
    assert {b["category"] for b in charts["rejections"]["bars"]} == set(want["reasons"])
    assert {b["category"] for b in charts["furniture"]["bars"]} == set(want["kinds"])

    # Painted, not just laid out: each series' colour is on the chart's own screenshot.
    for name, chart in charts.items():
        element = chrome.find_element(By.ID, name)
        chrome.execute_script("arguments[0].scrollIntoView()", element)
        image = Image.open(io.BytesIO(element.screenshot_as_png)).convert("RGB")
        colours: dict[tuple[int, int, int], int] = dict((c, n) for n, c in image.getcolors(1 << 20) or [])
        for series in expected_series[name]:
            fill = _rgb(next(b["fill"] for b in chart["bars"] if b["series"] == series))
            near = sum(n for c, n in colours.items() if max(abs(a - b) for a, b in zip(c, fill, strict=True)) <= 8)
            assert near >= 12, f"{name}: series {series!r} ({fill}) is not on screen ({near} pixels)"

    logs = chrome.get_log("browser")
    assert [e for e in logs if e["level"] in {"SEVERE", "WARNING"}] == []
    assert chrome.execute_script("return performance.getEntriesByType('resource').length") == 0

    # The whole page in one picture: grow the window by what the viewport still lacks.
    for _ in range(3):
        missing = chrome.execute_script("return document.documentElement.scrollHeight - window.innerHeight")
        if missing <= 0:
            break
        chrome.set_window_size(1400, min(chrome.get_window_size()["height"] + int(missing) + 8, 8000))
    chrome.execute_script("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert chrome.save_screenshot(str(SCREENSHOT))
    shot = Image.open(SCREENSHOT).convert("RGB")
    assert shot.width >= 1200 and shot.height >= 1000
    assert len(shot.getcolors(1 << 20) or []) > 50  # text, bars, axes: not a blank page
