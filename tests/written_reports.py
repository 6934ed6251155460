"""Short Arabic reports built from templates the team wrote, for tests and benchmarks that need many
documents (the reliability tests, the soak benchmark): deterministic for a seed, with some events
told by two outlets so that fusion has work to do."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

# Where: a district and its governorate, as a local outlet writes them.
PLACES = [
    "قضاء الحويجة بمحافظة كركوك",
    "قضاء الخالص بمحافظة ديالى",
    "مدينة الرمادي بمحافظة الأنبار",
    "قضاء سامراء بمحافظة صلاح الدين",
    "ناحية العظيم بمحافظة ديالى",
    "قضاء هيت غربي الأنبار",
    "قضاء بيجي شمالي صلاح الدين",
    "قضاء تلعفر غربي نينوى",
]
COUNTS = ["ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "2", "9", "11"]
DAYS = ["أمس الأحد", "اليوم الاثنين", "أمس الثلاثاء", "فجر اليوم", "مساء أمس"]
OUTLETS = ["outlet-a", "outlet-b", "outlet-c", "outlet-d"]

# One event per template; {n} a count, {place} a place, {day} a day.
TEMPLATES = [
    "قتل {n} من عناصر داعش بضربة جوية نفذها طيران التحالف على مخبأ لهم في {place} {day}.",
    "أصيب {n} مدنيين بانفجار عبوة ناسفة زرعت على جانب طريق زراعي في {place} {day}.",
    "اعتقلت القوات الأمنية {n} مطلوبين بتهم إرهابية خلال حملة تفتيش في {place} {day}.",
    "هاجم مسلحون مجهولون نقطة تفتيش للجيش في {place} {day}، ما أسفر عن مقتل {n} جنود.",
    "عثرت قوة من الشرطة على {n} جثث مجهولة الهوية في بستان مهجور ضمن {place} {day}.",
    "تظاهر مئات من الأهالي أمام مبنى القائممقامية في {place} {day} احتجاجا على انقطاع الكهرباء.",
]
# A second outlet tells the same event in other words.
RETOLD = "أفادت مصادر أمنية بأن {n} أشخاص سقطوا بين قتيل وجريح في هجوم شنه مسلحون على {place} {day}."


def written_reports(count: int, seed: int = 19, prefix: str = "w") -> list[dict[str, Any]]:
    """`count` JSON-ready reports with ids `<prefix>-<n>`, sources, urls and publication dates."""
    chooser = random.Random(seed)
    reports: list[dict[str, Any]] = []
    start = dt.date(2024, 1, 7)
    for index in range(count):
        published = start + dt.timedelta(days=index // 4)
        values = {
            "n": chooser.choice(COUNTS),
            "place": chooser.choice(PLACES),
            "day": chooser.choice(DAYS),
        }
        if index % 7 == 6 and reports:  # another outlet's telling of the previous report's attack
            values["place"] = reports[-1]["_place"]
            text = RETOLD.format(**values)
        else:
            text = chooser.choice(TEMPLATES).format(**values)
        reports.append(
            {
                "id": f"{prefix}-{index}",
                "source": OUTLETS[index % len(OUTLETS)],
                "url": f"https://example.org/{prefix}/{index}",
                "published": published.isoformat(),
                "text": text,
                "_place": values["place"],
            }
        )
    for report in reports:
        del report["_place"]
    return reports
