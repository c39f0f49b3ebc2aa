"""flows/steps/segment.close_footer_bracket: a footer printed in brackets and split over lines, whose
closing bracket sits in the page's trailing furniture, is furniture from its opening bracket on. Texts
are our own, in two sites' styles (a Hindi paper's app footer, an Urdu paper's app note)."""

from __future__ import annotations

from flows.steps.records import Block
from flows.steps.segment import BRACKET_FOOTER_MAX_CHARS, close_footer_bracket

HI_PARA = "नगर निगम ने सोमवार को बीस नई बसें शहर की सड़कों पर उतारीं. अधिकारियों ने कहा कि इससे यात्रियों को राहत मिलेगी."
UR_PARA = "شہر میں نئی بسیں چلائی گئیں۔ حکام نے کہا کہ اس سے مسافروں کو سہولت ملے گی اور منصوبہ دو سال میں مکمل ہوا۔"


def _blocks(*items: tuple[str, str]) -> list[Block]:
    return [Block(i, i * 2 + 1, kind, text, "test") for i, (kind, text) in enumerate(items)]


def _view(blocks: list[Block]) -> list[tuple[int, str, str]]:
    return [(b.line_no, b.kind, b.text) for b in blocks]


def test_a_footer_opened_at_a_paragraphs_end_and_closed_in_the_trailing_furniture() -> None:
    blocks = _blocks(("title", "नगर निगम ने नई बसें चलाईं"), ("body", HI_PARA),
                     ("body", HI_PARA + "(हमारे समाचार ऐप के लिए"),
                     ("body", "ऐप डाउनलोड करें. हमारी हर रिपोर्ट रोज़ सुबह"),
                     ("boilerplate", "आपके फ़ोन पर पहुंचेगी.)"))
    out, moved = close_footer_bracket(blocks)
    assert _view(out) == [(1, "title", "नगर निगम ने नई बसें चलाईं"), (3, "body", HI_PARA), (5, "body", HI_PARA),
                          (5, "boilerplate", "(हमारे समाचार ऐप के लिए"),
                          (7, "boilerplate", "ऐप डाउनलोड करें. हमारी हर रिपोर्ट रोज़ सुबह"),
                          (9, "boilerplate", "आपके फ़ोन पर पहुंचेगी.)")]
    assert [b.ordinal for b in out] == list(range(6)) and moved == {0: 0, 1: 1, 2: 2, 3: 4, 4: 5}
    assert {b.rule for b in out[3:5]} == {"bracket_closed_by_footer"}


def test_a_footer_whose_bracket_is_a_block_of_its_own() -> None:
    blocks = _blocks(("body", UR_PARA), ("boilerplate", "("), ("body", "ہماری خبریں موبائل ایپ پر پڑھنے کے لیے"),
                     ("boilerplate", "یہاں کلک کریں)"))
    out, _ = close_footer_bracket(blocks)
    assert [b.kind for b in out] == ["body", "boilerplate", "boilerplate", "boilerplate"]
    assert out[2].rule == "bracket_closed_by_footer" and out[0].text == UR_PARA


def test_brackets_that_close_where_they_open_or_open_too_far_up_change_nothing() -> None:
    balanced = _blocks(("body", UR_PARA), ("body", "ہماری خبریں (موبائل ایپ) پر"), ("boilerplate", "(جاری ہے)"))
    unopened = _blocks(("body", HI_PARA), ("body", "ऐप खोलें"), ("boilerplate", "सूचना चालू रखें.)"))
    far = _blocks(("body", HI_PARA + "(" + "शब्द " * (BRACKET_FOOTER_MAX_CHARS // 5)), ("boilerplate", "सूचना चालू रखें.)"))
    emptied = _blocks(("title", "नगर निगम ने नई बसें चलाईं"), ("body", "(हमारे समाचार ऐप के लिए यहां"),
                      ("boilerplate", "सूचना चालू रखें.)"))
    content = _blocks(("body", HI_PARA + " (यह ख़बर"), ("body", "पहले छपी थी)"), ("body", HI_PARA))
    for blocks in (balanced, unopened, far, emptied, content):
        out, moved = close_footer_bracket(blocks)
        assert out == blocks and moved == {b.ordinal: b.ordinal for b in blocks}
