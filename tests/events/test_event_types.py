"""ACLED event and sub-event types, coded as a careful ACLED coder would code each report.

Every sentence was written for these tests (Iraqi and Syrian security-news style, published on
Monday 10 March 2025). One report sentence = one event here, so each case asks for exactly one.
"""

from __future__ import annotations

import pytest

from tests.events._support import asserted, brief, events, kinds, only_event

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(reason=reason, strict=True)


CASES = [
    # --- Battles ------------------------------------------------------------------------------------
    pytest.param(
        "اندلعت اشتباكات مسلحة، مساء الأحد، بين قوات الجيش العراقي ومسلحين من تنظيم داعش في منطقة وادي الشاي "
        "جنوبي كركوك، أسفرت عن مقتل جنديين وإصابة ثلاثة آخرين.",
        BATTLES,
        "Armed clash",
        id="clash-noun-between",
    ),
    pytest.param(
        "اشتبكت قوات البيشمركة مع مسلحين من تنظيم داعش في قضاء مخمور، اليوم الاثنين، ما أسفر عن مقتل اثنين "
        "من المسلحين.",
        BATTLES,
        "Armed clash",
        id="clash-verb",
    ),
    pytest.param(
        "قتل ثلاثة جنود عراقيين، اليوم الاثنين، في هجوم شنه مسلحو داعش على موقع عسكري في قضاء طوزخورماتو.",
        BATTLES,
        "Armed clash",
        id="attack-on-soldiers-is-a-battle",
    ),
    pytest.param(
        "أعلنت قيادة العمليات المشتركة، اليوم الاثنين، استعادة السيطرة على قرية البو حمد في قضاء الشرقاط بعد "
        "معارك مع عناصر تنظيم داعش.",
        BATTLES,
        "Government regains territory",
        id="regains-noun",
    ),
    pytest.param(
        "حررت القوات العراقية، أمس الأحد، ناحية العياضية غربي تلعفر من قبضة تنظيم داعش بعد ثلاثة أيام من المعارك.",
        BATTLES,
        "Government regains territory",
        id="regains-verb",
    ),
    pytest.param(
        "داهمت قوة من جهاز مكافحة الإرهاب، فجر اليوم، وكرا لعناصر داعش في قرية الزوية بقضاء الدور واشتبكت معهم، "
        "ما أسفر عن مقتل ثلاثة إرهابيين.",
        BATTLES,
        "Armed clash",
        id="raid-that-turns-into-a-clash",
    ),
    pytest.param(
        "هاجم مسلحون من تنظيم داعش، مساء أمس الأحد، نقطة تفتيش للجيش العراقي في ناحية العباسي غربي كركوك، ما أدى "
        "إلى مقتل جندي وإصابة اثنين آخرين.",
        BATTLES,
        "Armed clash",
        id="attack-verb-on-army-checkpoint",
    ),
    # --- Explosions/Remote violence -----------------------------------------------------------------
    pytest.param(
        "شنت طائرات التحالف الدولي، فجر اليوم، غارة جوية على مضافة لتنظيم داعش في سلسلة جبال حمرين، ما أسفر عن "
        "مقتل أربعة إرهابيين.",
        REMOTE,
        "Air/drone strike",
        id="airstrike",
    ),
    pytest.param(
        "قتل قيادي في حزب العمال الكردستاني بقصف بطائرة مسيرة تركية استهدف سيارته في قضاء سنجار غربي نينوى، "
        "مساء أمس الأحد.",
        REMOTE,
        "Air/drone strike",
        id="drone-shelling",
    ),
    pytest.param(
        "استهدفت طائرة مسيرة، فجر اليوم، سيارة تقل قياديين في كتائب حزب الله قرب مطار بغداد الدولي، ما أسفر عن "
        "مقتل ثلاثة منهم.",
        REMOTE,
        "Air/drone strike",
        id="drone-targets-car",
    ),
    pytest.param(
        "سقطت ثلاث قذائف هاون على قرية الحديد في ناحية العظيم بمحافظة ديالى، اليوم الاثنين، دون وقوع إصابات.",
        REMOTE,
        "Shelling/artillery/missile attack",
        id="mortars",
    ),
    pytest.param(
        "استهدفت ثلاثة صواريخ كاتيوشا قاعدة عين الأسد الجوية في محافظة الأنبار، فجر اليوم الاثنين.",
        REMOTE,
        "Shelling/artillery/missile attack",
        id="katyusha",
    ),
    pytest.param(
        "انفجرت عبوة ناسفة على دورية للشرطة الاتحادية في قضاء الطارمية شمالي بغداد، صباح اليوم، ما أدى إلى "
        "إصابة ثلاثة منتسبين.",
        REMOTE,
        "Remote explosive/landmine/IED",
        id="ied",
    ),
    pytest.param(
        "انفجرت سيارة مفخخة مركونة قرب سوق شعبي في مدينة الصدر شرقي بغداد، مساء أمس، ما أسفر عن مقتل 6 مدنيين "
        "وإصابة 15 آخرين.",
        REMOTE,
        "Remote explosive/landmine/IED",
        id="car-bomb",
    ),
    pytest.param(
        "جرح 4 جنود بانفجار لغم أرضي بعربتهم العسكرية في قضاء تلعفر، اليوم الاثنين.",
        REMOTE,
        "Remote explosive/landmine/IED",
        id="landmine",
    ),
    pytest.param(
        "أقدم انتحاري على تفجير نفسه بحزام ناسف قرب نقطة تفتيش في مدينة الرمادي، اليوم الاثنين، ما أسفر عن مقتل "
        "جنديين.",
        REMOTE,
        "Suicide bomb",
        id="suicide-belt",
    ),
    pytest.param(
        "أسفر تفجير انتحاري عن مقتل 12 شخصا وإصابة 20 آخرين في بلدة الباب بريف حلب، اليوم الاثنين.",
        REMOTE,
        "Suicide bomb",
        id="suicide-noun",
    ),
    pytest.param(
        "فجر انتحاري يرتدي حزاما ناسفا نفسه وسط تجمع لمقاتلي الحشد الشعبي في قضاء بيجي، ظهر اليوم، ما أدى إلى "
        "مقتل أربعة منهم.",
        REMOTE,
        "Suicide bomb",
        id="suicide-verb-subject-between",
    ),
    pytest.param(
        "أصيب شخصان بجروح إثر إلقاء مجهولين قنبلة يدوية على منزل مواطن في حي الحسين بمحافظة البصرة، مساء أمس.",
        REMOTE,
        "Grenade",
        id="grenade",
    ),
    # --- Violence against civilians -----------------------------------------------------------------
    pytest.param(
        "اغتال مسلحون مجهولون، مساء أمس الأحد، ناشطا مدنيا بإطلاق نار أمام منزله في مدينة العمارة.",
        VAC,
        "Attack",
        id="assassination",
    ),
    pytest.param(
        "أطلق مسلحون مجهولون النار على سيارة مدنية في قضاء بلد، مساء أمس، ما أدى إلى مقتل مدنيين اثنين.",
        VAC,
        "Attack",
        id="shooting-at-civilians",
    ),
    pytest.param(
        "أعدم تنظيم داعش، اليوم الاثنين، خمسة مدنيين رميا بالرصاص في قرية تابعة لقضاء الحويجة.",
        VAC,
        "Attack",
        id="execution",
    ),
    pytest.param(
        "اختطف مسلحون مجهولون، مساء أمس الأحد، صحفيا في مدينة الحلة واقتادوه إلى جهة مجهولة.",
        VAC,
        "Abduction/forced disappearance",
        id="abduction",
    ),
    pytest.param(
        "سقط مقذوف عسكري أطلق من خارج الحدود على حي سكني في مدينة نجران اليوم الاثنين وأصاب مقيمين اثنين.",
        REMOTE,
        "Shelling/artillery/missile attack",
        id="projectile-across-the-border",
    ),
    pytest.param(
        "أضرم مستوطنون النار في منزل عائلة فلسطينية في قرية جنوب نابلس فجر اليوم الاثنين.",
        "Violence against civilians",
        "Attack",
        id="arson-of-a-home",
    ),
    # --- Protests and riots -------------------------------------------------------------------------
    pytest.param(
        "تظاهر المئات من سكان مدينة الناصرية، اليوم الاثنين، أمام مبنى المحافظة للمطالبة بتوفير فرص العمل "
        "وتحسين الخدمات.",
        PROTESTS,
        "Peaceful protest",
        id="peaceful-protest",
    ),
    pytest.param(
        "نظم العشرات من الخريجين وقفة احتجاجية أمام مبنى وزارة التعليم العالي في بغداد، اليوم الاثنين، "
        "للمطالبة بتعيينهم.",
        PROTESTS,
        "Peaceful protest",
        id="sit-in",
    ),
    pytest.param(
        "استخدمت قوات الشرطة الغاز المسيل للدموع لتفريق تظاهرة لخريجين عاطلين عن العمل أمام مبنى مجلس محافظة "
        "ذي قار، اليوم الاثنين.",
        PROTESTS,
        "Protest with intervention",
        id="tear-gas",
    ),
    pytest.param(
        "استخدمت القوات الأمنية الغاز المسيل للدموع لتفريق تظاهرة لخريجين عاطلين عن العمل قرب ساحة التحرير وسط "
        "بغداد، اليوم الاثنين.",
        PROTESTS,
        "Protest with intervention",
        id="tear-gas-at-tahrir-square",
    ),
    pytest.param(
        "قتل متظاهران برصاص قوات الأمن خلال احتجاجات في مدينة الناصرية، اليوم الاثنين.",
        PROTESTS,
        "Excessive force against protesters",
        id="protesters-killed",
    ),
    pytest.param(
        "اندلعت أعمال شغب في مدينة البصرة، مساء أمس، بعد أن أحرق محتجون غاضبون إطارات ورشقوا قوات الأمن بالحجارة.",
        RIOTS,
        "Violent demonstration",
        id="riot",
    ),
    pytest.param(
        "اقتحم محتجون غاضبون مبنى مجلس محافظة البصرة وأضرموا النار في أجزاء منه، اليوم الاثنين، احتجاجا على "
        "انقطاع الكهرباء.",
        RIOTS,
        "Violent demonstration",
        id="protesters-storm-and-burn",
    ),
    # --- Strategic developments ---------------------------------------------------------------------
    pytest.param(
        "ألقت قوات الشرطة، اليوم الاثنين، القبض على ثلاثة مطلوبين بتهم إرهابية في قضاء الفلوجة.",
        STRATEGIC,
        "Arrests",
        id="arrest",
    ),
    pytest.param(
        "تمكنت مفارز مديرية مكافحة المتفجرات، اليوم الاثنين، من تفكيك عبوة ناسفة على طريق بعقوبة - بغداد.",
        STRATEGIC,
        "Disrupted weapons use",
        id="defusal-noun",
    ),
    pytest.param(
        "فككت فرق مكافحة المتفجرات، صباح اليوم، عبوة ناسفة زرعت على جانب طريق رئيسي في قضاء المقدادية.",
        STRATEGIC,
        "Disrupted weapons use",
        id="defusal-verb",
    ),
    pytest.param(
        "عثرت قوة من الجيش العراقي، اليوم الاثنين، على مخبأ للأسلحة يضم صواريخ وقذائف هاون في جزيرة الخالدية "
        "بمحافظة الأنبار.",
        STRATEGIC,
        "Disrupted weapons use",
        id="weapons-cache",
    ),
    pytest.param(
        "نفذت قطعات الجيش العراقي، اليوم الاثنين، عملية تفتيش وتطهير في صحراء الحضر جنوبي الموصل من دون تسجيل "
        "أي احتكاك مع العدو.",
        STRATEGIC,
        "Other",
        id="search-and-clearance-without-violence",
    ),
]


@pytest.mark.parametrize(("text", "event_type", "sub_event_type"), CASES)
def test_sub_event_type(text: str, event_type: str, sub_event_type: str) -> None:
    event = only_event(text)
    assert (event["event_type"], event["sub_event_type"]) == (event_type, sub_event_type), brief([event])
    assert event["modality"] == "asserted"


def test_search_and_clearance_is_not_a_battle() -> None:
    found = events(
        "أعلنت قيادة عمليات الأنبار، اليوم الاثنين، انطلاق عملية تفتيش وتطهير واسعة في صحراء الرطبة بمشاركة "
        "قطعات الجيش والحشد العشائري، لملاحقة بقايا خلايا داعش."
    )
    assert found, "a reported operation is a Strategic development"
    assert all(event["event_type"] == STRATEGIC for event in found), brief(found)


@pytest.mark.xfail(
    reason="accusative (tanween alef) noun forms 'تفجيرا انتحاريا' match no trigger: codebook/__init__._triggers "
    "adds nouns only as listed in triggers.json and the lexicon does not fold the case ending, so the sentence "
    "yields no event",
    strict=True,
)
def test_accusative_trigger_in_a_background_sentence() -> None:
    found = events("وشهدت مدينة الموصل في آذار 2016 تفجيرا انتحاريا أودى بحياة 40 شخصا.")
    assert kinds(found) == [(REMOTE, "Suicide bomb")], brief(found)
    assert found[0]["modality"] == "background"


def test_trigger_inside_an_actor_name_is_not_an_event() -> None:
    """'تحرير' in هيئة تحرير الشام names the group; the sentence plans an attack, it regains nothing."""
    found = events("سيهاجم الجيش السوري مواقع هيئة تحرير الشام في ريف إدلب الجنوبي الأسبوع المقبل، وفقا لمصادر عسكرية.")
    assert ("Battles", "Government regains territory") not in kinds(found), brief(found)
    assert not asserted(
        "سيهاجم الجيش السوري مواقع هيئة تحرير الشام في ريف إدلب الجنوبي الأسبوع المقبل، وفقا لمصادر عسكرية."
    )


def test_disorder_type_follows_the_event_type() -> None:
    expected = {
        BATTLES: "Political violence",
        REMOTE: "Political violence",
        VAC: "Political violence",
        PROTESTS: "Demonstrations",
        RIOTS: "Demonstrations",
        STRATEGIC: "Strategic developments",
    }
    for param in CASES:
        if param.marks:
            continue
        for event in events(param.values[0]):
            assert event["disorder_type"] == expected[event["event_type"]], brief([event])


@pytest.mark.parametrize(
    "text",
    [
        "وتجمع مئات المتظاهرين أمام مبنى مجلس محافظة البصرة مطالبين بتوفير الكهرباء والماء الصالح للشرب.",
        "ونزل المتظاهرون إلى الشوارع في عدة مدن جنوبية وهم يرددون هتافات تندد بالفساد.",
        "وأغلق المحتجون الطريق الرئيس المؤدي إلى ميناء أم قصر ورفعوا لافتات تطالب بفرص عمل.",
    ],
)
def test_protesters_acting_together_are_a_protest_without_a_date(text: str) -> None:
    """A weak trigger (المتظاهرون) is confirmed by what protesters do together, even in a sentence
    with no date and no count (news sentences out of their article, as in the event gold standard)."""
    found = events(text, published=None)
    assert kinds(found) == [(PROTESTS, "Peaceful protest")], brief(found)
    assert found[0]["modality"] == "asserted"


def test_protesters_mentioned_without_acting_are_no_reported_event() -> None:
    """An analyst speaking of protesters' demands: a candidate the rules keep, which the news judge
    does not report (it stays in the record, queryable)."""
    found = events("وقال المحلل السياسي إن مطالب المتظاهرين مشروعة لكنها تحتاج إلى وقت.", published=None)
    protests = [event for event in found if event["event_type"] == PROTESTS]
    assert protests and not any(event["reported"] for event in protests), brief(found)


@pytest.mark.parametrize(
    "text",
    [
        "4 قتلى في زلزال ضرب ولاية شمالية فجر اليوم",
        "لقي ثلاثة مزارعين حتفهم في سيول جارفة ضربت قرى جنوب البلاد أمس.",
    ],
    ids=["earthquake", "flood"],
)
def test_a_natural_disaster_that_strikes_is_no_attack(text: str) -> None:
    """«ضرب» said of an earthquake or a flood is no strike, and its dead are no political violence."""
    found = events(text)
    assert not [event for event in found if event["event_type"] == REMOTE], brief(found)
    assert not [event for event in found if event["reported"]], brief(found)


def test_an_airstrike_is_still_a_strike() -> None:
    found = events("ضرب الطيران الحربي مواقع للمسلحين في جبال حمرين فجر اليوم.")
    assert kinds(found) == [(REMOTE, "Air/drone strike")], brief(found)


def test_people_who_clash_with_an_army_are_rioters() -> None:
    """ACLED: a crowd of civilians fighting a force is a riot, its people the rioters."""
    found = events("واشتبك عشرات العراقيين مع قوات الأمن في ساحة التحرير ببغداد اليوم الاثنين.")
    riots = [event for event in found if event["event_type"] == RIOTS]
    assert riots, brief(found)
    assert riots[0]["actor1"]["name"].startswith("Rioters"), brief(found)


def test_civilians_killed_in_a_clash_stay_its_victims() -> None:
    found = events("قتل خمسة مدنيين في اشتباكات بين الجيش ومسلحين في حي الشعب اليوم الاثنين.")
    assert kinds(found) == [(BATTLES, "Armed clash")], brief(found)
