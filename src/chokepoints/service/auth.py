"""Identity: API keys (hashed at rest with a per-key salt, shown once), roles, and a per-key rate limit.

A key reads `ck_<id>_<secret>`: `id` (public, the database row) finds the key, `secret` is checked against its
scrypt hash. A key verified once is remembered in memory (KeyCache), by the SHA-256 of the presented key, with its
principal, its expiry and the time its row was read: for `ttl` seconds (Settings.key_cache_s, default 10) a request
with that key costs neither scrypt nor a database read. Expiry is checked on every request. Revoking a key through
this process (DELETE /v1/keys/{id}) forgets it at once, and its id is never taken from the cache again; a change
made elsewhere (another process on the same database, a direct edit) takes effect when the row is read again: the
first request after `ttl` seconds is still answered from memory while the row is re-read behind it (so no request
waits for the database), and every later one sees the re-read row; after 3 x `ttl` without a re-read a request waits
for it. Scrypt is not paid again while the row's hash is the one verified.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from chokepoints.service.db import ApiKey, User

ROLES = ("admin", "analyst", "observer")
ALLIANCE = "alliance"  # the scope of what every role may read
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
# scrypt costs 16 MB and tens of ms on purpose: at most this many at once, and a key id that keeps failing stops
# being tried, so a flood of wrong secrets cannot exhaust the server's memory or CPU
_SCRYPT_SLOTS = threading.BoundedSemaphore(4)
MAX_FAILURES = 10  # wrong secrets for one key id per FAILURE_WINDOW seconds, then refused without scrypt
FAILURE_WINDOW = 60.0


def hash_secret(secret: str, salt: bytes) -> str:
    with _SCRYPT_SLOTS:
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


def utcnow() -> datetime:
    return datetime.now(UTC)


def digest(key: str) -> str:
    """The in-memory name of a presented key (never stored)."""
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class _Verified:
    principal: Principal
    expires_at: datetime | None
    hash: str  # the row's scrypt hash the key was verified against
    read_at: float  # time.monotonic() when the key's row was last read


class KeyCache:
    """Keys verified recently: sha256(key) -> principal, expiry, the hash verified and when the row was read."""

    def __init__(self, ttl: float = 10.0, max_entries: int = 10_000):
        self.ttl, self.max_entries = ttl, max_entries
        self._seen: dict[str, _Verified] = {}
        self._revoked: set[str] = set()
        self._refreshing: set[str] = set()
        self._failures: dict[str, tuple[int, float]] = {}  # key id -> wrong secrets, start of their window
        self._lock = threading.Lock()

    def principal(self, key_digest: str) -> Principal | None:
        """The principal of a key verified less than `ttl` seconds ago and not expired nor revoked; None: read the
        database (authenticate)."""
        with self._lock:
            v = self._seen.get(key_digest)
        if v is None or time.monotonic() - v.read_at >= self.ttl or v.principal.key_id in self._revoked:
            return None
        if v.expires_at is not None and v.expires_at <= utcnow():
            return None
        return v.principal

    def stale(self, key_digest: str) -> Principal | None:
        """The principal of a key verified between `ttl` and 3 x `ttl` seconds ago (not expired nor revoked) whose row
        nobody is re-reading yet: the caller answers with it and re-reads the row behind the answer (authenticate).
        None: no such key, or its re-read is under way (then the caller waits for the database)."""
        with self._lock:
            v = self._seen.get(key_digest)
            if (v is None or key_digest in self._refreshing or v.principal.key_id in self._revoked
                    or time.monotonic() - v.read_at >= 3 * self.ttl):
                return None
            if v.expires_at is not None and v.expires_at <= utcnow():
                return None
            self._refreshing.add(key_digest)
        return v.principal

    def blocked(self, key_id: str) -> bool:
        """Has KEY_ID seen MAX_FAILURES wrong secrets in the last FAILURE_WINDOW seconds?"""
        with self._lock:
            n, since = self._failures.get(key_id, (0, 0.0))
        return n >= MAX_FAILURES and time.monotonic() - since < FAILURE_WINDOW

    def failed(self, key_id: str) -> None:
        """A wrong secret was presented for KEY_ID."""
        now = time.monotonic()
        with self._lock:
            n, since = self._failures.get(key_id, (0, now))
            self._failures[key_id] = (n + 1, since) if now - since < FAILURE_WINDOW else (1, now)
            if len(self._failures) > self.max_entries:
                self._failures.clear()

    def refreshed(self, key_digest: str) -> None:
        """The re-read of a stale key's row is over (whatever it found)."""
        with self._lock:
            self._refreshing.discard(key_digest)

    def verified(self, key_digest: str, row_hash: str) -> bool:
        """Was this key verified against this hash (scrypt need not run again)?"""
        with self._lock:
            v = self._seen.get(key_digest)
        return v is not None and v.hash == row_hash and v.principal.key_id not in self._revoked

    def add(self, key_digest: str, v: _Verified) -> None:
        with self._lock:
            if v.principal.key_id in self._revoked:
                return
            if len(self._seen) >= self.max_entries:
                self._seen.clear()
            self._seen[key_digest] = v

    def forget(self, key_digest: str) -> None:
        with self._lock:
            self._seen.pop(key_digest, None)

    def revoke(self, key_id: str) -> None:
        """KEY_ID was revoked: never answer it from the cache again."""
        with self._lock:
            self._revoked.add(key_id)
            for d in [d for d, v in self._seen.items() if v.principal.key_id == key_id]:
                del self._seen[d]


def authenticate(session: Session, key: str, cache: KeyCache) -> Principal | None:
    """The principal of KEY, or None (unknown, wrong, revoked or expired: the caller says only 'invalid key'). Reads
    the key's row and user; runs scrypt unless the cache verified this key against the same hash."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != "ck" or not parts[1] or not parts[2]:
        return None
    d = digest(key)
    row = session.get(ApiKey, parts[1])
    if row is None or row.revoked_at is not None:
        cache.forget(d)
        if row is not None:
            cache.revoke(row.id)
        return None
    expires = _aware(row.expires_at)
    if expires is not None and expires <= utcnow():
        cache.forget(d)
        return None
    if not cache.verified(d, row.hash):
        if cache.blocked(row.id):  # too many wrong secrets lately: no scrypt for this id until the window ends
            return None
        if not hmac.compare_digest(hash_secret(parts[2], bytes.fromhex(row.salt)), row.hash):
            cache.failed(row.id)
            return None
    user = session.get(User, row.user_id)
    if user is None:
        return None
    p = Principal(user_id=user.id, name=user.name, role=user.role, member=user.member, key_id=row.id)
    cache.add(d, _Verified(p, expires, row.hash, time.monotonic()))
    return p


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
