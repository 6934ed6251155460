"""`marsad train …` and `marsad eval …`: the project's own statistical parts, trained offline on CPU,
and how they and the rules are measured."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

train_app = typer.Typer(help="Train the statistical parts from public corpora (offline, on CPU).", no_args_is_help=True)
eval_app = typer.Typer(help="Measure extraction against gold-standard files.", no_args_is_help=True)

SharedData = Annotated[
    Path,
    typer.Argument(
        help="The public data folder (../shared/data beside a checkout): each corpus in its own sub-folder.",
        show_default=False,
        metavar="DATA_DIR",
    ),
]


GsrDir = Annotated[Path, typer.Argument(help="The folder with assault_dev.csv and protest_dev.csv.", metavar="GSR_DIR")]
DEFAULT_GSR_DIR = Path("../shared/data/arabic_event_gsr_dev")
DEFAULT_CORPUS = Path("training/corpus")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"marsad: error: {message}", err=True)
    return typer.Exit(2)


def _require_dir(path: Path, what: str) -> None:
    if not path.is_dir():
        raise _fail(f"{path} is not a folder ({what})")


@train_app.command("ner")
def train_ner_command(
    data_dir: SharedData = Path("../shared/data"),
    out: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional
        typer.Option(help="Where to write the model and its card (default: the packaged model folder)."),
    ] = None,
) -> None:
    """Train the named-entity tagger (PER, ORG, LOC) on WikiFANE, the Wojood sample and IDRISI
    (licences that let the model ship) and print held-out F1 per type."""
    from marsad.recognize.ner import default_model_dir
    from marsad.train.ner import train_ner

    _require_dir(data_dir, "the shared data folder")
    report = train_ner(data_dir, out or default_model_dir())
    _print_scores(report.get("held_out", {}), "held-out")


@train_app.command("judge")
def train_judge_command(
    gsr_dir: GsrDir = DEFAULT_GSR_DIR,
    corpus: Annotated[
        Path, typer.Option(help="The team's coded articles: sub-folders with articles.jsonl and gold.jsonl.")
    ] = DEFAULT_CORPUS,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Where to write the models (default: the packaged marsad/judge/data folder)."),
    ] = None,
) -> None:
    """Train the news judge (sentence models, event judge, article judge) and print its scores.
    The same data give the same files, byte for byte."""
    from marsad.train.judge import train_judges

    _require_dir(gsr_dir, "the GSR folder")
    _require_dir(corpus, "the team's coded articles")
    try:
        report = train_judges(gsr_dir, corpus, out or packaged_judge_dir())
    except (ValueError, FileNotFoundError) as error:
        raise _fail(str(error)) from None
    for event_type, result in report["sentence_models"].items():
        cv = result["cross_validated"]
        figures = f"P={cv['precision']:.3f} R={cv['recall']:.3f} F1={cv['f1']:.3f}"
        typer.echo(f"sentence model {event_type}: cross-validated {figures}")
    for name in ("event_judge", "security_judge"):
        typer.echo(f"{name}: {report[name]}")


def packaged_judge_dir() -> Path:
    from importlib.resources import files

    return Path(str(files("marsad.judge.data")))


@train_app.command("confidence")
def train_confidence_command(
    gsr_dir: GsrDir = DEFAULT_GSR_DIR,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Where to write the weights (default: the packaged events/data/confidence.json)."),
    ] = None,
) -> None:
    """Fit event confidence to the gold set (a logistic regression over what supports each event)
    and print its calibration before and after, cross-validated."""
    from marsad.train.confidence import fit_confidence

    _require_dir(gsr_dir, "the GSR folder")
    try:
        report = fit_confidence(gsr_dir, out)
    except ValueError as error:
        raise _fail(str(error)) from None
    typer.echo(f"samples: {report['samples']} ({report['positives']} reported as news)")
    typer.echo(f"before: ECE {report['before']['ece']}, Brier {report['before']['brier']}")
    typer.echo(
        f"fitted (cross-validated): ECE {report['cross_validated']['ece']}, Brier {report['cross_validated']['brier']}"
    )
    typer.echo(f"weights written to {report['path']}")


@eval_app.command("gsr")
def eval_gsr_command(
    csv_file: Annotated[
        Path, typer.Argument(help="A GSR-format CSV (accept,event_type,id,label,…).", metavar="FILE.csv")
    ],
    cross_validate: Annotated[
        bool,
        typer.Option(
            "--cross-validate/--installed-model",
            help="Refit the judge without each fifth of FILE and score that fifth, in turn (for the file the "
            "judge was trained on); or use the shipped judge as it is (for any other file).",
        ),
    ] = True,
) -> None:
    """Precision, recall and F1 of Marsad on a GSR file: a sentence counts as positive when
    `marsad extract` gives it a reported event whose PLOVER event is the file's type."""
    from marsad.evaluate.events_gsr import evaluate_events_on_gsr
    from marsad.evaluate.gsr import one_annotator, read_gsr

    if not csv_file.is_file():
        raise _fail(f"{csv_file}: no such file")
    try:
        results = evaluate_events_on_gsr(csv_file, cross_validate=cross_validate)
    except (ValueError, FileNotFoundError) as error:
        raise _fail(str(error)) from None
    agreement = one_annotator(read_gsr(csv_file))
    if agreement is not None:  # the labels' own ceiling: how one of their annotators scores
        results["one annotator of the file (expected)"] = agreement
    for name, scores in results.items():
        typer.echo(
            f"{name:<36} P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f} "
            f"(tp={scores.tp} fp={scores.fp} fn={scores.fn})"
        )


@eval_app.command("articles")
def eval_articles_command(
    gold: Annotated[Path, typer.Argument(help="Coded articles: one JSON object per article (docs/evaluation.md).")],
    articles: Annotated[Path, typer.Argument(help="The articles' texts: id, title, content, date_extracted.")],
    details: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Write every article's matched pairs, misses and extras here (JSON Lines)."),
    ] = None,
) -> None:
    """Score what `marsad extract` gives on whole articles against events coded the ACLED way:
    event P/R/F1, field agreement over matched pairs, and the article verdict."""
    import json

    from marsad.evaluate.articles import GoldFormatError, read_coded_articles, score_articles
    from marsad.pipeline import extract

    for path in (gold, articles):
        if not path.is_file():
            raise _fail(f"{path}: no such file")
    try:
        coded = read_coded_articles(gold, articles)
    except GoldFormatError as error:
        raise _fail(str(error)) from None
    records = {article.document.id: extract(article.document).model_dump(mode="json") for article in coded}
    scores = score_articles(coded, records)
    for line in scores.lines():
        typer.echo(line)
    if details is not None:
        with details.open("w", encoding="utf-8") as handle:
            for row in scores.details:
                handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


@eval_app.command("places")
def eval_places_command(
    folder: Annotated[
        Path,
        typer.Argument(help="A folder of IDRISI-style JSON Lines (text + location_mentions), searched recursively."),
    ],
    pattern: Annotated[str, typer.Option(help="Which files to read.")] = "train.jsonl",
) -> None:
    """Precision, recall and F1 of location-mention recognition (exact spans and overlaps)."""
    from marsad.evaluate.places import score_files
    from marsad.geo.gazetteer import default_gazetteer

    files = sorted(folder.rglob(pattern)) if folder.is_dir() else []
    if not files:
        raise _fail(f"{folder}: no {pattern} files")
    gazetteer, problem = default_gazetteer()
    if problem:
        typer.echo(f"marsad: warning: {problem}", err=True)
    for kind, scores in score_files(files, gazetteer).items():
        typer.echo(
            f"{kind:<8} P={scores['precision']:.3f} R={scores['recall']:.3f} F1={scores['f1']:.3f} "
            f"(correct {scores['correct']}, predicted {scores['predicted']}, gold {scores['gold']})"
        )


@eval_app.command("ner")
def eval_ner_command(
    conll_file: Annotated[Path, typer.Argument(help="A CoNLL-style file: token TAG per line.", metavar="FILE")],
) -> None:
    """Entity-level precision, recall and F1 of the shipped tagger on a CoNLL-style file (ANERcorp,
    WikiFANE or Wojood format); MISC and other types count as outside."""
    from marsad.recognize.ner import NerTagger
    from marsad.train.ner import evaluate_ner

    if not conll_file.is_file():
        raise _fail(f"{conll_file}: no such file")
    try:
        report = evaluate_ner(NerTagger.load(), conll_file)
    except (ValueError, FileNotFoundError) as error:
        raise _fail(str(error)) from None
    _print_scores(report.get("scores", report), conll_file.name)


def _print_scores(scores: dict, label: str) -> None:
    for kind, values in scores.items():
        if isinstance(values, dict) and "f1" in values:
            typer.echo(f"{label} {kind:<6} P={values['precision']:.3f} R={values['recall']:.3f} F1={values['f1']:.3f}")
