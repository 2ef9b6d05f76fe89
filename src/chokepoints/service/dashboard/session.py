"""Browser sessions for the dashboard: the same API keys, roles and rate limit as the REST service.

A person signs in with their API key. The service answers with a random session token in an HttpOnly, SameSite=Strict
cookie; it keeps only the token's SHA-256, mapped to the key, in memory (a restart signs everyone out). Every request
checks the key again with `service.auth.authenticate`, so a revoked or expired key stops the session at once, and
counts against the key's rate limit. Forms carry a per-session CSRF token as well.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from fastapi import HTTPException, Request

from chokepoints.service.auth import Principal, authenticate

COOKIE = "ck_session"
IDLE_S = 8 * 3600


@dataclass
class BrowserSession:
    key: str
    csrf: str
    seen: float


class Sessions:
    """token sha256 -> the key it stands for; idle sessions expire after IDLE_S seconds."""

    def __init__(self, idle_s: float = IDLE_S):
        self.idle_s = idle_s
        self._by_digest: dict[str, BrowserSession] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def open(self, key: str) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            for d in [d for d, s in self._by_digest.items() if now - s.seen > self.idle_s]:
                del self._by_digest[d]
            self._by_digest[self._digest(token)] = BrowserSession(key, secrets.token_urlsafe(24), now)
        return token

    def get(self, token: str | None) -> BrowserSession | None:
        if not token:
            return None
        with self._lock:
            s = self._by_digest.get(self._digest(token))
            if s is None:
                return None
            now = time.monotonic()
            if now - s.seen > self.idle_s:
                del self._by_digest[self._digest(token)]
                return None
            s.seen = now
            return s

    def close(self, token: str | None) -> None:
        if token:
            with self._lock:
                self._by_digest.pop(self._digest(token), None)


class LoginRequired(Exception):
    """Raised by `viewer` when there is no valid session: the dashboard answers with a redirect to the login page."""


@dataclass(frozen=True)
class Viewer:
    principal: Principal
    csrf: str


def sessions_of(request: Request) -> Sessions:
    app = request.app
    if not hasattr(app.state, "dashboard_sessions"):
        app.state.dashboard_sessions = Sessions()
    return app.state.dashboard_sessions


def viewer(request: Request) -> Viewer:
    """The signed-in person (dependency of every dashboard page): LoginRequired without a valid session, 429 over
    the key's rate."""
    service = request.app.state.service
    s = sessions_of(request).get(request.cookies.get(COOKIE))
    if s is None:
        raise LoginRequired
    with service.sessions() as db:
        p = authenticate(db, s.key, service.keys)
    if p is None:
        sessions_of(request).close(request.cookies.get(COOKIE))
        raise LoginRequired
    ok, wait = service.limiter.allow(p.key_id)
    if not ok:
        raise HTTPException(429, f"rate limit reached; retry in {wait:.1f} s",
                            headers={"Retry-After": str(int(wait) + 1)})
    request.state.principal = p  # the audit trail names who wrote
    return Viewer(p, s.csrf)


def check_csrf(v: Viewer, token: str | None) -> None:
    if not token or not hmac.compare_digest(token, v.csrf):
        raise HTTPException(403, "the form has expired: reload the page and submit it again")
