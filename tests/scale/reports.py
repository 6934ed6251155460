"""Short Arabic reports for the cluster tests, made from templates the team wrote: varied kinds
(air strikes, bombs, clashes, arrests, protests, denials, plans, bodies found, economy), places,
figures and days, with some syndicated copies, so extraction and fusion both have work to do."""

from __future__ import annotations

import datetime as dt
import random

from marsad.model import Document

FORCES = ["القوات الأمنية", "قوات الشرطة الاتحادية", "الجيش العراقي", "قوات مكافحة الإرهاب", "الحشد الشعبي"]
PLACES = ["الموصل", "الرمادي", "تكريت", "بعقوبة", "كركوك", "الفلوجة", "سامراء", "الحويجة", "بيجي", "الشرقاط"]
FIGURES = ["ثلاثة", "خمسة", "سبعة", "عشرة", "اثنين", "4", "6", "12", "15", "20"]
DAYS = ["أمس", "اليوم", "يوم الخميس الماضي", "صباح الاثنين", "مساء السبت", "فجر اليوم"]
OUTLETS = ["وكالة الرافد", "صحيفة المرصد", "إذاعة دجلة", "موقع الخبر اليومي"]

SENTENCES = [
    "قال مصدر أمني في {place} إن طائرات التحالف الدولي قصفت {day} مقرا لتنظيم داعش، ما أسفر عن مقتل {n} من المسلحين.",
    "انفجرت عبوة ناسفة {day} على جانب طريق رئيسي قرب {place}، وأدى الانفجار إلى إصابة {n} مدنيين بجروح.",
    "اعتقلت {force} {n} مطلوبين بتهم إرهابية خلال عملية تفتيش في أحياء {place}.",
    "اندلعت اشتباكات عنيفة بين {force} ومسلحي داعش في أطراف {place} {day}، وقتل فيها {n} من المسلحين.",
    "تظاهر مئات من أهالي {place} {day} أمام مبنى المحافظة مطالبين بتحسين الخدمات وتوفير الكهرباء.",
    "نفى المتحدث باسم {force} الأنباء عن سقوط قتلى في {place}، مؤكدا أن الوضع الأمني مستقر.",
    "أعلنت وزارة التخطيط أن أسعار المواد الغذائية في أسواق {place} ارتفعت بنسبة {n} بالمئة خلال الشهر الماضي.",
    "هاجم انتحاري يقود سيارة مفخخة نقطة تفتيش تابعة لـ{force} في {place} {day}، فقتل {n} جنود وأصيب آخرون.",
    "عثرت الشرطة على جثث {n} أشخاص مجهولي الهوية في منطقة زراعية شمالي {place}.",
    "تعتزم الحكومة إطلاق حملة عسكرية واسعة لاستعادة المناطق المحيطة بـ{place} خلال الأسابيع المقبلة.",
    "سقطت قذائف هاون {day} على حي سكني في {place}، ولم تسجل إصابات بحسب مصادر محلية.",
    "أصيب {n} من عناصر {force} بنيران قناص في منطقة صناعية جنوبي {place}.",
]
TITLES = ["تطورات أمنية في {place}", "حصيلة جديدة في {place}", "{place}: مصادر تتحدث عن هجوم", "أخبار المحافظات"]


def reports(count: int, seed: int = 13) -> list[Document]:
    """``count`` documents; about one in ten is another outlet's copy of an earlier one."""
    rng = random.Random(seed)
    start = dt.date(2024, 3, 1)
    documents: list[Document] = []
    for number in range(count):
        if documents and rng.random() < 0.1:
            original = rng.choice(documents)
            documents.append(original.model_copy(update={"id": f"copy-{number}", "source": rng.choice(OUTLETS)}))
            continue
        place = rng.choice(PLACES)
        sentences = [
            rng.choice(SENTENCES).format(
                place=place if rng.random() < 0.7 else rng.choice(PLACES),
                day=rng.choice(DAYS),
                n=rng.choice(FIGURES),
                force=rng.choice(FORCES),
            )
            for _ in range(rng.randint(1, 3))
        ]
        documents.append(
            Document(
                id=f"report-{number:04d}",
                text=" ".join(sentences),
                title=rng.choice(TITLES).format(place=place) if rng.random() < 0.6 else None,
                published=start + dt.timedelta(days=rng.randint(0, 20)),
                source=rng.choice(OUTLETS),
            )
        )
    return documents
