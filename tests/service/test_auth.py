"""auth.py: the in-memory cache of verified keys never outlives a revocation made through this process, honours
expiry on every request, and picks up a change made elsewhere (another process, a direct edit) within its TTL."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from chokepoints.service import auth
from chokepoints.service.db import ApiKey
from conftest import World, populate, start


def test_a_cached_key_revoked_by_an_admin_stops_at_once(world: World):
    assert world.get("observer", "/v1/me").status_code == 200  # verified: now answered from memory
    key_id = world.keys["observer"].split("_")[1]
    assert world.delete("admin", f"/v1/keys/{key_id}").status_code == 200
    assert world.get("observer", "/v1/me").status_code == 401
    assert world.get("observer", "/v1/status").status_code == 401


def test_a_revoked_key_is_not_cached_again_by_a_request_that_raced_the_revocation(world: World):
    from chokepoints.service.auth import Principal, _Verified, digest

    cache = world.app.state.service.keys
    p = Principal(user_id=1, name="x", role="admin", member=None, key_id="k1")
    cache.revoke("k1")
    cache.add(digest("ck_k1_secret"), _Verified(p, None, "h", time.monotonic()))  # read before the revocation
    assert cache.principal(digest("ck_k1_secret")) is None
    assert not cache.verified(digest("ck_k1_secret"), "h")


def test_a_cached_key_expires_on_time(world: World, monkeypatch):
    r = world.post("admin", f"/v1/users/{world.users['eu']}/keys", json={"expires_in_days": 1})
    key = r.json()["key"]
    h = {"Authorization": f"Bearer {key}"}
    assert world.client.get("/v1/me", headers=h).status_code == 200  # cached
    later = datetime.now(UTC) + timedelta(days=1, seconds=1)
    monkeypatch.setattr(auth, "utcnow", lambda: later)
    assert world.client.get("/v1/me", headers=h).status_code == 401


def test_a_change_made_elsewhere_takes_effect_within_the_ttl(base_warehouse, tmp_path):
    app, client, s = start(base_warehouse, tmp_path / "state", "sqlite", key_cache_s=0.3)
    w = World(client, app, s)
    populate(w)
    assert w.get("jpn", "/v1/me").status_code == 200
    key_id = w.keys["jpn"].split("_")[1]
    with app.state.service.sessions.begin() as sess:  # another process revokes it in the shared database
        sess.execute(update(ApiKey).where(ApiKey.id == key_id).values(revoked_at=datetime.now(UTC)))
    time.sleep(0.4)
    # the first request after the ttl is answered from memory while the key's row is re-read behind it ...
    assert w.get("jpn", "/v1/me").status_code == 200
    keys = app.state.service.keys
    deadline = time.monotonic() + 10
    while keys._refreshing and time.monotonic() < deadline:
        time.sleep(0.01)
    # ... and from the next one on, the revocation holds
    assert w.get("jpn", "/v1/me").status_code == 401
    # a key not re-read for 3 x ttl waits for the database: the revocation holds at once
    assert w.get("eu", "/v1/me").status_code == 200
    eu_id = w.keys["eu"].split("_")[1]
    with app.state.service.sessions.begin() as sess:
        sess.execute(update(ApiKey).where(ApiKey.id == eu_id).values(revoked_at=datetime.now(UTC)))
    time.sleep(1.0)
    assert w.get("eu", "/v1/me").status_code == 401
    client.__exit__(None, None, None)


def test_scrypt_runs_once_per_key_not_per_request(world: World, monkeypatch):
    calls = []
    real = auth.hash_secret
    monkeypatch.setattr(auth, "hash_secret", lambda *a: calls.append(1) or real(*a))
    world.app.state.service.keys.ttl = 0.0  # every request reads the row again ...
    for _ in range(5):
        assert world.get("jpn2", "/v1/me").status_code == 200
    assert len(calls) == 1  # ... but verifies the secret once
    bad = world.keys["jpn2"][:-3] + "xyz"  # the right id, a wrong secret: never taken from the cache
    for _ in range(2):
        assert world.client.get("/v1/me", headers={"Authorization": f"Bearer {bad}"}).status_code == 401
    assert len(calls) == 3


def test_a_flood_of_wrong_secrets_stops_paying_scrypt(world: World, monkeypatch):
    calls = []
    real = auth.hash_secret
    monkeypatch.setattr(auth, "hash_secret", lambda *a: calls.append(1) or real(*a))
    good = world.keys["observer"]
    assert world.get("observer", "/v1/me").status_code == 200  # verified (and cached) before the flood
    bad = good[:-3] + "zzz"
    for _ in range(auth.MAX_FAILURES + 15):
        assert world.client.get("/v1/me", headers={"Authorization": f"Bearer {bad}"}).status_code == 401
    assert len(calls) <= 1 + auth.MAX_FAILURES  # the flood past the limit costs no scrypt
    assert world.get("observer", "/v1/me").status_code == 200  # the owner's verified key still works
