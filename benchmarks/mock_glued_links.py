"""Mock sites whose "read also" links run into the paragraph after them, with labels, for realpages_eval.py.

    .venv/bin/python benchmarks/mock_glued_links.py --out /tmp/mock-links
    .venv/bin/python benchmarks/realpages_eval.py --pages /tmp/mock-links/pages --labels /tmp/mock-links/labels.tsv

Writes `pages/<site>/NNN.txt` (a Hindi site and an English one, 30 pages each: a title line, then four to six
paragraphs of two or three sentences) and `labels.tsv` in the format of benchmarks/labels/README.md. In about
half the paragraphs after the first, a related link ('ये भी पढ़ें: <headline>', 'पढ़िए- ...', 'Also Read: ...',
six markers a site) runs into the paragraph with no break, as a scraper that drops the link's markup leaves
it: glued to the paragraph's first word at the line's start, or glued between its first sentence and the
rest. The link is labelled furniture, the rest body, the first line title.

The text is this project's own (sentences written for this script), drawn by a seeded random.Random: the
same arguments write the same bytes. The sentences are distinct and the headlines are no page's title, so
the only cues to a link's end are the page itself (a word its paragraph opens on and the page prints again,
a word that opens sentences, a mark, a capital) and the language's word list (flows/steps/lexicon.py), which
knows every word of these common sentences: an upper bound. glued_links_realtext.py measures the same cut on
real headlines and paragraphs, names and loanwords included.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

HI_SENTENCES = [
    "जिला प्रशासन ने शहर के सभी स्कूलों को अगले दो दिन तक बंद रखने का आदेश दिया है।",
    "मौसम विभाग के अनुसार अगले चौबीस घंटों में भारी बारिश की संभावना है।",
    "स्थानीय लोगों ने बताया कि पिछले तीन दिनों से इलाके में बिजली नहीं है।",
    "पुलिस ने मामले में दो लोगों को हिरासत में लेकर पूछताछ शुरू कर दी है।",
    "अधिकारियों का कहना है कि राहत सामग्री सभी प्रभावित गांवों तक पहुंचाई जा रही है।",
    "किसानों ने फसल के नुकसान के लिए मुआवजे की मांग की है।",
    "नगर निगम ने नालों की सफाई के लिए विशेष अभियान शुरू किया है।",
    "स्वास्थ्य विभाग ने लोगों से उबला हुआ पानी पीने की अपील की है।",
    "विपक्षी दलों ने सरकार पर लापरवाही का आरोप लगाया है।",
    "मुख्य सचिव ने सभी जिलाधिकारियों के साथ बैठक कर हालात की समीक्षा की।",
    "रेलवे ने कई ट्रेनों को रद्द कर दिया है और कुछ के रास्ते बदले गए हैं।",
    "बाजारों में सब्जियों के दाम पिछले हफ्ते के मुकाबले दोगुने हो गए हैं।",
    "विशेषज्ञों का मानना है कि इस साल मानसून सामान्य से ज्यादा रहेगा।",
    "उन्होंने कहा कि सरकार हर परिवार को पांच हजार रुपये की सहायता देगी।",
    "इसके बाद टीम ने घटनास्थल का दौरा किया और लोगों से बातचीत की।",
    "वहीं कई परिवारों ने स्कूलों में बने राहत शिविरों में शरण ली है।",
    "गांव के सरपंच ने बताया कि सड़क टूटने से आवाजाही पूरी तरह बंद है।",
    "जांच समिति अपनी रिपोर्ट अगले महीने सौंपेगी।",
    "बैंक ने कर्ज की किस्त चुकाने की तारीख एक महीने बढ़ा दी है।",
    "शिक्षा मंत्री ने परीक्षा की नई तारीखों का एलान जल्द करने की बात कही।",
]
HI_HEADLINES = [
    "दिल्ली में प्रदूषण से लोगों का हाल बेहाल", "मानसून की पहली बारिश में डूबी सड़कें", "यूपी में कोहरे के कारण बीस ट्रेनें लेट",
    "सोने के दाम में फिर आई भारी गिरावट", "क्या इस बार बढ़ेगा रेल किराया?", "पहाड़ों पर बर्फबारी से बढ़ी ठंड",
    "राजधानी में पानी की किल्लत पर हंगामा", "किसानों के लिए नई बीमा योजना का एलान", "बिजली दरों में बढ़ोतरी का विरोध तेज",
    "शहर में डेंगू के मामले फिर बढ़े",
]
HI_MARKERS = ["ये भी पढ़ें: ", "यह भी पढ़ें - ", "पढ़ें: ", "इसे भी पढ़ें: ", "ये भी पढ़ेंः ", "पढ़िए- "]
EN_SENTENCES = [
    "The district administration ordered all schools to stay closed for two more days.",
    "Officials said relief material was being sent to every affected village.",
    "Residents said power had been cut in the area for three days.",
    "Police detained two men and began questioning them on Tuesday.",
    "Farmers have demanded compensation for the damaged crops.",
    "The weather office has forecast heavy rain over the next 24 hours.",
    "Opposition parties accused the government of negligence.",
    "The railway cancelled several trains and diverted others.",
    "Vegetable prices in the markets have doubled since last week.",
    "Experts expect the monsoon to be stronger than usual this year.",
    "He said the state would give every family five thousand rupees.",
    "The inquiry committee will submit its report next month.",
    "Many families have taken shelter in relief camps set up in schools.",
    "The bank extended the deadline for loan repayments by a month.",
    "The education minister said new exam dates would be announced soon.",
]
EN_HEADLINES = [
    "Smog chokes the capital for a third day", "First monsoon rain floods city roads", "Gold prices fall again",
    "Will rail fares rise this year?", "Snowfall brings cold wave to the hills",
    "Water shortage sparks protest in the capital", "New crop insurance scheme announced",
    "Dengue cases rise again in the city",
]
EN_MARKERS = ["Also Read: ", "READ | ", "Also read - ", "Read: "]
SITES = {  # folder: (sentences, headlines, markers, the stop that ends a sentence, the title's tail)
    "khabar": (HI_SENTENCES, HI_HEADLINES, HI_MARKERS, "।", " - ताज़ा हाल"),
    "daily": (EN_SENTENCES, EN_HEADLINES, EN_MARKERS, ".", " - latest"),
}
PAGES = 30
LINK_SHARE = 0.5  # of the paragraphs after the first


def write(out: Path, seed: int) -> tuple[int, int]:
    """Write the pages and labels.tsv under `out`; returns (pages, links)."""
    rng = random.Random(seed)
    rows = ["set\tfile\tline\tstart\tend\tkind"]
    links = 0
    for site, (sentences, headlines, markers, stop, tail) in SITES.items():
        folder = out / "pages" / site
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(PAGES):
            name = f"{n:03d}.txt"
            lines = [rng.choice(sentences)[:60].rstrip("।. ") + tail]
            rows.append(f"{site}\t{name}\t1\t\t\ttitle")
            for i in range(rng.randint(4, 6)):
                paragraph = " ".join(rng.sample(sentences, rng.randint(2, 3)))
                line_no = 2 * len(lines) + 1  # a blank line between paragraphs
                if not i or rng.random() >= LINK_SHARE:
                    lines.append(paragraph)
                    rows.append(f"{site}\t{name}\t{line_no}\t\t\tbody")
                    continue
                link = rng.choice(markers) + rng.choice(headlines)
                links += 1
                if rng.random() < 0.5:  # at the paragraph's start
                    lines.append(link + paragraph)
                    rows += [f"{site}\t{name}\t{line_no}\t0\t{len(link)}\tfurniture",
                             f"{site}\t{name}\t{line_no}\t{len(link)}\t{len(link) + len(paragraph)}\tbody"]
                else:  # after its first sentence, glued to it
                    first, rest = paragraph.split(stop + " ", 1)
                    first += stop
                    lines.append(first + link + rest)
                    at = len(first) + len(link)
                    rows += [f"{site}\t{name}\t{line_no}\t0\t{len(first)}\tbody",
                             f"{site}\t{name}\t{line_no}\t{len(first)}\t{at}\tfurniture",
                             f"{site}\t{name}\t{line_no}\t{at}\t{at + len(rest)}\tbody"]
            (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (out / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return PAGES * len(SITES), links


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        raise SystemExit(f"{args.out} is not empty")
    pages, links = write(args.out, args.seed)
    print(f"{pages} pages, {links} glued links: {args.out / 'pages'}, labels {args.out / 'labels.tsv'}")


if __name__ == "__main__":
    main()
