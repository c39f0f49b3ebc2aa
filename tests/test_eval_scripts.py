"""The evaluation scripts' options for another set of pages (a held-out set of other sites), and the order
in which the side-by-side benchmark runs its variants."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_compare
import bench_instructions
import dedup_eval
import glued_links_realtext
import mock_glued_links
import realpages_eval

from flows import corpus


def _site(root: Path, name: str, text: str) -> Path:
    folder = root / name
    folder.mkdir()
    for i in range(3):
        (folder / f"page-{i}.txt").write_text(f"{text} {i}\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("text", "lang"), [
    ("सरकार ने आज नई योजना की घोषणा की", "hi"),
    ("حکومت نے آج نئی اسکیم کا اعلان کیا", "ur"),
    ("The government announced a new scheme today", "en"),
])
def test_a_held_out_folder_takes_the_furniture_of_its_pages_script(tmp_path: Path, text: str, lang: str) -> None:
    folder = _site(tmp_path, "site-a", text)
    assert dedup_eval.held_out_folders(str(folder)) == [("site-a", (folder, lang))]


def test_a_held_out_folder_may_name_its_language_and_must_exist(tmp_path: Path) -> None:
    folder = _site(tmp_path, "site-b", "सरकार ने आज नई योजना की घोषणा की")
    assert dedup_eval.held_out_folders(f"{folder}:en") == [("site-b", (folder, "en"))]
    with pytest.raises(SystemExit, match="language 'xx'"):
        dedup_eval.held_out_folders(f"{folder}:xx")
    with pytest.raises(SystemExit, match="no folder"):
        dedup_eval.held_out_folders(str(tmp_path / "missing"))


def test_two_held_out_folders_of_one_name_are_refused(tmp_path: Path) -> None:
    a = _site(tmp_path, "site", "The government announced a new scheme today")
    (tmp_path / "other").mkdir()
    b = _site(tmp_path / "other", "site", "The government announced a new scheme today")
    with pytest.raises(SystemExit):
        dedup_eval.main(["--held-out", str(a), "--held-out", str(b)])


def test_realpages_eval_judges_the_learned_furniture_unless_told_otherwise() -> None:
    assert "furniture" in [s.NAME for s in corpus.select(realpages_eval.STAGES.split(","))]


@pytest.mark.parametrize(("path", "flat", "expected"), [
    ("site-a/page-1.txt", False, ("site-a", "page-1.txt")),
    ("site-a__page-1.txt", True, ("site-a", "page-1.txt")),
])
def test_realpages_eval_reads_a_pages_source_back_from_its_path(path: str, flat: bool,
                                                                expected: tuple[str, str]) -> None:
    assert realpages_eval.split_path(path, flat) == expected


def test_a_held_out_set_laid_out_one_folder_per_site_gives_a_source_per_site(tmp_path: Path) -> None:
    hindi = _site(tmp_path, "site-hi", "सरकार ने आज नई योजना की घोषणा की")
    urdu = _site(tmp_path, "site-ur", "حکومت نے آج نئی اسکیم کا اعلان کیا")
    (tmp_path / "empty").mkdir()
    assert dedup_eval.held_out_folders(str(tmp_path)) == [("site-hi", (hindi, "hi")), ("site-ur", (urdu, "ur"))]
    assert dedup_eval.held_out_folders(f"{tmp_path}:en") == [("site-hi", (hindi, "en")), ("site-ur", (urdu, "en"))]
    assert dedup_eval.held_out_folders(str(hindi)) == [("site-hi", (hindi, "hi"))]
    with pytest.raises(SystemExit, match="no pages"):
        dedup_eval.held_out_folders(str(tmp_path / "empty"))


@pytest.mark.parametrize("flat", [False, True])
def test_realpages_eval_lays_out_a_folder_per_source_and_pages_saved_all_in_one(tmp_path: Path, flat: bool) -> None:
    pages = tmp_path / "heldout"
    pages.mkdir()
    _site(pages, "site-a", "The government announced a new scheme today")
    (pages / "loose.txt").write_text("A page saved beside the site folders\n", encoding="utf-8")
    assert set(realpages_eval.sources_of(pages)) == {"site-a", "heldout"}
    raw = tmp_path / "raw"
    realpages_eval.lay_out(realpages_eval.sources_of(pages), raw, flat)
    laid = sorted(str(p.relative_to(raw)) for p in raw.rglob("*.txt"))
    if flat:
        assert laid == ["heldout__loose.txt", "site-a__page-0.txt", "site-a__page-1.txt", "site-a__page-2.txt"]
    else:
        assert laid == ["heldout/loose.txt", "site-a/page-0.txt", "site-a/page-1.txt", "site-a/page-2.txt"]
    assert {realpages_eval.split_path(p, flat)[0] for p in laid} == {"site-a", "heldout"}


def test_the_benchmark_reverses_its_variants_order_every_other_round() -> None:
    rounds = [bench_compare.round_order(["a", "b", "c"], i) for i in range(4)]
    assert rounds == [["a", "b", "c"], ["c", "b", "a"], ["a", "b", "c"], ["c", "b", "a"]]
    # Over two rounds each variant runs first and last alike: a drift within a round hits none more.
    firsts = [r[0] for r in rounds[:2]] + [r[-1] for r in rounds[:2]]
    assert sorted(firsts) == ["a", "a", "c", "c"]


def test_the_benchmark_reads_where_a_run_spent_its_time_from_its_progress_file(tmp_path: Path) -> None:
    log = tmp_path / "progress.jsonl"
    events = [
        {"event": "started", "load_id": "L"},
        {"event": "stage", "stage": "furniture", "seconds": 3.5},
        {"event": "stage", "stage": "search", "seconds": 12.0},
        {"event": "finished", "seconds": 150.0, "timings": {"parse_and_load": 120.0, "corpus_stages": 16.0},
         "cpu_timings": {"parse_and_load": 30.0, "corpus_stages": 20.0}, "process_cpu_s": 60.0,
         "worker_cpu": {"parse_and_load": 200.0}},
    ]
    log.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    got = bench_compare.phases(log)
    assert got["phases_s"] == {"stage:furniture": 3.5, "stage:search": 12.0, "parse_and_load": 120.0,
                               "corpus_stages": 16.0}
    assert got["phases_cpu_s"] == {"parse_and_load": 30.0, "corpus_stages": 20.0, "process": 60.0,
                                   "workers:parse_and_load": 200.0}
    # An older tree's run (no timings) and a run that left no file give no phases, not an error.
    log.write_text(json.dumps({"event": "finished", "seconds": 9.0}) + "\n", encoding="utf-8")
    assert bench_compare.phases(log) == {"phases_s": {}, "phases_cpu_s": {}}
    assert bench_compare.phases(tmp_path / "none.jsonl") == {"phases_s": {}, "phases_cpu_s": {}}
    # Medians per phase, over the runs that have it.
    runs = [{"load": 1.0, "publish": 2.0}, {"load": 3.0}, {"load": 2.0, "publish": 4.0}]
    assert bench_compare.median_phases(runs) == {"load": 2.0, "publish": 3.0}


def test_the_benchmark_counts_the_cpu_of_a_runs_orphaned_descendants_as_that_runs(tmp_path: Path) -> None:
    # A run's pool outlives its main process by a moment, reparented away from it: the reaper each run
    # goes through adopts them, so their CPU is that run's even when two runs share the machine.
    import subprocess

    burn = ("import os, subprocess, sys, time; "
            "subprocess.Popen([sys.executable, '-c', 'import time\\nt = time.process_time()\\n"
            "while time.process_time() - t < 0.6: pass']); os._exit(0)")
    usage = tmp_path / "usage.json"
    done = subprocess.run([sys.executable, "-c", bench_compare.REAPER, str(usage), sys.executable, "-c", burn],
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    got = json.loads(usage.read_text(encoding="utf-8"))
    assert got["rc"] == 0
    assert got["cpu"] >= 0.6  # the orphan's 0.6 CPU-s, spent after its parent had exited
    assert got["wall"] < 0.6  # the run itself (its main process) was over before the orphan was


def test_the_instruction_count_is_read_from_valgrinds_summary_and_the_sample_is_fixed(tmp_path: Path) -> None:
    out = "==30243== Cachegrind, a cache and branch-prediction profiler\n==30243== I   refs:      1,104,677,802\n"
    assert bench_instructions.instructions(out) == 1_104_677_802
    with pytest.raises(ValueError, match="I refs"):
        bench_instructions.instructions("==1== Command: python\n")
    for i in range(5):
        _site(tmp_path, f"site-{i}", "नगर निगम ने सोमवार को बीस नई बसें शहर की सड़कों पर उतारीं")
    picked = bench_instructions.sample(tmp_path, 4)
    assert picked == bench_instructions.sample(tmp_path, 4) == sorted(tmp_path.rglob("*.txt"))[::4]
    assert len(picked) == 4  # 15 files, every 4th
    # The three modes read the same files; `none` parses nothing, `off` and `on` parse them all alike.
    assert bench_instructions.parse_sample("none", tmp_path, 4) == 0
    parsed = [bench_instructions.parse_sample(mode, tmp_path, 4) for mode in ("off", "on")]
    assert parsed == [4, 4]


def test_realpages_eval_looks_for_labelled_furniture_in_every_page_of_its_source(tmp_path: Path) -> None:
    site = tmp_path / "site-a"
    site.mkdir()
    footer = "Download our app for the latest news"
    (site / "p1.txt").write_text(f"Council passes the budget\n\nThe council passed it. {footer}\n\nShare this story\n",
                                 encoding="utf-8")
    labels = {("site-a", "p1.txt"): [realpages_eval.Span(3, 23, 23 + len(footer), "furniture"),
                                     realpages_eval.Span(3, 0, 22, "body"),
                                     realpages_eval.Span(1, None, None, "furniture"),  # 4 words: looked for
                                     realpages_eval.Span(5, None, None, "furniture")]}  # 3 words: too short
    texts = realpages_eval.furniture_texts(labels, {"site-a": site})
    assert texts == {"site-a": {footer.casefold(), "council passes the budget"}}
    kept = {"site-a": ["The council passed it.", f"Rain closed the roads. {footer.upper()}", "Nothing here"],
            "site-b": [f"Another site's page. {footer}"]}  # another source's labels do not reach it
    assert realpages_eval.furniture_anywhere(kept, texts) == {"site-a": 1, "site-b": 0, "all": 1}
    got = realpages_eval.Extracted("Council", {3: [("body", "a"), ("boilerplate", "b")], 1: [("heading", "c")]})
    assert realpages_eval.kept_text(got) == "c\na"


def test_realpages_eval_counts_the_furniture_spans_a_body_still_holds_beside_the_articles() -> None:
    lines = ["Read more: a related headline of six words", "The story's own paragraph, kept in the body.",
             "Share this page on your favourite network"]
    spans = [realpages_eval.Span(1, None, None, "furniture"), realpages_eval.Span(2, None, None, "body"),
             realpages_eval.Span(3, None, None, "furniture")]
    got = realpages_eval.Extracted("a title", {1: [("boilerplate", lines[0])], 2: [("body", lines[1])],
                                               3: [("body", lines[2])]})
    tally = realpages_eval.Tally()
    realpages_eval.judge(lines, spans, got, tally, "site/page.txt")
    row = tally.row()
    assert row["furniture_spans_leaked"] == "1/2" and row["furniture_leak_pct"] == 100.0
    assert tally.leaks == ["site/page.txt:3"] and row["text_retention_pct"] == 100.0


def test_the_trailer_benchmark_finds_no_closing_sentence_lost_nor_credit_left(tmp_path: Path) -> None:
    # benchmarks/trailer_eval.py on this tree: every short closing sentence stays text, however the line ends.
    import subprocess

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, str(root / "benchmarks" / "trailer_eval.py")], capture_output=True,
                         text=True, check=True, cwd=tmp_path).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert len(report) >= 10 and all(way["cases"] > 0 for way in report.values())
    assert {name: way for name, way in report.items() if way["sentence_lost"] or way["credit_in_text"]} == {}


def test_the_glued_link_mock_labels_each_link_as_furniture_and_the_rest_as_the_story(tmp_path: Path) -> None:
    pages, links = mock_glued_links.write(tmp_path / "a", seed=7)
    assert pages == 60 and links > 0
    labels = realpages_eval.read_labels(tmp_path / "a" / "labels.tsv")
    markers = tuple(mock_glued_links.HI_MARKERS + mock_glued_links.EN_MARKERS)
    sentences = set(mock_glued_links.HI_SENTENCES + mock_glued_links.EN_SENTENCES)
    furniture = 0
    for (site, name), spans in labels.items():
        lines = realpages_eval.page_lines(tmp_path / "a" / "pages" / site / name)
        assert {s.line for s in spans} == {i for i, line in enumerate(lines, 1) if line.strip()}  # every line
        for span in spans:
            text = realpages_eval.span_text(lines, span)
            if span.kind == "furniture":
                furniture += 1
                assert text.startswith(markers)
            elif span.kind == "body":  # whole sentences of the story, nothing of a link
                assert not any(marker.strip() in text for marker in markers)
                assert text.split(" ")[-1] in {s.split(" ")[-1] for s in sentences}
    assert furniture == links
    # The same seed writes the same bytes.
    mock_glued_links.write(tmp_path / "b", seed=7)
    for page in (tmp_path / "a" / "pages").rglob("*.txt"):
        assert page.read_bytes() == (tmp_path / "b" / "pages" / page.relative_to(tmp_path / "a" / "pages")).read_bytes()
    assert (tmp_path / "a" / "labels.tsv").read_bytes() == (tmp_path / "b" / "labels.tsv").read_bytes()


def _hindi_site(folder: Path) -> Path:
    """Three pages of our own text, each a title, a long paragraph, a 'read also' link alone on its line and
    another paragraph: what glued_links_realtext.py takes its headlines and paragraphs from."""
    folder.mkdir()
    paragraphs = [
        "जिला प्रशासन ने शहर के सभी स्कूलों को अगले दो दिन तक बंद रखने का आदेश दिया है। मौसम विभाग के अनुसार अगले"
        " चौबीस घंटों में भारी बारिश की संभावना है और लोगों से घरों में रहने को कहा गया है।",
        "स्थानीय लोगों ने बताया कि पिछले तीन दिनों से इलाके में बिजली नहीं है। पुलिस ने मामले में दो लोगों को हिरासत"
        " में लेकर पूछताछ शुरू कर दी है और जांच समिति अपनी रिपोर्ट अगले महीने सौंपेगी।",
        "किसानों ने फसल के नुकसान के लिए मुआवजे की मांग की है। नगर निगम ने नालों की सफाई के लिए विशेष अभियान शुरू"
        " किया है और स्वास्थ्य विभाग ने लोगों से उबला हुआ पानी पीने की अपील की है।",
    ]
    headlines = ["सोने के दाम में फिर आई भारी गिरावट", "राजधानी में पानी की किल्लत पर हंगामा", "शहर में डेंगू के मामले फिर बढ़े"]
    for i in range(3):
        page = (f"पन्ने का शीर्षक {i}\n\n{paragraphs[i]}\n\nये भी पढ़ें: {headlines[i]}\n\n"
                f"{paragraphs[(i + 1) % 3]}\n")
        (folder / f"{i}.txt").write_text(page, encoding="utf-8")
    return folder


def test_the_real_text_glue_benchmark_reads_its_pools_from_the_parsers_own_reading(tmp_path: Path) -> None:
    rules = glued_links_realtext.load_rules()
    headlines, paragraphs = glued_links_realtext.pools(_hindi_site(tmp_path / "site"), rules)
    assert headlines == sorted(["सोने के दाम में फिर आई भारी गिरावट", "राजधानी में पानी की किल्लत पर हंगामा",
                                "शहर में डेंगू के मामले फिर बढ़े"])
    assert len(paragraphs) == 3 and all(len(p) >= glued_links_realtext.PARAGRAPH_MIN_CHARS for p in paragraphs)
    results = glued_links_realtext.run(tmp_path / "site", [1, 2], 20)
    assert [sum(c.values()) for c in results.values()] == [20, 20]
    assert set().union(*results.values()) <= set(glued_links_realtext.OUTCOMES)


def test_the_real_text_glue_benchmark_says_where_the_link_was_cut(tmp_path: Path) -> None:
    rules = glued_links_realtext.load_rules()
    _, paragraphs = glued_links_realtext.pools(_hindi_site(tmp_path / "site"), rules)
    others = (paragraphs[0], paragraphs[1])
    # 'गिरावट' runs into the paragraph's first word, which the page prints nowhere else: both are words the
    # Hindi word list has, and the two run together are none
    assert glued_links_realtext.outcome(rules, "ये भी पढ़ें: ", "सोने के दाम में फिर आई भारी गिरावट", paragraphs[2],
                                        others) == "exact"
    # no marker: nothing tells a link
    assert glued_links_realtext.outcome(rules, "", "सोने के दाम में फिर आई भारी गिरावट", paragraphs[2],
                                        others) == "leaked"
    # a paragraph that carries a headline glued on itself ('...हुआ था' + 'किसानों ...'): cut after the link on a
    # page that glues links, it is the paragraph's furniture, and the link's cut is still exact
    carrying = "इस दफ़्तर में पहले ऐसा कभी नहीं हुआ था" + paragraphs[2]
    assert glued_links_realtext.outcome(rules, "ये भी पढ़ें: ", "सोने के दाम में फिर आई भारी गिरावट", carrying,
                                        others) == "exact"
    with pytest.raises(SystemExit, match="too few"):
        glued_links_realtext.run(tmp_path / "missing", [1], 5)
