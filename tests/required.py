"""Components the tests need (the shared data, PostgreSQL, Chromium, the built dashboard): without
one, its tests skip on a user's machine and fail in CI (CI=true), where everything must be present."""

from __future__ import annotations

import os

import pytest


def require(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI needs it", pytrace=False)
    pytest.skip(message)
