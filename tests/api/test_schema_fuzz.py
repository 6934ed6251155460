"""Property-based requests generated from the API's own OpenAPI schema: whatever the parameters,
the server answers without a 5xx (schemathesis strategies, against the real uvicorn process)."""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import TOKEN
from tests.fuzz import fuzz_settings

EXAMPLES_PER_OPERATION = 40


def test_no_operation_answers_with_a_server_error(server: str) -> None:
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,  # the same requests in every CI run
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            # writes carry the token, so that generated documents reach ingestion too
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.text[:300]}")

        check()
    assert not failures, "\n".join(failures[:10])


# Beyond the schema: raw query strings with what no schema-driven generator sends (bytes that are
# not UTF-8, control characters, repeated and unknown parameters, huge numbers, NaN in a bbox).
ENDPOINTS = ["/api/events", "/api/stats", "/api/search", "/api/deletions", "/api/events/x", "/api/documents/x"]
PARAMETERS = ["since", "until", "event_type", "actor", "admin1", "q", "bbox", "reported", "limit", "offset"]
PARAMETERS += ["format", "view", "unknown"]
RAW_VALUES = st.one_of(
    st.text(max_size=40).map(lambda text: quote(text, safe="")),
    st.binary(max_size=12).map(lambda data: "".join(f"%{byte:02X}" for byte in data)),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["nan", "inf", "-0", "1e309", "2024-02-30", "0000-01-01", "9999-12-31", "NaN,NaN,NaN,NaN"]),
    st.sampled_from(["1,2,3", "-200,-100,200,100", ",,,", "%00", "%E2%80%AE", "x" * 600, "all", "parquet"]),
)
QUERIES = st.lists(st.tuples(st.sampled_from(PARAMETERS), RAW_VALUES), max_size=5).map(
    lambda pairs: "&".join(f"{name}={value}" for name, value in pairs)
)


@cache
def _client(server: str) -> httpx.Client:
    return httpx.Client(base_url=server, timeout=60)  # one kept-alive connection for every example


@fuzz_settings(1000)
@given(st.sampled_from(ENDPOINTS), QUERIES)
def test_raw_query_strings_never_give_a_server_error(server: str, path: str, query: str) -> None:
    response = _client(server).get(f"{path}?{query}")
    assert response.status_code < 500, (path, query, response.text[:300])
    if response.status_code == 200 and response.headers["content-type"].startswith("application/json"):
        response.json()
