"""The store the dashboard tests browse: the five seeds (read from ../shared at test time, never
copied), the example reports, a hostile document the team wrote, whose evidence carries markup, and
the team's document with one event reported as news and one only recalled (tests/verdicts.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from marsad.io.readers import read_jsonl_path
from marsad.model import Document
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from tests.shared_data import shared_path
from tests.verdicts import NEWS_AND_MENTION, with_written_verdicts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports.jsonl"

# Publication dates and outlets of the seeds; 000 and 002 report the same raid from two outlets.
SEEDS = {
    "000": (dt.date(2024, 9, 3), "aawsat"),
    "001": (dt.date(2020, 5, 11), "rudaw"),
    "002": (dt.date(2024, 9, 3), "alhurra"),
    "003": (dt.date(2020, 6, 23), "almada"),
    "004": (dt.date(2019, 9, 11), "shafaq"),
}

# Markup an attacker might plant in an article: it must show as text and never run. The first
# sentence reports an event (so it becomes evidence); its payloads avoid full stops, which end sentences.
HOSTILE_ID = "team-hostile-markup"
EVIDENCE_SCRIPT = "<script>window['__pwned']=1</script>"
EVIDENCE_IMG = "<img src=x onerror=\"window['__pwned']=1\">"
BODY_SCRIPT = "<script>window.__pwned=1</script>"
BODY_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE = Document(
    id=HOSTILE_ID,
    title='<b>لافتة</b> <img src=x onerror="window.__pwned=1">',
    published=dt.date(2025, 6, 2),
    source="test-wire",
    url="javascript:window.__pwned=1",
    text=(
        "قتل مسلحون مجهولون اثنين من المدنيين في بلدة طوزخورماتو يوم الأحد الماضي بعد أن رفعوا لافتة كتب عليها "
        f"{EVIDENCE_SCRIPT} و{EVIDENCE_IMG} أمام السوق. وكتب آخرون على الجدار {BODY_SCRIPT} و{BODY_IMG} في اليوم نفسه."
    ),
)


def seed_documents() -> list[Document]:
    folder = shared_path("seeds")
    documents = []
    for prefix, (published, source) in SEEDS.items():
        (path,) = folder.glob(f"{prefix}_*.txt")
        documents.append(
            Document(
                id=f"seed-{prefix}",
                text=path.read_text(encoding="utf-8"),
                published=published,
                source=source,
                url=f"https://example.org/{source}/seed-{prefix}",
            )
        )
    return documents


def build_store(folder: Path) -> str:
    """Ingest everything into a new SQLite store in `folder`; returns its URL."""
    url = f"sqlite:///{folder / 'dashboard.sqlite'}"
    engine = open_store(url)
    try:
        documents = [*seed_documents(), *read_jsonl_path(str(EXAMPLES)), HOSTILE, NEWS_AND_MENTION]
        report = ingest(engine, documents, extractor=with_written_verdicts)
    finally:
        engine.dispose()
    assert report.failed == 0, report.as_dict()
    return url
