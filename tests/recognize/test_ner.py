"""The statistical NER tagger: the shipped model, spans into the original text, the metric, the gold
readers and a training smoke test. Every Arabic sentence here was written for these tests."""

from __future__ import annotations

import json
import pickle
import time
from pathlib import Path

import pytest

from marsad.recognize.ner import Entity, NerTagger, coarse_tag, default_tagger
from marsad.text.normalize import normalize
from marsad.train.ner import entity_spans, evaluate_ner, gold_sentences, ner_scores, outermost_tags, train_ner


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


def entities_of(tagger: NerTagger, text: str) -> list[Entity]:
    found = tagger.entities(normalize(text))
    for entity in found:
        assert text[entity.start : entity.end] == entity.text
        assert 0.0 < entity.confidence <= 1.0
    return found


def texts(found: list[Entity], kind: str) -> list[str]:
    return [entity.text for entity in found if entity.type == kind]


# --- the shipped model ---------------------------------------------------------------------------


def test_shipped_model_loads_with_coarse_labels(tagger: NerTagger) -> None:
    assert set(tagger.labels) == {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    assert default_tagger() is default_tagger()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وقال السيد ماهر العبيدي إن الوضع الأمني مستقر في المنطقة.", "ماهر العبيدي"),
        ("وأكد اللواء حازم الكعبي أن القوات تواصل عمليات التفتيش.", "حازم الكعبي"),
    ],
)
def test_person_after_a_title(tagger: NerTagger, text: str, name: str) -> None:
    persons = texts(entities_of(tagger, text), "PER")
    assert any(name in person for person in persons), persons


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("سقطت ثلاث قذائف هاون على أطراف محافظة ديالى مساء أمس.", "ديالى"),
        ("انفجرت عبوة ناسفة قرب سوق شعبي في مدينة تلعفر صباح اليوم.", "تلعفر"),
    ],
)
def test_location_after_a_place_head(tagger: NerTagger, text: str, place: str) -> None:
    places = texts(entities_of(tagger, text), "LOC")
    assert any(place in found for found in places), places


def test_organisation(tagger: NerTagger) -> None:
    found = entities_of(tagger, "أعلنت وزارة الداخلية العراقية اعتقال خمسة مطلوبين في عملية أمنية.")
    assert any("وزارة الداخلية" in organisation for organisation in texts(found, "ORG")), found


def test_spans_point_into_the_original_text_with_harakat_and_tatweel(tagger: NerTagger) -> None:
    text = "وصرَّح السيّدُ ماهـــر العُبَيْدي بأنَّ الهجومَ فشل، وانسحبت القوات إلى مدينـة تلعفر."
    nt = normalize(text)
    found = entities_of(tagger, text)
    for entity in found:
        assert nt.text[entity.norm_start : entity.norm_end] == normalize(entity.text).text
        assert nt.span_to_original(entity.norm_start, entity.norm_end) == (entity.start, entity.end)
    persons = texts(found, "PER")
    assert any("ماهـــر العُبَيْدي" in person for person in persons), persons
    # a span never starts or ends on a diacritic or a tatweel cut in half
    assert all(not entity.text[0].isspace() and not entity.text[-1].isspace() for entity in found)


def test_tag_tokens_keeps_one_tag_per_given_token(tagger: NerTagger) -> None:
    tokens = ["وقال", "السيد", "ماهر", "العبيدي", "،", "رئيس", "لجنة", "الأمن", ":", '"', "لا", "تهديد", '"', "."]
    tags = tagger.tag_tokens(tokens)
    assert len(tags) == len(tokens)
    assert tags[2] == "B-PER" and tags[3] == "I-PER"
    assert all(tags[index] == "O" for index in (4, 8, 9, 12, 13))  # punctuation
    assert tagger.tag_tokens([]) == []


def test_no_text_no_entities(tagger: NerTagger) -> None:
    assert tagger.entities(normalize("")) == []
    assert tagger.entities(normalize(" .. ، \n")) == []


def test_pickles_for_workers(tagger: NerTagger) -> None:
    text = "وقال السيد ماهر العبيدي إن الوضع مستقر."
    copy = pickle.loads(pickle.dumps(tagger))
    assert copy.entities(normalize(text)) == tagger.entities(normalize(text))


def test_an_article_is_tagged_quickly(tagger: NerTagger) -> None:
    sentence = "وقال اللواء حازم الكعبي إن القوات الأمنية داهمت أوكارا في محيط مدينة تلعفر غربي محافظة نينوى. "
    nt = normalize(sentence * (2350 // len(sentence) + 1))
    tagger.entities(nt)
    began = time.perf_counter()
    for _ in range(10):
        tagger.entities(nt)
    assert (time.perf_counter() - began) / 10 < 0.02  # ~1 ms on a laptop; generous for slow CI machines


# --- metrics -------------------------------------------------------------------------------------


def test_entity_spans_read_iob_like_seqeval() -> None:
    assert entity_spans(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]) == {
        ("PER", 0, 2),
        ("LOC", 3, 5),
        ("LOC", 5, 6),
        ("ORG", 6, 7),
    }


def test_scores_on_a_hand_made_example() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    predicted = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "B-LOC"]]
    scores = ner_scores(gold, predicted)
    assert scores["PER"]["precision"] == 1.0 and scores["PER"]["recall"] == 1.0 and scores["PER"]["f1"] == 1.0
    assert scores["LOC"]["precision"] == 0.0 and scores["LOC"]["recall"] == 0.0 and scores["LOC"]["f1"] == 0.0
    assert scores["ORG"]["precision"] == 0.5 and scores["ORG"]["recall"] == 1.0
    assert scores["ORG"]["f1"] == pytest.approx(2 / 3)
    assert scores["micro"]["precision"] == 0.5 and scores["micro"]["recall"] == pytest.approx(2 / 3)
    assert scores["micro"]["f1"] == pytest.approx(4 / 7)
    assert (scores["micro"]["correct"], scores["micro"]["predicted"], scores["micro"]["support"]) == (2, 4, 3)


def test_a_partial_span_is_a_miss() -> None:
    scores = ner_scores([["B-PER", "I-PER", "I-PER"]], [["B-PER", "I-PER", "O"]])
    assert scores["PER"]["f1"] == 0.0


def test_coarse_tags() -> None:
    assert coarse_tag("B-PERS") == "B-PER"
    assert coarse_tag("I-GPE") == "I-LOC"
    assert coarse_tag("B-FAC") == "B-LOC"
    assert coarse_tag("B-Population-Center") == "B-LOC"
    assert coarse_tag("I-Politician") == "I-PER"
    assert coarse_tag("B-Government") == "B-ORG"
    assert coarse_tag("B-MISC") == "O"
    assert coarse_tag("B-Group") == "O"
    assert coarse_tag("B-NORP") == "O"
    assert coarse_tag("O") == "O"


def test_outermost_mapped_layer_wins() -> None:
    # an OCC layer (mapped to O) around an ORG with a GPE nested inside it
    columns = [["B-OCC"], ["I-OCC", "B-ORG"], ["I-OCC", "I-ORG", "B-GPE"], ["I-OCC"], ["O"]]
    assert outermost_tags(columns) == ["O", "B-ORG", "I-ORG", "O", "O"]


# --- reading gold files --------------------------------------------------------------------------


class _PlacesOnly:
    """A stand-in tagger that calls every token in ``places`` a location."""

    places = frozenset({"بعقوبة", "الرمادي"})

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        return ["B-LOC" if token in self.places else "O" for token in tokens]


def test_evaluate_reads_anercorp_format(tmp_path: Path) -> None:
    path = tmp_path / "aner.txt"
    path.write_text(
        "وصل O\nالوفد B-ORG\nإلى O\nبعقوبة B-LOC\n. O\n"
        "والتقى O\nسعيد B-PERS\nالجبوري I-PERS\nفي O\nالرمادي B-LOC\n. O\n"
        "وأشاد O\nبجهود O\nالفريق B-MISC\n. O\n",
        "utf-8",
    )
    sentences = gold_sentences(path)
    assert [len(tokens) for tokens, _ in sentences] == [5, 6, 4]
    assert sentences[1][1] == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    scores = evaluate_ner(_PlacesOnly(), path)  # type: ignore[arg-type]
    assert (scores["sentences"], scores["tokens"]) == (3, 15)
    assert scores["LOC"]["f1"] == 1.0
    assert scores["PER"]["support"] == 1 and scores["PER"]["recall"] == 0.0
    assert scores["micro"]["precision"] == 1.0 and scores["micro"]["recall"] == pytest.approx(2 / 4)


def test_evaluate_reads_blank_line_separated_nested_format(tmp_path: Path) -> None:
    path = tmp_path / "nested.txt"
    path.write_text(
        "استهدف O\nمخزنا O\nفي O\nالرمادي B-GPE\n. O\n\n"
        "وأعلن O\nمدير B-OCC\nشرطة I-OCC B-ORG\nبعقوبة I-OCC I-ORG B-GPE\n$#$ O\nالخبر O\n\n",
        "utf-8",
    )
    sentences = gold_sentences(path)
    assert [tokens for tokens, _ in sentences] == [
        ["استهدف", "مخزنا", "في", "الرمادي", "."],
        ["وأعلن", "مدير", "شرطة", "بعقوبة"],
        ["الخبر"],
    ]
    assert sentences[1][1] == ["O", "O", "B-ORG", "I-ORG"]
    scores = evaluate_ner(_PlacesOnly(), path)  # type: ignore[arg-type]
    assert scores["LOC"]["correct"] == 1 and scores["LOC"]["predicted"] == 2
    assert scores["ORG"]["support"] == 1


def test_evaluate_reads_wikifane_tab_format(tmp_path: Path) -> None:
    path = tmp_path / "fane.txt"
    lrm = "\u200e"
    rows = [
        f"{lrm}زار\tO",
        f"{lrm}الرمادي\tB-Population-Center",
        f"{lrm}وفد\tO",
        f"{lrm}من\tO",
        f"{lrm}اتحاد\tB-Sports",
        f"{lrm}الكرة\tI-Sports",
        ".\tO",
        "\t",
        f"{lrm}كتب\tO",
        f"{lrm}العراقيون\tB-Group",
        f"{lrm}عن\tO",
        f"{lrm}بعقوبة\tB-Population-Center",
        "\t",
    ]
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    sentences = gold_sentences(path)
    assert sentences[0] == (
        ["زار", "الرمادي", "وفد", "من", "اتحاد", "الكرة", "."],
        ["O", "B-LOC", "O", "O", "B-ORG", "I-ORG", "O"],
    )
    assert sentences[1][1] == ["O", "O", "O", "B-LOC"]
    scores = evaluate_ner(_PlacesOnly(), path)  # type: ignore[arg-type]
    assert scores["LOC"]["f1"] == 1.0 and scores["ORG"]["recall"] == 0.0


def test_evaluate_with_the_real_tagger(tmp_path: Path, tagger: NerTagger) -> None:
    path = tmp_path / "gold.txt"
    path.write_text("وقال O\nالسيد O\nماهر B-PERS\nالعبيدي I-PERS\nإن O\nالوضع O\nمستقر O\n. O\n", "utf-8")
    assert evaluate_ner(tagger, path)["PER"]["f1"] == 1.0


# --- training ------------------------------------------------------------------------------------

_FANE = [
    [
        ("التقى", "O"),
        ("السيد", "O"),
        ("نبيل", "B-Politician"),
        ("الحمداني", "I-Politician"),
        ("ب", "O"),
        ("وفد", "O"),
        ("من", "O"),
        ("وزارة", "B-Government"),
        ("الصحة", "I-Government"),
        (".", "O"),
    ],
    [
        ("زار", "O"),
        ("الوزير", "O"),
        ("سالم", "B-Politician"),
        ("الدليمي", "I-Politician"),
        ("مدينة", "O"),
        ("الفلوجة", "B-Population-Center"),
        ("و", "O"),
        ("قضاء", "O"),
        ("هيت", "B-County-or-District"),
        (".", "O"),
    ],
    [
        ("افتتحت", "O"),
        ("جامعة", "B-Educational"),
        ("الانبار", "I-Educational"),
        ("فرعا", "O"),
        ("في", "O"),
        ("بلدة", "O"),
        ("عانة", "B-Population-Center"),
        (".", "O"),
    ],
    [
        ("وصل", "O"),
        ("الشيخ", "O"),
        ("رعد", "B-Religious_PER"),
        ("السامرائي", "I-Religious_PER"),
        ("الى", "O"),
        ("محافظة", "O"),
        ("كركوك", "B-State-or-Province"),
        ("امس", "O"),
        (".", "O"),
    ],
]
_WOJOOD = [
    [("أعلن", "O"), ("حزب", "B-ORG"), ("الوفاق", "I-ORG"), ("مشاركته", "O"), ("في", "O"), ("الانتخابات", "O")],
    [
        ("سافر", "O"),
        ("المهندس", "B-OCC"),
        ("وليد", "I-OCC B-PERS"),
        ("حداد", "I-OCC I-PERS"),
        ("إلى", "O"),
        ("عمان", "B-GPE"),
        (".", "O"),
    ],
]
_IDRISI = [
    ("أمطار غزيرة في #المفرق و #الزرقاء الآن https://t.co/abc @someone", [("المفرق", "CITY"), ("الزرقاء", "CITY")]),
    ("إغلاق طريق الصحراوي قرب جسر القطرانة بسبب السيول", [("طريق الصحراوي", "ST"), ("جسر القطرانة", "HPOI")]),
    ("انقطاع الكهرباء في حي نزال وسط عمان", [("حي نزال", "NBHD"), ("عمان", "CITY")]),
]


def _write_tiny_shared_data(root: Path, copies: int) -> None:
    fane = root / "fane_gold_2014"
    fane.mkdir(parents=True)
    rows: list[str] = []
    for copy in range(copies):
        for sentence in _FANE:
            rows += [f"\u200e{token}\t{tag}" for token, tag in sentence]
            rows += [f"\u200e{copy}\tO", "\t"]  # a counter keeps the copies distinct sentences
    (fane / "WikiFANE_Gold_2014_500K.txt").write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    wojood = root / "wojood_sample"
    wojood.mkdir()
    lines = [
        f"{token} {tag}"
        for copy in range(copies)
        for sentence in _WOJOOD
        for token, tag in [*sentence, (str(copy), "O"), ("", "")]
    ]
    (wojood / "train.txt").write_text("\n".join(line.strip() for line in lines), "utf-8")
    tweets = root / "idrisi_lmr_arabic_gold" / "jordan_test"
    tweets.mkdir(parents=True)
    records = []
    for copy in range(copies):
        for text, places in _IDRISI:
            text = f"{text} {copy}"
            mentions = [
                {"text": place, "type": kind, "startIdx": text.index(place), "endIdx": text.index(place) + len(place)}
                for place, kind in places
            ]
            records.append(json.dumps({"text": text, "location_mentions": mentions}, ensure_ascii=False))
    (tweets / "train.jsonl").write_text("\n".join(records) + "\n", "utf-8")


def test_train_ner_smoke(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write_tiny_shared_data(data, copies=8)
    out = tmp_path / "model"
    report = train_ner(data, out, seed=0)
    model = out / "ner.crfsuite"
    assert model.exists() and report["model_bytes"] == model.stat().st_size
    # IDRISI's train files are where location recognition is scored, so the tagger never trains on them
    assert set(report["sources"]) == {"wikifane", "wojood"}
    assert report["train_sentences"] + report["held_out_sentences"] == 8 * (4 + 2)
    assert report["held_out_sentences"] > 0
    assert set(report["held_out"]) >= {"PER", "ORG", "LOC", "micro"}
    assert report["anercorp"] is None
    card = (out / "MODEL_CARD.md").read_text("utf-8")
    assert "CC BY-SA 3.0" in card and "marsad train ner" in card
    trained = NerTagger.load(model)
    found = trained.entities(normalize("زار الوزير سالم الدليمي مدينة الفلوجة."))
    assert ("PER", "سالم الدليمي") in {(entity.type, entity.text) for entity in found}


def test_train_ner_needs_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        train_ner(tmp_path, tmp_path / "model")
