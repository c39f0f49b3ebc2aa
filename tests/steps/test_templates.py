"""flows/steps/templates.py: the keys a page offers the furniture stage, and applying what was learned.
Texts are our own, in two sites' styles (a Hindi paper with an app footer glued to the last paragraph,
an Urdu paper with a photo-credit line)."""

from __future__ import annotations

from flows.steps import templates as t
from flows.steps.parse import BODY_KINDS
from flows.steps.records import Block


def _blocks(*items: tuple[str, str]) -> list[Block]:
    return [Block(i, i * 2 + 1, kind, text, "test") for i, (kind, text) in enumerate(items)]


HINDI_FOOTER_TAIL = "(हमारे समाचार ऐप के लिए यहां"
HINDI = _blocks(
    ("title", "नगर निगम ने नई बसें चलाईं"),
    ("body", "नगर निगम ने सोमवार को बीस नई बसें शहर की सड़कों पर उतारीं. अधिकारियों ने कहा कि इससे यात्रियों को "
             "राहत मिलेगी." + HINDI_FOOTER_TAIL),
    ("body", "क्लिक करें. आप हमें"),
)
URDU = _blocks(
    ("body", "تصویر کے کاپی رائٹ ایجنسی"),
    ("body", "شہر میں نئی بسیں چلائی گئیں۔ حکام نے کہا کہ مسافروں کو سہولت ملے گی۔ یہ منصوبہ دو سال میں مکمل ہوا۔"),
)


def test_sentences_split_where_sites_glue_them_but_not_in_numbers() -> None:
    assert t.split_sentences("पहला वाक्य है.दूसरा वाक्य 3.5 करोड़ का है। और यह") == [
        "पहला वाक्य है.", "दूसरा वाक्य 3.5 करोड़ का है।", "और यह"]
    assert t.split_sentences("ایک جملہ۔ دوسرا جملہ؟") == ["ایک جملہ۔", "دوسرا جملہ؟"]


def test_a_dot_beside_a_digit_ends_no_sentence_and_runs_of_stops_end_one() -> None:
    # After a digit ('साल 2020.'), before one ('.5'), in Devanagari digits ('२.५'); a run of stops with
    # its closing quote and bracket is one end; a version number is no sentence either.
    assert t.split_sentences("यह साल 2020. फिर .5 प्रतिशत और २.५ लाख. अंत?!\") नया") == [
        "यह साल 2020. फिर .5 प्रतिशत और २.५ लाख.", "अंत?!\")", "नया"]
    assert t.split_sentences("Version 1.2.3 is out... Next") == ["Version 1.2.3 is out...", "Next"]
    assert t.split_sentences("कहा।।\"अब") == ["कहा।।\"", "अब"]


def test_sentence_spans_leave_out_the_space_around_sentences() -> None:
    text = "  एक. दो  "
    assert t.sentence_spans(text) == ((2, 5), (6, 8))
    assert [text[a:b] for a, b in t.sentence_spans(text)] == ["एक.", "दो"]
    assert t.sentence_spans(" \t ") == ()
    assert t.sentence_spans("") == ()


def test_candidates_are_short_lines_and_paragraph_tails_by_their_first_words() -> None:
    keys = {(c.line_no, c.part, c.key) for c in t.candidates(HINDI)}
    assert (5, "line", t.text_key("क्लिक करें. आप हमें")) in keys
    assert (3, "tail", t.tail_key(HINDI_FOOTER_TAIL)) in keys
    # The same footer start with more of its words on the line has the same tail key.
    assert t.tail_key(HINDI_FOOTER_TAIL + " क्लिक") == t.tail_key(HINDI_FOOTER_TAIL)
    assert t.text_key("Share THIS") == t.text_key("share this")
    urdu = {(c.line_no, c.part) for c in t.candidates(URDU)}
    assert (1, "line") in urdu and (3, "tail") in urdu


def test_a_paragraphs_tails_are_offered_by_the_keys_applying_them_looks_up() -> None:
    # What candidates() offers for a paragraph's tails is what a tail is known by (tail_key) and, for a
    # whole sentence, its first words: the keys apply() looks up, in two sites' styles.
    for blocks in (HINDI, URDU):
        body = [b for b in blocks if b.kind == "body"][-1 if blocks is URDU else 0]
        sentences = t.split_sentences(body.text)[1:]
        offered = [(c.part, c.key) for c in t.candidates(blocks) if c.line_no == body.line_no and c.part != "line"]
        expected = []
        for s in sentences[-t.TAIL_SENTENCES:]:
            expected.append(("tail", t.tail_key(s)))
            if s.endswith((".", "।", "۔")):  # a whole sentence is offered by its first words too
                expected.append(("tail_start", t.text_key(" ".join(s.split()[:t.TAIL_KEY_WORDS]))))
        assert offered == expected and expected
    whole = [c.part for c in t.candidates(URDU) if c.line_no == 3]
    assert whole.count("tail_start") == 2  # both whole sentences after the first are offered by their start
    fragment = [c for c in t.candidates(HINDI) if c.line_no == 3 and c.part != "line"]
    assert fragment[-1].part == "tail" and fragment[-1].key == t.tail_key(HINDI_FOOTER_TAIL)


def test_learned_lines_and_tails_leave_the_body_and_the_paragraph_stays() -> None:
    learned = t.Learned({t.text_key("क्लिक करें. आप हमें"): 40}, {t.tail_key(HINDI_FOOTER_TAIL): 25})
    got = t.apply(HINDI, learned, BODY_KINDS)
    kinds = [(b.kind, b.rule, b.text) for b in got.blocks]
    assert kinds[1][0] == "body" and kinds[1][2].endswith("राहत मिलेगी.")
    assert kinds[2] == ("boilerplate", "repeated", HINDI_FOOTER_TAIL)
    assert kinds[3][:2] == ("boilerplate", "repeated")
    assert [b.ordinal for b in got.blocks] == [0, 1, 2, 3]
    assert [b.line_no for b in got.blocks] == [1, 3, 3, 5]  # the cut tail stays on its line
    assert got.repeat_counts == {2: 25, 3: 40} and got.removed == 2 and not got.review


def test_a_footer_spanning_sentences_is_cut_sentence_by_sentence() -> None:
    para = ("बाज़ार में आज तेज़ी रही और निवेशकों ने जमकर ख़रीदारी की. (हमारे समाचार ऐप के लिए यहां क्लिक करें. "
            "आप हमें फ़ेसबुक पर भी पढ़ सकते हैं.)")
    # A whole sentence is known by all of it, a fragment by its first words.
    learned = t.Learned({}, {t.tail_key("(हमारे समाचार ऐप के लिए यहां क्लिक करें."): 9,
                             t.tail_key("आप हमें फ़ेसबुक पर भी पढ़ सकते हैं.)"): 12})
    assert t.tail_key("आप हमें फ़ेसबुक पर कभी नहीं.") != t.tail_key("आप हमें फ़ेसबुक पर भी पढ़ सकते हैं.)")
    got = t.apply(_blocks(("body", para)), learned, BODY_KINDS)
    assert [b.text for b in got.blocks] == [
        "बाज़ार में आज तेज़ी रही और निवेशकों ने जमकर ख़रीदारी की.",
        "(हमारे समाचार ऐप के लिए यहां क्लिक करें. आप हमें फ़ेसबुक पर भी पढ़ सकते हैं.)"]


def test_an_article_the_furniture_would_empty_keeps_its_text_and_is_flagged() -> None:
    only = _blocks(("body", "تصویر کے کاپی رائٹ ایجنسی"))
    got = t.apply(only, t.Learned({t.text_key("تصویر کے کاپی رائٹ ایجنسی"): 30}, {}), BODY_KINDS)
    assert got.review and got.blocks == only and got.repeat_counts == {}


def test_nothing_learned_changes_nothing() -> None:
    got = t.apply(URDU, t.Learned({}, {}), BODY_KINDS)
    assert got.blocks == URDU and got.removed == 0


def test_copies_of_one_story_share_a_story_key_whatever_their_furniture() -> None:
    body = ("body", "पहला वाक्य यहां है. शहर में आज बीस नई बसें चलाई गईं और लोग खुश थे. अधिकारियों ने कहा कि "
                    "अगले महीने और बसें आएंगी और किराया नहीं बढ़ेगा. अंत")
    a = _blocks(("title", "एक शीर्षक"), body, ("body", "हमें फ़ॉलो करें"))
    b = _blocks(("title", "दूसरा शीर्षक"), body)
    other = _blocks(("body", "पहला. नदी में पानी का स्तर आज फिर से बढ़ गया और गांव खाली कराए गए. अंत"))
    assert t.story_key(a) == t.story_key(b) != t.story_key(other)


def test_the_last_sentences_are_offered_with_where_they_start() -> None:
    para = ("बाज़ार में आज तेज़ी रही और निवेशकों ने जमकर ख़रीदारी की. (हमारे समाचार ऐप के लिए यहां क्लिक करें. "
            "आप हमें फ़ेसबुक पर भी पढ़ सकते हैं.)")
    cands = [c for c in t.candidates(_blocks(("body", para))) if c.part == "tail"]
    assert {c.key for c in cands} == {t.tail_key("(हमारे समाचार ऐप के लिए यहां क्लिक करें."),
                                      t.tail_key("आप हमें फ़ेसबुक पर भी पढ़ सकते हैं.)")}
    # chars run from the sentence's start to the block's end: the stage reads the text back with right().
    assert sorted(para[-c.chars:] for c in cands)[0].startswith("(हमारे समाचार")
    # The first sentence is the story's, never a tail.
    assert t.tail_key("बाज़ार में आज तेज़ी रही और निवेशकों ने जमकर ख़रीदारी की.") not in {c.key for c in cands}


def test_a_footer_printed_in_full_is_cut_by_the_fragment_learned_from_split_copies() -> None:
    # Learned from pages where the footer was split over lines: the fragment "(हमारे समाचार ऐप".
    learned = t.Learned({}, {t.tail_key(HINDI_FOOTER_TAIL): 30})
    para = "निगम ने कहा कि बसें हर दस मिनट पर चलेंगी. (हमारे समाचार ऐप के लिए यहां क्लिक करें. आप हमें फ़ॉलो करें."
    got = t.apply(_blocks(("body", para)), learned, BODY_KINDS)
    assert [b.text for b in got.blocks] == ["निगम ने कहा कि बसें हर दस मिनट पर चलेंगी.",
                                            "(हमारे समाचार ऐप के लिए यहां क्लिक करें. आप हमें फ़ॉलो करें."]


def test_a_learned_tail_glued_to_a_word_is_cut_where_its_text_starts() -> None:
    # Two sites' shapes: a Hindi app footer glued to a headline word, an Urdu share prompt glued to a quote.
    shapes = (("निगम ने नई बसें चलाईं. सबसे ज़्यादा पढ़ी गई ख़बर: बसों का नया रूट", "(हमारे समाचार ऐप के लिए यहां"),
              ("حکام نے کہا کہ بسیں چلیں گی۔ وزیر کا بیان ’سفر آسان ہوگا‘", "(ہماری ایپ ڈاؤن لوڈ کرنے کے لیے"))
    for head, footer in shapes:
        learned = t.Learned({}, {t.tail_key(footer): 12}, {footer: 12})
        got = t.apply(_blocks(("body", head + footer + " क्लिक")), learned, BODY_KINDS)
        assert [b.text for b in got.blocks] == [head, footer + " क्लिक"]
        assert got.repeat_counts == {1: 12}
    # Never from the paragraph's first character: something of it stays.
    learned = t.Learned({}, {}, {"निगम ने नई": 9})
    only = _blocks(("body", "निगम ने नई बसें चलाईं."))
    assert t.apply(only, learned, BODY_KINDS).blocks == only


def test_a_piece_split_off_a_line_that_is_a_learned_tail_goes_whole() -> None:
    # '... थे.(फ़ोटो: परिवार के सौजन्य से)(हमारे समाचार ऐप के लिए यहां': the segmenter cut the aside out,
    # leaving the footer's fragment as a block of its own on the same line.
    blocks = [Block(0, 1, "body", "निगम ने कहा कि बसें हर दस मिनट पर चलेंगी.", "paragraph"),
              Block(1, 1, "boilerplate", "(फ़ोटो: परिवार के सौजन्य से)", "aside_in_brackets"),
              Block(2, 1, "body", HINDI_FOOTER_TAIL, "paragraph")]
    got = t.apply(blocks, t.Learned({}, {t.tail_key(HINDI_FOOTER_TAIL): 30}), BODY_KINDS)
    assert [(b.kind, b.text) for b in got.blocks] == [
        ("body", blocks[0].text), ("boilerplate", blocks[1].text), ("boilerplate", HINDI_FOOTER_TAIL)]
    assert got.repeat_counts == {2: 30}
    # A paragraph of its own line is never emptied by its tails.
    alone = [Block(0, 1, "body", HINDI_FOOTER_TAIL + " क्लिक करें", "paragraph")]
    assert t.apply(alone, t.Learned({}, {t.tail_key(HINDI_FOOTER_TAIL): 30}), BODY_KINDS).blocks == alone


def test_pieces_of_a_line_an_aside_was_cut_out_of_are_not_lines_in_two_scripts() -> None:
    hindi = [Block(0, 1, "body", "मंत्री ने कहा कि बजट में किसानों के लिए नई योजना होगी", "paragraph"),
             Block(1, 1, "boilerplate", "(फ़ाइल फ़ोटो)", "aside_in_brackets"),
             Block(2, 1, "body", "और इसकी घोषणा अगले हफ़्ते होगी।", "paragraph"),
             Block(3, 3, "body", "हमारी ख़बरें ऐप पर पढ़ें", "paragraph")]
    urdu = [Block(0, 1, "body", "وزیر نے کہا کہ بجٹ میں کسانوں کے لیے نئی اسکیم ہوگی", "paragraph"),
            Block(1, 1, "boilerplate", "(فائل فوٹو)", "aside_in_brackets"),
            Block(2, 1, "body", "اور اس کا اعلان اگلے ہفتے ہوگا۔", "paragraph"),
            Block(3, 3, "body", "ہماری خبریں ایپ پر پڑھیں", "paragraph")]
    for blocks in (hindi, urdu):
        assert [c.line_no for c in t.candidates(blocks) if c.part == "line"] == [3]


def test_a_learned_table_row_stays_unless_its_whole_table_is_learned() -> None:
    # A daily tally repeats its header row (and now and then a row whose figures did not change) over rows
    # that change: the table is the story's. A box of figures every page prints the same goes whole.
    def page(*rows: str) -> list[Block]:
        return _blocks(("title", "कोरोना अपडेट: प्रदेश में 512 नए मामले"),
                       ("body", "प्रदेश में बुधवार को 512 नए मामले मिले. स्वास्थ्य विभाग ने जिलेवार आंकड़े जारी किए."),
                       *(("table_row", r) for r in rows),
                       ("body", "अधिकारियों ने लोगों से मास्क पहनने की अपील की."))
    header, steady = "जिला\tसंक्रमित\tमौत", "मेरठ\t0\t0"
    learned = t.Learned({t.text_key(header): 30, t.text_key(steady): 6,
                         t.text_key("Sensex\t47,973\t+0.5%"): 80, t.text_key("Nifty\t14,018\t+0.4%"): 80}, {})
    tally = page(header, "आगरा\t41\t1", steady, "कानपुर\t77\t2")
    got = t.apply(tally, learned, BODY_KINDS)
    assert got.blocks == tally and got.removed == 0 and got.repeat_counts == {}
    english = _blocks(("body", "The ministry's daily figures, by country."), ("table_row", "Country\tCases\tDeaths"),
                      ("table_row", "India\t10,266,674\t148,738"), ("body", "The curve has flattened."))
    assert t.apply(english, t.Learned({t.text_key("Country\tCases\tDeaths"): 12}, {}), BODY_KINDS).blocks == english
    ticker = page("Sensex\t47,973\t+0.5%", "Nifty\t14,018\t+0.4%")
    got = t.apply(ticker, learned, BODY_KINDS)
    assert [(b.kind, b.rule) for b in got.blocks[2:4]] == [("boilerplate", "repeated")] * 2
    assert got.removed == 2 and got.repeat_counts == {2: 80, 3: 80}


def test_learned_heads_over_the_storys_own_paragraphs_are_its_sections_when_three_or_more() -> None:
    # A horoscope prints its signs, a morning briefing its desks, in every issue: learned as lines, each heads
    # a paragraph of the story. Three different ones on a page are the story's sections and stay.
    def page(heads: list[str], para: str) -> list[Block]:
        items: list[tuple[str, str]] = [("title", "Today's horoscope / आज का राशिफल")]
        for n, head in enumerate(heads):
            items += [("heading", head), ("body", f"{para} {n}.")]
        return _blocks(*items)
    hindi, english = ["मेष", "वृषभ", "मिथुन"], ["India", "World", "Markets"]
    learned = t.Learned({t.text_key(h): 10 for h in [*hindi, *english, "विज्ञापन", "Advertisement"]}, {})
    for heads, para in ((hindi, "आज धन लाभ के योग हैं और परिवार का साथ मिलेगा"), (english, "The day's news in brief")):
        got = t.apply(page(heads, para), learned, BODY_KINDS)
        assert got.removed == 0 and [b.kind for b in got.blocks[1::2]] == ["heading"] * 3
        # Two of them (a page that lost one section) are not enough to tell them from furniture.
        got = t.apply(page(heads[:2], para), learned, BODY_KINDS)
        assert got.removed == 2 and {b.rule for b in got.blocks[1::2]} == {"repeated"}
    # One furniture line between every two paragraphs, or furniture over another learned line, is no section.
    ads = page(["विज्ञापन", "Advertisement", "विज्ञापन", "Advertisement"], "शहर में नई बसें चलीं")
    assert t.apply(ads, learned, BODY_KINDS).removed == 4
    stacked = _blocks(("body", "शहर में नई बसें चलीं."), ("heading", "मेष"), ("heading", "वृषभ"), ("heading", "मिथुन"),
                      ("body", "अधिकारियों ने कहा."))
    assert t.apply(stacked, learned, BODY_KINDS).removed == 3


def test_a_roundups_heads_are_other_stories_headlines_learned_as_links_and_stay_over_its_paragraphs() -> None:
    # A roundup heads each item with another story's headline (learned as a link to it): the first under the
    # title is a standfirst to the rules. Three over paragraphs of their own are its sections; the same
    # headlines printed as a run of links under a story go, and are links there.
    heads = {"hi": ["पटना में नई बसें चलीं, किराया घटा", "लखनऊ में पुल का काम पूरा हुआ", "भोपाल में बाज़ार रात तक खुलेंगे"],
             "en": ["Patna gets new buses and lower fares", "Lucknow bridge work is finished",
                    "Bhopal markets to stay open late"]}
    for lang, (one, two, three) in heads.items():
        learned = t.Learned({}, {}, links={t.text_key(h): 2 for h in (one, two, three)})
        roundup = _blocks(("title", f"{lang} roundup"), ("standfirst", one), ("body", "Item one."),
                          ("heading", two), ("body", "Item two."), ("heading", three), ("body", "Item three."))
        got = t.apply(roundup, learned, BODY_KINDS)
        assert got.removed == 0 and got.blocks == roundup
        story = _blocks(("title", f"{lang} story"), ("body", "The story."), ("heading", one), ("body", "More of it."),
                        ("heading", two), ("heading", three))
        got = t.apply(story, learned, BODY_KINDS)
        assert got.removed == 3 and [b.kind for b in got.blocks] == ["title", "body", "boilerplate", "body",
                                                                    "boilerplate", "boilerplate"]


def test_a_title_offers_its_headline_without_the_sites_name_after_it() -> None:
    for title, headline in (("कानपुर में नई ट्रेन पर बड़ा फैसला | प्रभात खबर", "कानपुर में नई ट्रेन पर बड़ा फैसला"),
                            ("Kanpur gets a new train - The Morning Ledger", "Kanpur gets a new train"),
                            ("لاہور میں نئی بسیں — روزنامہ صبح", "لاہور میں نئی بسیں")):
        blocks = _blocks(("title", title), ("body", "पहला वाक्य. दूसरा वाक्य."))
        assert (1, "title", t.text_key(headline)) in {(c.line_no, c.part, c.key) for c in t.candidates(blocks)}
    # No separator between spaces, or more words after it than a site's name has: nothing to cut.
    for title in ("India-Pakistan talks resume today", "Kanpur - where the new train runs from every morning now"):
        assert t.without_site_name(title) is None
