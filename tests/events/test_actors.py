"""Actor roles as ACLED codes them: actor1 the agent, actor2 the target, associated actors, inter
codes and the interaction; unknown perpetrators; civilians as victims; a reporting source is never
an actor. Every sentence was written for these tests; published 2025-03-10 (Iraq/Syria)."""

from __future__ import annotations

import pytest

from tests.events._support import actor_id, brief, events, only_event


def sides(text: str) -> tuple[str | None, str | None]:
    event = only_event(text)
    return actor_id(event["actor1"]), actor_id(event["actor2"])


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(reason=reason, strict=True)


# --- agent and target by word order and cue words ---------------------------------------------------

ROLE_CASES = [
    pytest.param(
        "قصفت القوات التركية، اليوم الاثنين، مواقع لحزب العمال الكردستاني في منطقة الزاب بمحافظة دهوك.",
        ("turkey.military", "turkey.pkk"),
        id="agent-after-verb",
    ),
    pytest.param(
        "قتلت القوات الأميركية 15 عنصرا من داعش في عملية إنزال جوي بمحافظة الأنبار، اليوم الاثنين.",
        ("us.military", "intl.isis"),
        id="verb-subject-object",
    ),
    pytest.param(
        "قتل مدنيان، اليوم الاثنين، على يد مسلحين مجهولين في قرية الصدور بمحافظة ديالى.",
        ("unidentified_armed_group", "civilians"),
        id="agent-cue-ala-yad",
    ),
    pytest.param(
        "قتل ثلاثة جنود عراقيين، اليوم الاثنين، في هجوم شنه مسلحو داعش على موقع عسكري في قضاء طوزخورماتو.",
        ("intl.isis", "iraq.military"),
        id="agent-cue-shannahu",
    ),
    pytest.param(
        "شن الطيران التركي، اليوم الاثنين، غارات جوية ضد مواقع حزب العمال الكردستاني في جبال قنديل.",
        ("turkey.military", "turkey.pkk"),
        id="target-cue-didd",
    ),
    pytest.param(
        "اندلعت اشتباكات عنيفة، اليوم الاثنين، بين قوات البيشمركة ومسلحي حزب العمال الكردستاني في قضاء سنجار.",
        ("iraq.peshmerga", "turkey.pkk"),
        id="between-x-and-y",
    ),
    pytest.param(
        "وقعت اشتباكات بين القوات العراقية وعناصر داعش في منطقة مطيبيجة، اليوم الاثنين.",
        ("iraq.military", "intl.isis"),
        id="between-army-and-isis",
    ),
    pytest.param(
        "أعدم تنظيم داعش، اليوم الاثنين، خمسة مدنيين رميا بالرصاص في قرية تابعة لقضاء الحويجة.",
        ("intl.isis", "civilians"),
        id="execution-of-civilians",
    ),
    pytest.param(
        "انفجرت عبوة ناسفة على دورية للشرطة الاتحادية في قضاء الطارمية شمالي بغداد، صباح اليوم، ما أدى إلى "
        "إصابة ثلاثة منتسبين.",
        ("unidentified_armed_group", "iraq.federal_police"),
        id="target-cue-ala-with-implied-perpetrator",
    ),
    pytest.param(
        "استهدفت عبوة ناسفة، صباح اليوم، رتلا للجيش العراقي على الطريق الدولي في قضاء الرطبة.",
        ("unidentified_armed_group", "iraq.military"),
        id="target-of-istahdafa-with-li",
    ),
    pytest.param(
        "شن مسلحو داعش، فجر اليوم، هجوما مسلحا ضد قوات البيشمركة في قضاء مخمور، ما أسفر عن مقتل عنصرين.",
        ("intl.isis", "iraq.peshmerga"),
        id="attack-against-peshmerga",
    ),
    pytest.param(
        "قتل قيادي في حزب العمال الكردستاني بقصف بطائرة مسيرة تركية استهدف سيارته في قضاء سنجار غربي نينوى، "
        "مساء أمس الأحد.",
        ("turkey.military", "turkey.pkk"),
        id="passive-victim-then-drone",
    ),
    pytest.param(
        "قتل ثمانية عناصر من الجيش السوري في كمين نصبه مسلحو داعش في بادية حمص، اليوم الاثنين.",
        ("intl.isis", "syria.military"),
        id="agent-cue-nasabahu",
    ),
    pytest.param(
        "قتل 3 عناصر من تنظيم داعش بضربة جوية نفذتها القوة الجوية العراقية في وادي حوران، اليوم الاثنين.",
        ("iraq.air_force", "intl.isis"),
        id="agent-cue-naffadhat-ha",
    ),
    pytest.param(
        "داهمت قوة من جهاز مكافحة الإرهاب، فجر اليوم، وكرا لعناصر داعش في قرية الزوية بقضاء الدور واشتبكت معهم، "
        "ما أسفر عن مقتل ثلاثة إرهابيين.",
        ("iraq.cts", "intl.isis"),
        id="raid-subject-is-the-agent",
        marks=xfail(
            "the clash verb 'اشتبكت' of the second clause anchors the frame; events/actors.assign_roles takes the "
            "nearest actor of its own clause before it, the raided 'عناصر داعش', as agent, and the CTS (subject of "
            "the coordinated 'داهمت') is lost: actor1 and actor2 are both Islamic State"
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_CASES)
def test_actor_roles(text: str, expected: tuple[str, str]) -> None:
    assert sides(text) == expected, brief(events(text))


def test_between_pair_wins_over_a_generic_victim_noun() -> None:
    text = (
        "اندلعت اشتباكات بين قوات البيشمركة ومسلحي حزب العمال الكردستاني في قضاء سنجار، يوم ٩ آذار ٢٠٢٥، أسفرت عن "
        "مقتل ٤ مسلحين وإصابة جنديين."
    )
    assert sides(text) == ("iraq.peshmerga", "turkey.pkk"), brief(events(text))


def test_the_same_actor_is_never_on_both_sides() -> None:
    for param in ROLE_CASES:
        for event in events(param.values[0]):
            a1, a2 = actor_id(event["actor1"]), actor_id(event["actor2"])
            if param.marks:
                continue
            assert a1 is None or a1 != a2, brief([event])


def test_announcer_is_the_agent_of_a_verbal_noun_trigger() -> None:
    text = (
        "أعلنت قيادة العمليات المشتركة، اليوم الاثنين، استعادة السيطرة على قرية البو حمد في قضاء الشرقاط بعد "
        "معارك مع عناصر تنظيم داعش."
    )
    assert sides(text) == ("iraq.joc", "intl.isis"), brief(events(text))


def test_arrested_suspects_do_not_make_the_police_its_own_target() -> None:
    event = only_event("أعلنت الشرطة اعتقال 5 متهمين بتنفيذ الهجوم على مركز شرطة ناحية جلولاء في ديالى، اليوم الاثنين.")
    assert actor_id(event["actor1"]) == "iraq.police", brief([event])
    assert actor_id(event["actor2"]) != "iraq.police", brief([event])


# --- associated actors ------------------------------------------------------------------------------


def test_joint_forces_with_a_coordinated_demonym() -> None:
    event = only_event(
        "نفذت القوات الأميركية والعراقية، اليوم الاثنين، عملية إنزال جوي في جزيرة الحضر أسفرت عن مقتل 5 عناصر من داعش."
    )
    team = {actor_id(event["actor1"]), *(actor_id(a) for a in event["assoc_actor_1"])}
    assert team == {"us.military", "iraq.military"}, brief([event])
    assert actor_id(event["actor2"]) == "intl.isis"


def test_joint_forces_coordinated_by_wa() -> None:
    event = only_event(
        "نفذت القوات العراقية وقوات التحالف الدولي، اليوم الاثنين، عملية مشتركة في وادي حوران أسفرت عن مقتل 4 "
        "من مسلحي داعش."
    )
    team = {actor_id(event["actor1"]), *(actor_id(a) for a in event["assoc_actor_1"])}
    assert team == {"iraq.military", "intl.coalition"}, brief([event])
    assert actor_id(event["actor2"]) == "intl.isis"


# --- unknown perpetrators and civilians -------------------------------------------------------------


def test_unknown_gunmen_are_an_unidentified_armed_group() -> None:
    text = "اغتال مسلحون مجهولون، مساء أمس الأحد، ناشطا مدنيا بإطلاق نار أمام منزله في مدينة العمارة."
    event = only_event(text)
    actor1 = event["actor1"]
    assert actor1["id"] == "unidentified_armed_group"
    assert actor1["name"] == "Unidentified Armed Group (Iraq)"
    assert actor1["inter"] == 3
    assert actor1["text"] == "مسلحون مجهولون"
    assert text[actor1["span"][0] : actor1["span"][1]] == "مسلحون مجهولون"


def test_unclaimed_rocket_fire_has_an_implied_unidentified_group() -> None:
    event = only_event("سقطت ثلاث قذائف هاون على قرية الحديد في ناحية العظيم بمحافظة ديالى، اليوم الاثنين.")
    assert actor_id(event["actor1"]) == "unidentified_armed_group", brief([event])
    assert event["actor1"]["span"] is None  # implied: no words in the text name it
    assert event["interaction"] == 30


def test_unnamed_attackers_of_the_army_are_an_unidentified_armed_group() -> None:
    event = only_event("أسفر الهجوم عن مقتل 3 جنود وجرح 5 آخرين، اليوم الاثنين، في قضاء الطارمية.")
    assert event["event_type"] == "Battles", brief([event])
    assert (actor_id(event["actor1"]), actor_id(event["actor2"])) == ("unidentified_armed_group", "iraq.military")
    assert event["interaction"] == 13


def test_civilian_victims_make_violence_against_civilians() -> None:
    event = only_event("أطلق مسلحون مجهولون النار على سيارة مدنية في قضاء بلد، مساء أمس، ما أدى إلى مقتل مدنيين اثنين.")
    assert event["event_type"] == "Violence against civilians", brief([event])
    assert actor_id(event["actor1"]) == "unidentified_armed_group"
    assert actor_id(event["actor2"]) == "civilians"
    assert (event["inter1"], event["inter2"], event["interaction"]) == (3, 7, 37)


def test_civilians_killed_by_gunfire_of_unknown_gunmen() -> None:
    event = only_event("قتل ثلاثة مدنيين برصاص مسلحين مجهولين في قرية العوجة، مساء أمس الأحد.")
    assert event["event_type"] == "Violence against civilians", brief([event])
    assert (actor_id(event["actor1"]), actor_id(event["actor2"])) == ("unidentified_armed_group", "civilians")


@pytest.mark.xfail(
    reason="the accusative 'صحفيا' (tanween alef) is not a civilians alias (codebook/actors.json lists صحفي، "
    "صحفيين) and the lexicon does not fold the case ending, so the abducted journalist is no actor2",
    strict=True,
)
def test_abducted_journalist_is_a_civilian_victim() -> None:
    event = only_event("اختطف مسلحون مجهولون، مساء أمس الأحد، صحفيا في مدينة الحلة.")
    assert actor_id(event["actor2"]) == "civilians", brief([event])
    assert event["interaction"] == 37


# --- sources are not actors -------------------------------------------------------------------------


def test_security_media_cell_is_a_source_not_an_actor() -> None:
    event = only_event(
        "أعلنت خلية الإعلام الأمني، اليوم الاثنين، سقوط صاروخ كاتيوشا قرب مطار بغداد الدولي دون وقوع خسائر."
    )
    ids = {actor_id(event["actor1"]), actor_id(event["actor2"])}
    ids |= {actor_id(a) for a in event["assoc_actor_1"] + event["assoc_actor_2"]}
    assert "iraq.security_media_cell" not in ids, brief([event])
    assert actor_id(event["actor1"]) == "unidentified_armed_group"


def test_source_does_not_hide_the_named_attacker() -> None:
    event = only_event(
        "أفادت خلية الإعلام الأمني، في بيان، بمقتل 3 عناصر من داعش بضربة جوية للقوة الجوية العراقية في وادي "
        "الشاي، اليوم الاثنين."
    )
    assert (actor_id(event["actor1"]), actor_id(event["actor2"])) == ("iraq.air_force", "intl.isis"), brief([event])


def test_the_denier_is_not_the_actor_of_the_denied_strike() -> None:
    event = only_event(
        "نفت قيادة العمليات المشتركة، في بيان اليوم، الأنباء التي تحدثت عن قصف طائرات التحالف الدولي مواقع "
        "للحشد الشعبي قرب الحدود السورية."
    )
    assert event["modality"] == "negated"
    assert actor_id(event["actor1"]) == "intl.coalition", brief([event])


def test_organizing_a_protest_is_not_islamic_state() -> None:
    found = events("تعتزم تنسيقيات الاحتجاج تنظيم تظاهرات حاشدة قرب مبنى مجلس محافظة ذي قار الجمعة المقبلة.")
    assert found, "a planned protest is kept"
    for event in found:
        ids = {actor_id(event["actor1"]), actor_id(event["actor2"])}
        assert "intl.isis" not in ids, brief(found)


# --- inter codes and the interaction ----------------------------------------------------------------


def test_foreign_forces_in_iraq_are_external() -> None:
    """ACLED codes a state's forces acting in another country as inter 8 (external/other forces)."""
    event = only_event("قتلت القوات الأميركية 15 عنصرا من داعش في عملية إنزال جوي بمحافظة الأنبار، اليوم الاثنين.")
    assert (event["inter1"], event["inter2"], event["interaction"]) == (8, 2, 28), brief([event])


def test_turkish_shelling_in_dohuk_is_external() -> None:
    event = only_event("قصفت القوات التركية، اليوم الاثنين، مواقع لحزب العمال الكردستاني في منطقة الزاب بمحافظة دهوك.")
    assert (event["inter1"], event["inter2"], event["interaction"]) == (8, 2, 28), brief([event])


def test_state_against_rebels_is_12() -> None:
    event = only_event("وقعت اشتباكات بين القوات العراقية وعناصر داعش في منطقة مطيبيجة، اليوم الاثنين.")
    assert (event["inter1"], event["inter2"], event["interaction"]) == (1, 2, 12)


def test_state_arrests_alone_is_10() -> None:
    event = only_event("ألقت قوات الشرطة، اليوم الاثنين، القبض على ثلاثة مطلوبين بتهم إرهابية في قضاء الفلوجة.")
    assert actor_id(event["actor1"]) == "iraq.police"
    assert (event["inter1"], event["inter2"], event["interaction"]) == (1, None, 10)


def test_protest_actor1_is_protesters() -> None:
    event = only_event(
        "تظاهر المئات من سكان مدينة الناصرية، اليوم الاثنين، أمام مبنى المحافظة للمطالبة بتوفير فرص العمل."
    )
    assert actor_id(event["actor1"]) == "protesters", brief([event])
    assert (event["inter1"], event["interaction"]) == (6, 60)


def test_violent_crowd_is_rioters() -> None:
    event = only_event(
        "اقتحم محتجون غاضبون مبنى مجلس محافظة البصرة وأضرموا النار في أجزاء منه، اليوم الاثنين، احتجاجا على "
        "انقطاع الكهرباء."
    )
    assert event["event_type"] == "Riots", brief([event])
    assert actor_id(event["actor1"]) == "rioters", brief([event])
    assert (event["inter1"], event["interaction"]) == (5, 50)


def test_sit_in_with_no_named_crowd_is_protesters() -> None:
    event = only_event("نظم العشرات من الخريجين وقفة احتجاجية أمام مبنى وزارة التعليم العالي في بغداد، اليوم الاثنين.")
    assert actor_id(event["actor1"]) == "protesters", brief([event])
    assert (event["inter1"], event["interaction"]) == (6, 60)
