"""Property-based requests generated from the API's own OpenAPI schema: whatever the parameters,
the server answers without a 5xx (schemathesis strategies, against the real uvicorn process)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import TOKEN

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
