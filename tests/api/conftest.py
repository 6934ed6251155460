"""A store with the example reports and a few written by the team, served by a real `marsad serve`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.io.readers import read_jsonl_path
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from tests.serving import running_server
from tests.verdicts import NEWS_AND_MENTION, with_written_verdicts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports.jsonl"
TOKEN = "test-token-5f1c"

# Reports the team wrote for these tests: two outlets on one bombing, and an arrest (and, in
# tests/verdicts.py, a clash reported as news with a bombing only recalled).
TEAM_REPORTS = [
    {
        "id": "team-1",
        "source": "alsumaria",
        "url": "https://example.org/team-1",
        "published": "2024-03-11",
        "text": "قتل أربعة مدنيين وأصيب تسعة آخرون بانفجار سيارة مفخخة في سوق قضاء الخالص بمحافظة ديالى أمس الأحد.",
    },
    {
        "id": "team-2",
        "source": "shafaq",
        "url": "https://example.org/team-2",
        "published": "2024-03-11",
        "text": "أفادت مصادر أمنية بمقتل ستة مدنيين وإصابة تسعة بانفجار سيارة مفخخة في قضاء الخالص"
        " بمحافظة ديالى أمس الأحد.",
    },
    {
        "id": "team-3",
        "source": "ina",
        "published": "2024-04-02",
        "text": "اعتقلت قوة من الشرطة الاتحادية ثلاثة مطلوبين بتهم إرهابية في قضاء الحويجة بمحافظة كركوك"
        " اليوم الثلاثاء.",
    },
]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("api-store")
    team = folder / "team.jsonl"
    team.write_text("\n".join(json.dumps(report, ensure_ascii=False) for report in TEAM_REPORTS), "utf-8")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    engine = open_store(url)
    documents = [*read_jsonl_path(str(EXAMPLES)), *read_jsonl_path(str(team)), NEWS_AND_MENTION]
    report = ingest(engine, documents, extractor=with_written_verdicts)
    engine.dispose()
    assert report.failed == 0
    return url


@pytest.fixture(scope="module")
def server(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("api-log") / "serve.log"
    with running_server(store_url, token=TOKEN, log=log) as base:
        yield base
