"""Tests for the sentence model of the news judge (marsad.judge.sentence, marsad.train.sentence) and
marsad.paths. Every sentence here was written for these tests."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from marsad.judge.sentence import FeatureConfig, SentenceModel, packaged_model, sentence_cues
from marsad.paths import data_dir
from marsad.text.normalize import normalize_string
from marsad.train.sentence import best_f1_threshold, fit_sentence_model, keyword_baseline, train_sentence_models
from tests.gsr_files import write_gsr
from tests.shared_data import shared_path

ASSAULT_YES = [
    "قتل ثلاثة مدنيين وأصيب خمسة آخرون اليوم الثلاثاء في انفجار عبوة ناسفة استهدفت سوقا شعبيا وسط مدينة الرمادي.",
    "أعلنت الشرطة مقتل جنديين في هجوم مسلح على نقطة تفتيش شمال بغداد فجر اليوم.",
    "لقي أربعة أشخاص حتفهم مساء أمس عندما فتح مسلحون النار على حافلة ركاب قرب الموصل.",
    "أفادت مصادر أمنية بأن انتحاريا فجر نفسه صباح اليوم داخل مسجد في كركوك ما أسفر عن مقتل عشرة مصلين.",
    "اغتال مسلحون مجهولون ضابطا في الجيش أمام منزله في حي الجامعة الليلة الماضية.",
    "أصيب سبعة جنود بجروح في كمين نصبه مسلحون لدورية عسكرية على طريق تكريت اليوم الأحد.",
    "قصفت طائرات حربية قرية في ريف إدلب صباح اليوم ما أدى إلى مقتل طفلين وإصابة امرأة.",
    "اختطف مسلحون صحفيا محليا من سيارته وسط البصرة مساء أمس بحسب ما ذكرت الشرطة.",
    "قتل شرطي وجرح اثنان آخران في اشتباك مع مسلحين هاجموا مركز الشرطة في بعقوبة فجر الاثنين.",
    "انفجرت سيارة مفخخة قرب سوق للخضار في الحلة ظهر اليوم مما أدى إلى مقتل ستة أشخاص.",
    "ذكرت وكالة الأنباء أن قذيفة هاون سقطت على مدرسة في حمص اليوم فقتلت تلميذين.",
    "هاجم مسلحون قافلة إغاثة على الطريق الدولي مساء الخميس وأحرقوا ثلاث شاحنات وقتلوا سائقا.",
    "أطلق قناص النار على مزارع في حقله قرب الحدود صباح اليوم فأرداه قتيلا.",
    "طعن رجل ثلاثة مارة بسكين في شارع تجاري بالعاصمة مساء الجمعة قبل أن تعتقله الشرطة.",
    "قالت مصادر طبية إن ثمانية أشخاص قتلوا في غارة جوية استهدفت منزلا في المدينة الليلة الماضية.",
]
ASSAULT_NO = [
    "نفى المتحدث باسم وزارة الداخلية وقوع أي هجوم على مركز الشرطة وقال إن الأنباء شائعات لا أساس لها.",
    "يخشى سكان الحي من تجدد الهجمات بعد انسحاب القوات من المنطقة خلال الأشهر المقبلة.",
    "حذر زعيم الجماعة من أنه سيشن هجمات على المصالح الأجنبية إذا لم تطلق الحكومة سراح المعتقلين.",
    "تراجع عدد ضحايا التفجيرات بنسبة عشرين في المئة خلال العام الماضي بحسب تقرير سنوي للأمم المتحدة.",
    "افتتح وزير التربية مدرسة جديدة في المدينة التي كانت قد شهدت تفجيرا داميا قبل ثلاثة أعوام.",
    "يرى محللون أن العنف الطائفي يهدد مستقبل العملية السياسية في البلاد.",
    "التقى رئيس الوزراء وفدا من رجال الأعمال لبحث سبل تشجيع الاستثمار في قطاع الطاقة.",
    "أدان مجلس الأمن بشدة الهجوم الذي وقع الأسبوع الماضي ودعا إلى تقديم المسؤولين عنه إلى العدالة.",
    "أحيا الأهالي الذكرى العاشرة للمجزرة التي راح ضحيتها عشرات المدنيين في القرية.",
    "قالت الحكومة إنها ستعزز الإجراءات الأمنية لمنع أي هجمات محتملة خلال موسم الانتخابات.",
    "ارتفعت أسعار النفط في الأسواق العالمية اليوم بسبب المخاوف من نقص الإمدادات.",
    "دعا الرئيس إلى الحوار الوطني ونبذ العنف من أجل حماية الوحدة الوطنية.",
    "صدر حكم بالسجن عشر سنوات على متهم بالتخطيط لتفجير سفارة أجنبية عام ألفين وخمسة.",
    "فاز المنتخب الوطني على منافسه بثلاثة أهداف مقابل هدف في مباراة ودية أمس.",
    "لم تسجل أي حوادث أمنية في المحافظة خلال أيام العيد بحسب قائد الشرطة.",
]
PROTEST_YES = [
    "تظاهر آلاف الطلاب اليوم أمام مبنى البرلمان في العاصمة احتجاجا على رفع الرسوم الجامعية.",
    "اعتصم مئات العمال صباح اليوم أمام مقر الشركة مطالبين بصرف رواتبهم المتأخرة.",
    "خرج المئات في مسيرة سلمية وسط المدينة مساء أمس رافعين لافتات تندد بالفساد.",
    "نظم المعلمون وقفة احتجاجية أمام وزارة التربية اليوم للمطالبة بزيادة الأجور.",
    "أضرب سائقو سيارات الأجرة عن العمل اليوم احتجاجا على ارتفاع أسعار الوقود.",
    "احتشد المتظاهرون في الساحة الرئيسية بعد صلاة الجمعة وهتفوا بشعارات تطالب بالإصلاح.",
    "قالت الشرطة إن نحو ألفي شخص تظاهروا أمس أمام السفارة احتجاجا على الرسوم المسيئة.",
    "قطع محتجون غاضبون الطريق الرئيسي بالإطارات المشتعلة صباح اليوم احتجاجا على انقطاع الكهرباء.",
    "تجمع عشرات الصحفيين أمام مقر النقابة اليوم تضامنا مع زميلهم المعتقل.",
    "واصل الأطباء إضرابهم لليوم الثالث على التوالي في المستشفيات الحكومية.",
]
PROTEST_NO = [
    "دعت أحزاب المعارضة إلى تنظيم مظاهرة حاشدة يوم الجمعة المقبل.",
    "نفت الداخلية خروج أي مظاهرات في المدينة وقالت إن الوضع هادئ.",
    "يخشى المسؤولون من أن تتحول الاحتجاجات إلى أعمال عنف خلال الصيف المقبل.",
    "كانت المدينة قد شهدت احتجاجات واسعة العام الماضي بسبب البطالة.",
    "يرى مراقبون أن موجة الاحتجاجات تعكس أزمة اقتصادية عميقة.",
    "افتتح المحافظ مستشفى جديدا في المدينة بحضور عدد من المسؤولين.",
    "قررت الحكومة رفع أسعار الخبز ابتداء من الشهر المقبل.",
    "أعلنت النقابة أنها ستنظم اعتصاما مفتوحا إذا لم تستجب الحكومة لمطالبها.",
    "وقع البلدان اتفاقية للتعاون الاقتصادي خلال زيارة الرئيس.",
    "ارتفعت نسبة البطالة بين الشباب إلى ثلاثين في المئة بحسب إحصاءات رسمية.",
]
# Clear cases the models never see in training.
HELD_OUT_YES = [
    "قتل خمسة جنود وأصيب ثلاثة آخرون في هجوم مسلح استهدف دورية عسكرية قرب سامراء صباح اليوم.",
    "أعلنت مصادر أمنية مقتل شرطيين في انفجار عبوة ناسفة شرق بغداد مساء أمس.",
]
HELD_OUT_NO = [
    "ناقش البرلمان مشروع قانون الموازنة العامة للعام المقبل في جلسة مطولة.",
    "وقعت الشركة عقدا لبناء محطة كهرباء جديدة في جنوب البلاد.",
]


def assault_texts() -> tuple[list[str], list[bool]]:
    return ASSAULT_YES + ASSAULT_NO, [True] * len(ASSAULT_YES) + [False] * len(ASSAULT_NO)


@pytest.fixture(scope="module")
def assault_model() -> SentenceModel:
    texts, labels = assault_texts()
    return fit_sentence_model("ASSAULT", texts, labels, tune_threshold=True)


# --- the classifier ----------------------------------------------------------------------------------


def test_model_separates_clear_cases(assault_model: SentenceModel) -> None:
    yes = assault_model.predict_proba(HELD_OUT_YES)
    no = assault_model.predict_proba(HELD_OUT_NO)
    assert min(yes) > max(no)
    assert all(p > 0.5 for p in yes) and all(p < 0.5 for p in no)
    texts, labels = assault_texts()
    assert assault_model.predict(texts) == labels  # it fits its own training data
    assert 0.0 < assault_model.threshold < 1.0


def test_single_sentence_path_matches_batch(assault_model: SentenceModel) -> None:
    batch = assault_model.predict_proba(HELD_OUT_YES + HELD_OUT_NO)
    assert [assault_model.probability(t) for t in HELD_OUT_YES + HELD_OUT_NO] == batch
    matrix = assault_model._featurizer.matrix(HELD_OUT_YES + HELD_OUT_NO)
    assert assault_model._proba_matrix(matrix) == pytest.approx(batch, abs=1e-9)  # training path agrees
    with pytest.raises(TypeError):
        assault_model.predict_proba("جملة واحدة")


def test_features_ignore_spelling_variants() -> None:
    model = SentenceModel("ASSAULT")
    plain, plain_values = model._featurizer.features("قتل 3 جنود في هجوم على نقطة تفتيش")
    marked, marked_values = model._featurizer.features("قُتِل ٧ جنودٍ في هجومٍ على نقطة تفتيش")
    assert plain.tolist() == marked.tolist() and plain_values.tolist() == marked_values.tolist()


def test_hashing_is_pinned() -> None:
    # Saved models depend on these exact buckets: a change here needs a new FORMAT_VERSION.
    config = FeatureConfig(char_ngrams=(2, 5), word_ngrams=(1, 2), cue_weight=1.0, lead_tokens=3)
    indices, values = SentenceModel("ASSAULT", config)._featurizer.features("قتل جنديان في هجوم.")
    assert len(indices) == 68
    assert sorted(indices.tolist())[:4] == [1216, 7236, 8781, 13038]
    assert sorted(indices.tolist())[-3:] == [259997, 262150, 262151]  # the last two: casualty and attack cues
    assert float(np.abs(values).sum()) == pytest.approx(12.95276, abs=1e-5)


def test_untrained_model_and_bad_input() -> None:
    with pytest.raises(RuntimeError, match="not trained"):
        SentenceModel("ASSAULT").probability("نص")
    with pytest.raises(ValueError, match="both positive and negative"):
        fit_sentence_model("ASSAULT", ASSAULT_YES[:3], [True] * 3)
    with pytest.raises(ValueError, match="labels"):
        fit_sentence_model("ASSAULT", ASSAULT_YES[:3], [True])


def test_cue_words_are_matched_through_clitics() -> None:
    cues = sentence_cues()

    def categories(text: str) -> set[str]:
        return {cues.names[k] for k in cues.categories(normalize_string(text).split())}

    assert {"past", "attack"} <= categories("وكان قد تعرض لإطلاق النار")
    assert "negation" in categories("ونفت الوزارة الخبر")
    assert "casualty" in categories("والقتلى بالعشرات")
    assert "protest" in categories("للمتظاهرين")
    assert "recent_time" in categories("صباح الأربعاء")
    assert categories("افتتح الوزير المعرض") == set()


def test_best_f1_threshold() -> None:
    # Cutting after the third score gives 2 tp, 1 fp, 0 fn: F1 0.8, the best cut.
    assert best_f1_threshold([0.9, 0.8, 0.7, 0.4, 0.1], [True, False, True, False, False]) == pytest.approx(0.55)
    assert best_f1_threshold([0.3, 0.3, 0.2], [True, False, False]) == pytest.approx(0.25)  # ties decide together
    assert best_f1_threshold([0.2, 0.1], [False, False]) == 1.0


def test_keyword_baseline() -> None:
    assault = keyword_baseline("ASSAULT")
    assert assault(ASSAULT_YES[0]) and assault(ASSAULT_NO[0])  # it cannot tell news from a denial
    assert not assault(HELD_OUT_NO[0])
    assert keyword_baseline("PROTEST")(PROTEST_YES[0])


# --- storage -----------------------------------------------------------------------------------------


def test_save_load_round_trip(tmp_path: Path, assault_model: SentenceModel) -> None:
    path = assault_model.save(tmp_path / "models" / "assault.npz")
    loaded = SentenceModel.load(path)
    sentences = HELD_OUT_YES + HELD_OUT_NO + ASSAULT_NO
    assert loaded.predict_proba(sentences) == assault_model.predict_proba(sentences)  # bit for bit
    assert loaded.threshold == assault_model.threshold
    assert loaded.event_type == "ASSAULT"
    assert loaded.config == assault_model.config
    assert not list(path.parent.glob("*.part"))


def test_saved_model_holds_no_training_text(tmp_path: Path, assault_model: SentenceModel) -> None:
    path = assault_model.save(tmp_path / "assault.npz")
    raw = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
        assert sorted(members) == ["coef.npy", "config.npy", "intercept.npy"]
    blobs = [raw, *members.values()]
    texts, _ = assault_texts()
    for text in texts:
        for word in {*text.split(), *normalize_string(text).split()}:
            if len(word) >= 3:
                for blob in blobs:
                    assert word.encode() not in blob
    with np.load(path, allow_pickle=False) as saved:
        config = saved["config"].tobytes().decode()
    assert not any("\u0600" <= ch <= "\u06ff" for ch in config)  # no Arabic at all in the config
    json.loads(config)
    assault_model.metadata = {"note": ASSAULT_YES[0]}
    try:
        with pytest.raises(ValueError, match="Arabic"):
            assault_model.save(tmp_path / "leaky.npz")
    finally:
        assault_model.metadata = {}
    assert not (tmp_path / "leaky.npz").exists()


def test_load_rejects_other_files_and_warns_on_changed_cues(tmp_path: Path, assault_model: SentenceModel) -> None:
    path = assault_model.save(tmp_path / "assault.npz")
    with np.load(path, allow_pickle=False) as saved:
        arrays = {name: saved[name] for name in saved.files}
    config = json.loads(arrays["config"].tobytes())
    config["cues"]["sha256"] = "0" * 64
    arrays["config"] = np.frombuffer(json.dumps(config).encode(), dtype=np.uint8)
    np.savez_compressed(tmp_path / "changed.npz", **arrays)
    with pytest.warns(UserWarning, match="retrain"):
        SentenceModel.load(tmp_path / "changed.npz")
    config["format"] = "something-else"
    arrays["config"] = np.frombuffer(json.dumps(config).encode(), dtype=np.uint8)
    np.savez_compressed(tmp_path / "other.npz", **arrays)
    with pytest.raises(ValueError, match="not a"):
        SentenceModel.load(tmp_path / "other.npz")


# --- training and locations --------------------------------------------------------------------------


def test_train_sentence_models_writes_models(tmp_path: Path) -> None:
    gsr = tmp_path / "gsr"
    gsr.mkdir()
    write_gsr(gsr / "assault_dev.csv", "ASSAULT", ASSAULT_YES, ASSAULT_NO)
    write_gsr(gsr / "protest_dev.csv", "PROTEST", PROTEST_YES, PROTEST_NO)
    report = train_sentence_models(gsr, tmp_path / "models", folds=3)
    assert sorted(report) == ["ASSAULT", "PROTEST"]
    assault = report["ASSAULT"]
    assert (assault["sentences"], assault["positives"]) == (30, 15)  # the ambiguous row is not used
    cv = assault["cross_validated"]
    assert cv["tp"] + cv["fn"] == 15 and cv["tp"] + cv["fp"] + cv["fn"] + cv["tn"] == 30
    assert assault["baseline"]["recall"] == 1.0
    model = SentenceModel.load(tmp_path / "models" / "sentence_assault.npz")
    assert Path(assault["path"]) == tmp_path / "models" / "sentence_assault.npz"
    assert model.threshold == pytest.approx(assault["threshold"])
    assert model.metadata["cross_validated"] == cv
    protest = SentenceModel.load(tmp_path / "models" / "sentence_protest.npz")
    assert protest.probability(PROTEST_YES[0]) > protest.threshold


def test_training_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    gsr = tmp_path / "gsr"
    gsr.mkdir()
    write_gsr(gsr / "assault_dev.csv", "ASSAULT", ASSAULT_YES, ASSAULT_NO)
    train_sentence_models(gsr, tmp_path / "first", folds=3)
    train_sentence_models(gsr, tmp_path / "second", folds=3)
    first = (tmp_path / "first" / "sentence_assault.npz").read_bytes()
    assert first == (tmp_path / "second" / "sentence_assault.npz").read_bytes()


def test_the_package_ships_both_sentence_models() -> None:
    for event_type in ("ASSAULT", "PROTEST"):
        model = packaged_model(event_type)
        assert model is not None and model.event_type == event_type
        assert "arabic_event_gsr_dev" in model.metadata["trained_on"]
    assert packaged_model("ASSAULT").probability(HELD_OUT_YES[0]) > packaged_model("ASSAULT").probability(
        HELD_OUT_NO[0]
    )


def test_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "explicit"
    monkeypatch.delenv("MARSAD_DATA_DIR")
    assert data_dir() == tmp_path / "xdg" / "marsad"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / ".local" / "share" / "marsad"
    assert not (tmp_path / "home").exists()  # computing the path creates nothing


# --- the real development data -----------------------------------------------------------------------


@pytest.mark.slow
def test_classifier_beats_keyword_baseline_on_gsr_dev(tmp_path: Path) -> None:
    source = shared_path("data", "arabic_event_gsr_dev", "assault_dev.csv")
    gsr = tmp_path / "gsr"
    gsr.mkdir()
    (gsr / "assault_dev.csv").symlink_to(source)
    report = train_sentence_models(gsr, tmp_path / "models")["ASSAULT"]
    assert report["cross_validated"]["f1"] > report["baseline"]["f1"] + 0.2
    assert report["cross_validated"]["f1"] > 0.45
