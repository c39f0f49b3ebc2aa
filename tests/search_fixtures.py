"""Tiny articles written for the search tests (our own words), and a raw folder of them."""

from __future__ import annotations

from pathlib import Path

ARTICLES: dict[str, str] = {
    "desk-hi/2025-01/sankraman.txt": """\
राज्य में संक्रमितों की संख्या घटी, अस्पतालों में बिस्तर खाली होने लगे

प्रकाशित: 2025-01-10 08:00 IST
लखनऊ: स्वास्थ्य विभाग ने शनिवार को बताया कि पिछले सप्ताह नए संक्रमित मरीजों की संख्या आधी रह गई है।
जिला अस्पतालों में भर्ती मरीज कम हुए हैं और डॉक्टरों ने लोगों से टीका लगवाने की अपील की है।

विभाग के अनुसार गांवों में जांच शिविर जारी रहेंगे और हर ब्लॉक में दवाइयों का भंडार रखा गया है।
""",
    "desk-hi/2025-01/kim.txt": """\
किम जोंग उन ने मिसाइल परीक्षण की निगरानी की, पड़ोसी देशों ने चिंता जताई

प्रकाशित: 2025-01-12 09:30 IST
सियोल: उत्तर कोरिया के सरकारी मीडिया ने बताया कि किम जोंग उन ने नए मिसाइल परीक्षण की निगरानी की।
दक्षिण कोरिया और जापान की सरकारों ने परीक्षण की निंदा की और सुरक्षा परिषद की बैठक बुलाने की मांग की।

विशेषज्ञों का कहना है कि प्योंगयांग अपने हथियार कार्यक्रम को तेजी से आगे बढ़ा रहा है।
""",
    "desk-hi/2025-01/kanoon.txt": """\
संसद में नया क़ानून पास, किसानों को फसल बीमा का लाभ जल्दी मिलेगा

प्रकाशित: 2025-01-14 18:00 IST
नई दिल्ली: संसद ने बुधवार को फसल बीमा से जुड़ा नया कानून पारित कर दिया। कृषि मंत्री ने कहा कि
दावों का निपटारा अब तीस दिनों के भीतर होगा और किसानों को भुगतान सीधे खाते में मिलेगा।

विपक्ष ने कहा कि कानून के नियम जल्द बनाए जाने चाहिए ताकि किसानों को इसका फायदा इसी मौसम में मिल सके।
""",
    "desk-hi/2025-01/kaam.txt": """\
शहर में निर्माण का काम रुका, मजदूरों ने मांगा बकाया वेतन

प्रकाशित: 2025-01-15 11:00 IST
इंदौर: शहर की कई निर्माण परियोजनाओं पर काम तीन दिनों से बंद है। मजदूरों का कहना है कि उन्हें दो महीने
से वेतन नहीं मिला है और ठेकेदार बात करने को तैयार नहीं हैं।

नगर निगम ने ठेकेदारों की बैठक बुलाई है और जल्द भुगतान का भरोसा दिया है।
""",
    "wire-en/2025-01/kim-talks.txt": """\
Kim Jong Un oversees missile launch as neighbours call for talks

Published: 2025-01-12 10:00 GMT
Seoul: North Korean state media said Kim Jong Un watched the launch of a new missile on Sunday. South Korea
and Japan condemned the test and asked the Security Council to meet.

Analysts said the launch showed steady progress in the weapons programme despite sanctions.
""",
    "wire-en/2024-12/floods.txt": """\
Rivers rise after heavy rain, thousands move to relief camps

Published: 2024-12-20 07:00 GMT
Guwahati: Heavy rain over three days pushed rivers above the danger mark in several districts, officials
said, and thousands of families moved to relief camps run by the state government.

Rescue teams with boats reached villages cut off by the water. Schools in the worst-hit districts stay closed.
""",
    "desk-ur/2025-01/cricket.txt": """\
قومی کرکٹ ٹیم نے سیریز جیت لی، کپتان نے کھلاڑیوں کی تعریف کی

لاہور: قومی کرکٹ ٹیم نے آخری میچ میں شاندار کارکردگی دکھا کر سیریز اپنے نام کر لی۔ کپتان نے کہا کہ
نوجوان کھلاڑیوں نے دباؤ میں اچھا کھیل پیش کیا اور شائقین کی حمایت نے ٹیم کا حوصلہ بڑھایا۔

اگلی سیریز کے لیے ٹیم کا اعلان آئندہ ہفتے کیا جائے گا۔
""",
}


def write_raw(root: Path, articles: dict[str, str] | None = None) -> Path:
    for rel, text in (articles or ARTICLES).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
