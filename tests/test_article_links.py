"""marts.article_links through the real flow: each link of a page, with the article of the same source it
names (by its headline, the site's name after a title cut off, case aside); NULL when the warehouse holds none."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest import ingest_news
from tests.reliability.helpers import execute as _q

STORY = {"hi": ("नगर निगम ने सोमवार को बीस नई बसें शहर की सड़कों पर उतारीं. अधिकारियों ने कहा कि इससे यात्रियों को "
                "राहत मिलेगी और किराया नहीं बढ़ेगा."),
         "en": ("The city council approved the new budget on Monday after a long debate, and the mayor said work "
                "on the flooded roads would start next week.")}
LINKED = {"hi": ("पटना में नई बसें चलीं, किराया नहीं बढ़ेगा", " | जनजागरण", "ये भी पढ़ें: "),
          "en": ("Patna gets new buses and keeps its fares", " - The Ledger", "Also Read: ")}
MISSING = {"hi": "लखनऊ में पुल का काम अगले महीने पूरा होगा", "en": "Lucknow bridge work to finish next month"}


@pytest.mark.e2e
def test_a_link_names_the_article_of_its_source_whose_headline_it_is(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for lang, (headline, site, marker) in LINKED.items():
        (raw / f"site-{lang}").mkdir(parents=True)
        (raw / f"site-{lang}" / "linked.txt").write_text(f"{headline}{site}\n\n{STORY[lang]}\n", encoding="utf-8")
        # Linked in another case on the English site; a second link names a story the warehouse does not hold.
        link = headline.upper() if lang == "en" else headline
        page = "\n\n".join([f"{MISSING[lang]} पर रिपोर्ट", STORY[lang], f"{marker}{link}", STORY[lang],
                            f"{marker}{MISSING[lang]}"]) + "\n"
        (raw / f"site-{lang}" / "page.txt").write_text(page, encoding="utf-8")
    warehouse = tmp_path / "news.duckdb"
    ingest_news(raw_dir=str(raw), warehouse=str(warehouse))
    rows = _q(warehouse, "SELECT a.path, l.position, l.link, b.path, l.linked_title FROM marts.article_links AS l "
                         "JOIN marts.articles AS a USING (article_id) "
                         "LEFT JOIN marts.articles AS b ON b.article_id = l.linked_article_id ORDER BY 1, 2")
    expected = []
    for lang, (headline, site, _) in sorted(LINKED.items()):
        link = headline.upper() if lang == "en" else headline
        expected += [(f"site-{lang}/page.txt", 1, link, f"site-{lang}/linked.txt", headline + site),
                     (f"site-{lang}/page.txt", 2, MISSING[lang], None, None)]
    assert rows == expected
