"""Identity: API keys (hashed at rest with a per-key salt, shown once), roles, and a per-key rate limit.

A key reads `ck_<id>_<secret>`: `id` (public, the database row) finds the key, `secret` is checked against its
scrypt hash. A key verified once is remembered in memory by its SHA-256 for a minute, so scrypt's deliberate cost
is paid once per key and minute, not per request; revoking or expiring a key takes effect at once (the row is read
every request).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from chokepoints.service.db import ApiKey, User

ROLES = ("admin", "analyst", "observer")
ALLIANCE = "alliance"  # the scope of what every role may read
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def hash_secret(secret: str, salt: bytes) -> str:
    return hashlib.scrypt(secret.encode(), salt=salt, maxmem=64 * 1024 * 1024, **_SCRYPT).hex()


def new_key(session: Session, user: User, *, label: str = "", expires_at: datetime | None = None) -> tuple[str, ApiKey]:
    """A new key for USER: (the key, shown once; its row, which holds only salt and hash)."""
    key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(24)
    salt = secrets.token_bytes(16)
    row = ApiKey(id=key_id, user_id=user.id, salt=salt.hex(), hash=hash_secret(secret, salt), label=label,
                 expires_at=expires_at)
    session.add(row)
    return f"ck_{key_id}_{secret}", row


@dataclass(frozen=True)
class Principal:
    """Who calls: the user, their role and member (analysts only), and the key used."""

    user_id: int
    name: str
    role: str
    member: str | None
    key_id: str

    @property
    def scope(self) -> str:
        """What this principal's writes belong to: its member (analysts) or the alliance."""
        return self.member if self.role == "analyst" and self.member else ALLIANCE

    def can_read(self, scope: str) -> bool:
        return scope == ALLIANCE or (self.role == "analyst" and scope == self.member)


def _aware(t: datetime | None) -> datetime | None:
    return t.replace(tzinfo=UTC) if t is not None and t.tzinfo is None else t  # SQLite forgets the zone


class KeyCache:
    """Keys verified recently: sha256(key) -> time verified."""

    def __init__(self, ttl: float = 60.0):
        self.ttl, self._seen, self._lock = ttl, {}, threading.Lock()

    def fresh(self, digest: str) -> bool:
        with self._lock:
            t = self._seen.get(digest)
            return t is not None and time.monotonic() - t < self.ttl

    def add(self, digest: str) -> None:
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen.clear()
            self._seen[digest] = time.monotonic()


def authenticate(session: Session, key: str, cache: KeyCache) -> Principal | None:
    """The principal of KEY, or None (unknown, wrong, revoked or expired: the caller says only 'invalid key')."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != "ck" or not parts[1] or not parts[2]:
        return None
    row = session.get(ApiKey, parts[1])
    if row is None or row.revoked_at is not None:
        return None
    expires = _aware(row.expires_at)
    if expires is not None and expires <= datetime.now(UTC):
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    if not cache.fresh(digest):
        if not hmac.compare_digest(hash_secret(parts[2], bytes.fromhex(row.salt)), row.hash):
            return None
        cache.add(digest)
    user = session.scalar(select(User).where(User.id == row.user_id))
    if user is None:
        return None
    return Principal(user_id=user.id, name=user.name, role=user.role, member=user.member, key_id=row.id)


class RateLimiter:
    """A token bucket per key: `per_minute` requests a minute, bursts up to the same number."""

    def __init__(self, per_minute: int):
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key_id: str) -> tuple[bool, float]:
        """(allowed, seconds to wait when not)."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key_id, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[key_id] = (tokens, now)
                return False, (1 - tokens) / self.rate
            self._buckets[key_id] = (tokens - 1, now)
            return True, 0.0
