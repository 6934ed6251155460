"""Actors across the region, the way an ACLED coder names them: state forces of every country with
their period, the Yemen war's sides in 2015, named groups inside group nouns, generic forces taking
the country of the event, who is only a speaker, victims, crowds. Every sentence was written for
these tests by the Marsad team."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.events._support import actor_id, brief, events, only_event

SUMMER_2015 = dt.date(2015, 7, 25)  # a Saturday


def sides(text: str, published: dt.date = SUMMER_2015) -> tuple[str | None, str | None]:
    event = only_event(text, published)
    return actor_id(event["actor1"]), actor_id(event["actor2"])


def actor1_name(text: str, published: dt.date = SUMMER_2015) -> str:
    event = only_event(text, published)
    return event["actor1"]["name"]


# --- a named group inside a group noun --------------------------------------------------------------


def test_gunmen_of_a_named_group_are_that_group() -> None:
    event = only_event("هاجم مسلحون من داعش نقطة تفتيش في ناحية العظيم بمحافظة ديالى.")
    assert actor_id(event["actor1"]) == "intl.isis", brief([event])
    assert event["actor1"]["name"] == "Islamic State (Iraq)"
    assert event["actor1"]["text"] == "مسلحون من داعش"


@pytest.mark.parametrize(
    "text",
    [
        "أطلق عناصر من تنظيم داعش قذائف هاون على قرية في قضاء طوزخورماتو، صباح اليوم.",
        "اختطف مسلحون تابعون لتنظيم داعش ثلاثة رعاة قرب بحيرة الثرثار، مساء أمس.",
    ],
)
def test_members_tied_to_a_group_are_the_group(text: str) -> None:
    found = events(text)
    assert found and actor_id(found[0]["actor1"]) == "intl.isis", brief(found)


# --- state forces of every country, generated from the codebook's nationality adjectives -----------


@pytest.mark.parametrize(
    ("text", "actor", "name"),
    [
        (
            "ألقت قوات الأمن التونسية القبض على أربعة متشددين في ولاية سيدي بوزيد، اليوم السبت.",
            "tunisia.police",
            "Police Forces of Tunisia (2014-2019)",
        ),
        (
            "فككت الشرطة المغربية خلية متطرفة واعتقلت خمسة من أعضائها في مدينة فاس، اليوم السبت.",
            "morocco.police",
            "Police Forces of Morocco (1999-)",
        ),
        (
            "قصف الجيش المصري مواقع لمسلحين في مدينة الشيخ زويد بشمال سيناء، اليوم السبت.",
            "egypt.military",
            "Military Forces of Egypt (2014-)",
        ),
        (
            "اعتقلت السلطات الأمنية البحرينية ستة مطلوبين في قرية قرب المنامة، اليوم السبت.",
            "bahrain.police",
            "Police Forces of Bahrain (1999-)",
        ),
    ],
)
def test_forces_of_the_region_by_their_adjective(text: str, actor: str, name: str) -> None:
    found = events(text, SUMMER_2015)
    assert found, "an event"
    assert actor_id(found[0]["actor1"]) == actor, brief(found)
    assert found[0]["actor1"]["name"] == name
    assert found[0]["actor1"]["inter"] == 1


def test_generic_security_forces_take_the_country_of_the_sentence() -> None:
    event = only_event("ألقت قوات الأمن القبض على ثلاثة متشددين في مدينة سوسة، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor1"]) == "tunisia.police", brief([event])


def test_generic_army_takes_the_country_of_the_sentence() -> None:
    event = only_event("قصف الجيش مواقع للمسلحين في مدينة العريش، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor1"]) == "egypt.military", brief([event])


def test_iraqi_security_forces_are_the_military() -> None:
    """ACLED codes Iraq's unspecified security forces as Military Forces of Iraq: the local reading
    of «القوات الأمنية» wins over the universal one (police)."""
    event = only_event("اشتبكت القوات الأمنية مع مسلحين في قضاء الطارمية شمالي بغداد، اليوم الاثنين.")
    assert actor_id(event["actor1"]) == "iraq.military", brief([event])


def test_a_soldier_named_by_a_singular_noun_is_the_victim() -> None:
    event = only_event("قتل جندي تركي برصاص مسلحين في ولاية شرناق جنوب شرق تركيا، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor2"]) == "turkey.military", brief([event])
    assert actor_id(event["actor1"]) == "unidentified_armed_group"
    assert event["event_type"] == "Battles"


def test_a_country_that_shells_is_its_military() -> None:
    event = only_event("قصفت تركيا مواقع لحزب العمال الكردستاني في جبال قنديل، اليوم السبت.", SUMMER_2015)
    assert sides_of(event) == ("turkey.military", "turkey.pkk")


def test_the_nationality_of_a_strike_names_its_air_force() -> None:
    event = only_event("قتل ثمانية جنود أفغان في غارة أميركية على حاجز للجيش في ولاية لوغار، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor1"]) == "us.military", brief([event])
    assert actor_id(event["actor2"]) == "afghanistan.military"


def sides_of(event: dict) -> tuple[str | None, str | None]:
    return actor_id(event["actor1"]), actor_id(event["actor2"])


# --- Yemen, 2015 ---------------------------------------------------------------------------------------


def test_houthis_of_2015_are_the_houthi_saleh_forces() -> None:
    """ACLED's name for the Houthi authorities' forces while Saleh fought with them; a coder's
    "Houthis" and this name agree (the scorer's loose match)."""
    name = actor1_name("قصف الحوثيون حي الشيخ عثمان في مدينة عدن بقذائف الهاون، اليوم السبت.")
    assert name == "Military Forces of Yemen (2015-2017) Houthi-Saleh"


def test_houthis_after_saleh_are_the_houthi_forces() -> None:
    name = actor1_name("قصف الحوثيون حي الشيخ عثمان في مدينة عدن بقذائف الهاون، اليوم السبت.", dt.date(2019, 3, 9))
    assert name == "Military Forces of Yemen (2017-) Houthi"


def test_popular_resistance_ambush() -> None:
    text = "نصبت المقاومة الشعبية كمينا لدورية تابعة للحوثيين في مديرية دار سعد بعدن، اليوم السبت."
    assert sides(text) == ("yemen.popular_resistance", "yemen.houthis")


def test_pro_government_forces_are_hadis_military() -> None:
    event = only_event("استعادت القوات الموالية للرئيس هادي السيطرة على مواقع في شمال عدن، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor1"]) == "yemen.military", brief([event])
    assert event["actor1"]["name"] == "Military Forces of Yemen (2012-2022)"


def test_coalition_strikes_in_yemen_are_saudi_arabias() -> None:
    """In a report about Yemen «التحالف» is the Saudi-led coalition, and the genitive of the strike
    noun is its doer."""
    event = only_event("استهدفت غارات التحالف مخازن أسلحة للحوثيين في محافظة صعدة، اليوم السبت.", SUMMER_2015)
    assert sides_of(event) == ("saudi.military", "yemen.houthis")


# --- speakers, victims, crowds --------------------------------------------------------------------------


def test_the_army_that_reports_is_not_the_attacker() -> None:
    event = only_event(
        "قال الجيش التركي في بيان إن متمردين أكرادا هاجموا مخفرا للدرك في ولاية هكاري، اليوم السبت.", SUMMER_2015
    )
    assert actor_id(event["actor1"]) != "turkey.military", brief([event])


def test_an_authority_announcing_its_own_dead_did_not_kill_them() -> None:
    event = only_event(
        "أعلنت السلطات التركية مقتل شرطيين اثنين في انفجار عبوة ناسفة في ولاية ماردين، اليوم السبت.", SUMMER_2015
    )
    assert actor_id(event["actor1"]) == "unidentified_armed_group", brief([event])
    assert actor_id(event["actor2"]) == "turkey.police"


def test_those_called_upon_to_act_are_not_the_attackers() -> None:
    found = events("وطالب المحافظ القوات الأمنية بملاحقة المسلحين الذين هاجموا قرية في ناحية العظيم، اليوم الاثنين.")
    assert found
    assert all(actor_id(event["actor1"]) != "iraq.military" for event in found), brief(found)


def test_civilians_are_never_the_agents_of_violence() -> None:
    event = only_event("قال سكان إن الحوثيين قصفوا أحياء سكنية في مدينة تعز، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor1"]) == "yemen.houthis", brief([event])


def test_the_doer_after_a_reporting_verb_and_a_complementizer() -> None:
    event = only_event("أفاد مواطنون بأن الحوثيين قصفوا أحياء سكنية في مدينة تعز، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor1"]) == "yemen.houthis", brief([event])


def test_police_dispersing_a_protest_are_actor2() -> None:
    event = only_event(
        "فرقت الشرطة الموريتانية مظاهرة نظمها عشرات الناشطين أمام وزارة العدل في نواكشوط، اليوم السبت.",
        SUMMER_2015,
    )
    assert actor_id(event["actor1"]) == "protesters", brief([event])
    assert event["actor1"]["name"] == "Protesters (Mauritania)"
    assert actor_id(event["actor2"]) == "mauritania.police"


def test_an_arrest_of_group_members_is_the_states() -> None:
    event = only_event("أعلنت وزارة الداخلية الكويتية القبض على أربعة عناصر من تنظيم داعش، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor1"]) == "kuwait.police", brief([event])
    assert actor_id(event["actor2"]) == "intl.isis"
    assert event["actor2"]["name"] == "Islamic State (Kuwait)"


def test_renamed_group_carries_the_name_of_the_date() -> None:
    text = "هاجمت جبهة النصرة مقرا لفصيل معارض قرب مدينة اعزاز في ريف حلب الشمالي، اليوم السبت."
    assert actor1_name(text) == "Jabhat al Nusra"
    assert actor1_name(text, dt.date(2018, 3, 10)) == "HTS: Hayat Tahrir al Sham"


def test_both_sides_named_by_their_dead() -> None:
    event = only_event(
        "قتل 7 من مسلحي الحوثيين و4 من رجال المقاومة الشعبية في اشتباكات بمحافظة لحج، اليوم السبت.", SUMMER_2015
    )
    assert {actor_id(event["actor1"]), actor_id(event["actor2"])} == {"yemen.houthis", "yemen.popular_resistance"}


def test_the_striking_air_force_of_a_clause_with_another_attack_noun() -> None:
    """The strike noun that follows names its doer even when another explosion noun heads the frame."""
    event = only_event(
        "أعلنت قيادة العمليات المشتركة مقتل 12 من عناصر داعش وتدمير سيارة مفخخة بقصف لطيران التحالف الدولي في قضاء "
        "بيجي، اليوم الاثنين."
    )
    assert actor_id(event["actor1"]) == "intl.coalition", brief([event])


def test_a_bare_aircraft_name_is_the_air_force_named_before() -> None:
    found = events(
        "شنت المقاتلات التركية غارات على مواقع لحزب العمال الكردستاني في جبال قنديل، أمس الجمعة. وأضاف البيان أن "
        "الطائرات قصفت اليوم السبت مخازن للذخيرة في منطقة الزاب شمالي العراق.",
        SUMMER_2015,
    )
    assert len(found) >= 2, brief(found)
    assert {actor_id(event["actor1"]) for event in found} == {"turkey.military"}, brief(found)


def test_a_generic_force_refers_back_to_the_force_named_with_its_head_noun() -> None:
    found = events(
        "قصفت القوات التركية مواقع لحزب العمال الكردستاني في جبال قنديل، أمس الجمعة. وقال البيان إن القوات "
        "المسلحة ضربت اليوم السبت أهدافا أخرى للحزب في منطقة الزاب شمالي العراق.",
        SUMMER_2015,
    )
    assert {actor_id(event["actor1"]) for event in found} == {"turkey.military"}, brief(found)


def test_the_security_forces_do_not_refer_back_to_a_foreign_army() -> None:
    found = events(
        "قتلت القوات الأميركية خمسة مسلحين في عملية إنزال بمحافظة الأنبار، أمس الأحد. واعتقلت القوات الأمنية "
        "اليوم الاثنين ثلاثة مطلوبين في مدينة الرمادي."
    )
    arrest = next(event for event in found if event["sub_event_type"] == "Arrests")
    assert actor_id(arrest["actor1"]) == "iraq.military", brief(found)


def test_the_aircraft_an_attack_is_done_with_are_its_doers() -> None:
    event = only_event("قصف ريف إدلب الجنوبي بالطيران الحربي، اليوم السبت، ما أدى إلى مقتل ثلاثة مدنيين.", SUMMER_2015)
    assert actor_id(event["actor1"]) == "syria.air_force", brief([event])


def test_the_side_coordinated_with_the_dead_is_counted_with_them() -> None:
    event = only_event(
        "قتل 6 من الحوثيين وقوات صالح في هجوم على حاجز لهم في مديرية صرواح بمأرب، اليوم السبت.", SUMMER_2015
    )
    assert actor_id(event["actor1"]) == "unidentified_armed_group", brief([event])
    assert actor_id(event["actor2"]) == "yemen.houthis"


def test_an_agent_cue_of_an_earlier_event_is_not_this_ones() -> None:
    event = only_event(
        "قتل جنديان تركيان في انفجار سيارة مفخخة في ولاية ديار بكر اليوم السبت، ويأتي الهجوم غداة غارات شنها "
        "الطيران الحربي التركي على مواقع للحزب.",
        SUMMER_2015,
    )
    assert actor_id(event["actor1"]) == "unidentified_armed_group", brief([event])


def test_the_sides_of_a_clash_split_where_the_first_side_ends() -> None:
    event = only_event(
        "تدور اشتباكات عنيفة بين قوات النظام والمسلحين الموالين لها من جهة، والفصائل المعارضة من جهة أخرى في ريف "
        "درعا، اليوم السبت.",
        SUMMER_2015,
    )
    assert (actor_id(event["actor1"]), actor_id(event["actor2"])) == ("syria.assad_forces", "syria.opposition_rebels")


def test_a_states_own_arms_are_not_its_target() -> None:
    event = only_event("قصف النظام ريف حماة الشمالي بالطيران الحربي والمدفعية الثقيلة، اليوم السبت.", SUMMER_2015)
    assert actor_id(event["actor2"]) in (None, "civilians"), brief([event])


def test_the_official_quoted_is_not_the_bomber() -> None:
    event = only_event(
        "ونقلت وكالة الأنباء عن مدير شرطة المحافظة قوله إن قنبلة محلية الصنع انفجرت قرب دورية أمنية في قرية "
        "العكر، اليوم السبت.",
        SUMMER_2015,
    )
    assert actor_id(event["actor1"]) == "unidentified_armed_group", brief([event])


def test_the_two_sides_are_those_of_the_clash_told_before() -> None:
    found = events(
        "اندلعت اشتباكات عنيفة بين الحوثيين والمقاومة الشعبية في مديرية صرواح بمأرب، أمس الجمعة. وتجددت "
        "الاشتباكات بين الطرفين اليوم السبت في مديرية الجوبة، وأسفرت عن مقتل 11 حوثيا.",
        SUMMER_2015,
    )
    today = [event for event in found if event["event_date"] == "2015-07-25"]
    assert today, brief(found)
    assert actor_id(today[0]["actor1"]) == "yemen.popular_resistance", brief(found)
    assert actor_id(today[0]["actor2"]) == "yemen.houthis"


def test_the_internationally_recognised_government_fights_with_its_military() -> None:
    event = only_event(
        "اتهمت جماعة مسلحة الحكومة المعترف بها دوليا بأنها قصفت ميناء مدينة درنة، اليوم السبت.", SUMMER_2015
    )
    assert actor_id(event["actor1"]) == "libya.military", brief([event])


def test_a_state_named_next_to_the_dead_of_its_enemy_is_not_counted_with_them() -> None:
    found = events("قتلى حوثيون في تعز والتحالف يقصف تجمعاتهم في محافظة حجة، اليوم السبت.", SUMMER_2015)
    assert any(actor_id(event["actor1"]) == "saudi.military" for event in found), brief(found)
