"""Modality: news (asserted), denials (negated), fears and threats (hypothetical), plans (planned)
and earlier events mentioned in passing (background). A threat is not an attack, a denial negates,
an old attack is not new news. Every sentence was written for these tests; published 2025-03-10."""

from __future__ import annotations

from tests.events._support import asserted, asserted_of, brief, events, kinds


def modalities(text: str) -> list[str]:
    found = events(text)
    assert found, "the report mentions an event of its own kind: it must be kept, with its modality"
    return [event["modality"] for event in found]


# --- asserted ---------------------------------------------------------------------------------------


def test_dated_report_is_asserted() -> None:
    assert modalities("قصفت المدفعية التركية، اليوم الاثنين، قرى حدودية في ناحية كاني ماسي بمحافظة دهوك.") == [
        "asserted"
    ]


def test_negation_of_the_outcome_does_not_negate_the_attack() -> None:
    """لم تسفر عن إصابات: the bomb went off; only the casualties are denied."""
    found = events("انفجرت عبوة ناسفة على طريق زراعي في قضاء الخالص، اليوم الاثنين، لكنها لم تسفر عن إصابات.")
    assert [event["modality"] for event in found] == ["asserted"], brief(found)
    assert found[0]["fatalities"] is None
    assert found[0]["injured"] is None


def test_demand_after_a_protest_does_not_make_it_planned() -> None:
    """للمطالبة is what the protesters want, not a plan to protest."""
    assert modalities(
        "تظاهر المئات من سكان مدينة الناصرية، اليوم الاثنين، أمام مبنى المحافظة للمطالبة بتوفير فرص العمل."
    ) == ["asserted"]


# --- negated ----------------------------------------------------------------------------------------


def test_ministry_denies_shelling() -> None:
    assert modalities(
        "نفت وزارة الدفاع التركية، اليوم الاثنين، قصف قرى مأهولة بالسكان في ناحية كاني ماسي بمحافظة دهوك."
    ) == ["negated"]


def test_denial_of_reports_of_an_abduction() -> None:
    assert modalities("كذبت وزارة الداخلية العراقية الأنباء عن اختطاف مواطنين في قضاء المقدادية.") == ["negated"]


def test_negated_verb_trigger() -> None:
    assert modalities("لم تقصف القوات التركية أي قرية في قضاء العمادية اليوم، بحسب مسؤول محلي.") == ["negated"]


def test_nobody_was_killed_is_not_a_killing() -> None:
    found = events("وأكد مدير الناحية أن أحدا لم يقتل في القرية خلال الأسبوع الماضي.")
    assert not asserted_of(found), brief(found)
    assert all(event["fatalities"] is None for event in found)


def test_denied_responsibility_negates_the_assassination_claim() -> None:
    assert modalities("نفى الحشد الشعبي مسؤوليته عن اغتيال الناشط في مدينة كربلاء.") == ["negated"]


# --- hypothetical -----------------------------------------------------------------------------------


def test_fear_of_an_attack_is_not_an_attack() -> None:
    found = events("يخشى مسؤولون أمنيون في محافظة الحسكة أن يشن تنظيم داعش هجوما واسعا على السجون التي تضم عناصره.")
    assert not asserted_of(found), brief(found)


def test_warning_of_possible_car_bombs() -> None:
    assert modalities("حذرت مصادر أمنية من احتمال وقوع تفجيرات بسيارات مفخخة في العاصمة بغداد خلال موسم الزيارة.") == [
        "hypothetical"
    ]


def test_may_shell() -> None:
    assert modalities("قد تقصف الطائرات التركية مواقع حزب العمال الكردستاني في جبال قنديل إذا فشلت المفاوضات.") == [
        "hypothetical"
    ]


def test_may_attack_with_a_date() -> None:
    assert modalities("قال مسؤول كردي إن مسلحي التنظيم قد يهاجمون مخيم الهول اليوم الاثنين.") == ["hypothetical"]


def test_residents_fear_new_shelling() -> None:
    assert modalities("يخشى سكان القرى الحدودية في قضاء زاخو من قصف تركي جديد يطال منازلهم.") == ["hypothetical"]


# --- planned ----------------------------------------------------------------------------------------


def test_will_shell() -> None:
    assert modalities(
        "أعلنت القوات التركية أنها ستقصف مواقع حزب العمال الكردستاني في جبال قنديل خلال الأيام المقبلة."
    ) == ["planned"]


def test_will_attack_tomorrow() -> None:
    found = events("سيهاجم مسلحو داعش قرى سنجار غدا، وفقا لتحذيرات أطلقها مسؤولون محليون.")
    assert found, "a dated plan of an attack is kept as planned"
    assert [event["modality"] for event in found] == ["planned"], brief(found)
    assert found[0]["event_date"] == "2025-03-11"


def test_intends_an_operation_next_week() -> None:
    assert modalities(
        "تعتزم القوات التركية شن عملية عسكرية واسعة ضد مسلحي حزب العمال الكردستاني في قضاء سنجار الأسبوع المقبل."
    ) == ["planned"]


def test_call_for_a_protest_next_friday() -> None:
    found = events("دعت تنسيقيات الاحتجاج إلى تظاهرة كبرى في ساحة الحبوبي بمدينة الناصرية يوم الجمعة المقبل.")
    assert kinds(found) == [("Protests", "Peaceful protest")], brief(found)
    assert found[0]["modality"] == "planned"
    assert found[0]["event_date"] == "2025-03-14"


# --- background -------------------------------------------------------------------------------------


def test_had_been_attacked_last_year() -> None:
    assert modalities("وكان المطار قد تعرض لهجوم بطائرة مسيرة مفخخة العام الماضي دون أن يسفر عن خسائر بشرية.") == [
        "background"
    ]


def test_date_years_before_publication_is_background() -> None:
    found = events("وفي 21 تموز 2016 قتل أكثر من 300 شخص في تفجير انتحاري استهدف حي الكرادة وسط بغداد.")
    assert [event["modality"] for event in found] == ["background"], brief(found)
    assert found[0]["event_date"] == "2016-07-21"


def test_regained_city_in_2015_is_background() -> None:
    found = events("وكانت القوات العراقية قد استعادت السيطرة على مدينة الرمادي أواخر عام 2015.")
    assert kinds(found) == [("Battles", "Government regains territory")], brief(found)
    assert found[0]["modality"] == "background"


def test_news_and_background_in_one_report() -> None:
    text = (
        "قتل ثلاثة جنود عراقيين، اليوم الاثنين، في هجوم شنه مسلحو داعش على موقع عسكري في قضاء طوزخورماتو.\n\n"
        "وكانت المنطقة قد شهدت في 12 أيلول 2023 هجوما مماثلا أسفر عن مقتل جنديين."
    )
    found = events(text)
    assert sorted(event["modality"] for event in found) == ["asserted", "background"], brief(found)
    news = asserted(text)
    assert news[0]["fatalities"] == 3
    assert news[0]["event_date"] == "2025-03-10"


# --- an event named as a reference ------------------------------------------------------------------


def test_an_event_named_after_a_temporal_preposition_is_background() -> None:
    """بعد الهجوم dates what the sentence reports (the arrests) by an earlier attack."""
    found = events("اعتقلت قوات الأمن، اليوم الاثنين، أربعة مشتبه بهم بعد الهجوم على سوق الخضار في بعقوبة.")
    assert [event["sub_event_type"] for event in asserted_of(found)] == ["Arrests"], brief(found)
    assert len(found) == 2, "the attack is kept, as background"


def test_an_investigation_of_an_assassination_is_not_an_assassination() -> None:
    assert modalities("تواصل لجنة التحقيق في اغتيال رجل الأعمال عملها وسط انتقادات من ذويه.") == ["background"]


def test_a_crime_named_in_a_court_case_is_background() -> None:
    assert modalities("أجلت المحكمة الجنائية النظر في جريمة اختطاف الطبيب إلى الشهر المقبل.") == ["background"]


def test_fighting_a_kind_of_violence_is_not_an_event() -> None:
    assert modalities("ناقش المجلس سبل مكافحة الخطف في أحياء العاصمة.") == ["background"]


def test_a_protest_against_an_arrest_reports_the_protest_not_the_arrest() -> None:
    found = events("تظاهر العشرات من طلبة الجامعة، اليوم الاثنين، في الديوانية احتجاجا على اعتقال زميل لهم.")
    assert [event["sub_event_type"] for event in asserted_of(found)] == ["Peaceful protest"], brief(found)


def test_casualties_reported_before_the_cause_keep_the_cause_asserted() -> None:
    """قتل جنديان بعد انفجار عبوة: the bomb is what killed them, reported by this sentence."""
    found = events("قتل جنديان، اليوم الاثنين، بعد انفجار عبوة ناسفة استهدفت دوريتهما قرب الرطبة.")
    assert [event["modality"] for event in found] == ["asserted"], brief(found)
    assert found[0]["fatalities"] == 2


def test_a_report_beside_a_reference_of_the_same_kind_is_asserted() -> None:
    """عمليات الخطف names the kind; قام مسلحون بخطف … reports one."""
    found = events("وتكررت عمليات الخطف في المدينة، ففي حي الجامعة قام مسلحون مجهولون، اليوم الاثنين، بخطف صاحب متجر.")
    assert [event["modality"] for event in found] == ["asserted"], brief(found)
    assert found[0]["sub_event_type"] == "Abduction/forced disappearance"


# --- the charge of an arrest ----------------------------------------------------------------------


def test_the_attack_an_arrested_man_is_tied_to_is_the_charge_not_an_event() -> None:
    found = events("تعتقل المخابرات العامة منذ يوم الجمعة عم منفذ الهجوم على مركزين للشرطة في مدينة الحلة.")
    assert [event["modality"] for event in found if event["sub_event_type"] == "Arrests"][:1] == ["asserted"], brief(
        found
    )
    others = [event for event in found if event["sub_event_type"] != "Arrests"]
    assert others and all(event["modality"] == "background" for event in others), brief(found)


def test_a_clash_with_its_dead_after_an_arrest_is_still_an_event() -> None:
    found = events(
        "اعتقلت قوات الأمن اليوم الاثنين ثلاثة مطلوبين في حي الجهاد، واندلعت خلال العملية اشتباكات أسفرت "
        "عن مقتل شرطي وإصابة اثنين."
    )
    assert ("Battles", "asserted") in {(e["event_type"], e["modality"]) for e in found}, brief(found)


# --- a toll told as a reference -----------------------------------------------------------------


def test_a_recalled_toll_takes_its_bombing_with_it() -> None:
    found = events(
        "وشنت الشرطة حملة مداهمات واسعة اليوم الاثنين بعد مقتل 19 شخصا في تفجير انتحاري الجمعة الماضية في "
        "بلدة حدودية."
    )
    bombings = [event for event in found if event["sub_event_type"] == "Suicide bomb"]
    assert bombings and all(event["modality"] == "background" for event in bombings), brief(found)
    assert not [event for event in found if event["modality"] == "asserted" and event["fatalities"]], brief(found)


def test_an_agreement_on_air_cover_is_no_airstrike() -> None:
    found = events("واتفق الجانبان اليوم الاثنين على توفير غطاء جوي لقوات المعارضة في الشمال.")
    assert not [event for event in found if event["event_type"] == "Explosions/Remote violence"], brief(found)
