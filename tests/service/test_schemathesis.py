"""Schemathesis against the published OpenAPI schema: generated requests (valid and not) to every operation, as an
admin and as a member's analyst, and never a server error (issue 15: 0 server errors)."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from conftest import World, populate, start  # noqa: E402


@pytest.fixture(scope="module")
def fuzzed(base_warehouse, tmp_path_factory):
    app, client, s = start(base_warehouse, tmp_path_factory.mktemp("fuzz") / "state", "sqlite", max_runs=20,
                           rate_limit_per_minute=100_000)
    w = World(client, app, s)
    populate(w)
    yield schemathesis.openapi.from_asgi("/openapi.json", app), w
    client.__exit__(None, None, None)


@pytest.mark.parametrize("who", ["admin", "jpn"])
def test_no_server_errors(fuzzed, who):
    schema, w = fuzzed
    headers = {"Authorization": f"Bearer {w.keys[who]}"}
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 25
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        check()
