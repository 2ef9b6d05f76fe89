"""Pydantic models of every request and response (they make the OpenAPI schema at /openapi.json)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"
MEMBER = r"^[A-Z][A-Z0-9]{1,31}$"


class Format(StrEnum):
    json = "json"
    csv = "csv"
    parquet = "parquet"


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    detail: Any = Field(description="What is wrong and, where it helps, how to fix it.")


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class Me(BaseModel):
    user: str
    role: str
    member: str | None
    key_id: str
    reads: str = Field(description="The warehouse this principal reads: the shared snapshot or its member's copy.")


class Table(BaseModel):
    """A table: its columns and rows (records). `source` names what the figures rest on."""

    columns: list[str]
    rows: list[dict[str, Any]]
    warehouse: str = Field(description="The snapshot the figures come from.")
    source: str = ""


class MemberIn(_In):
    code: str = Field(pattern=MEMBER, description="ISO3 country code or bloc code (e.g. KOR, CAN, EU27).")
    name: str = Field(default="", max_length=200)


class MemberOut(BaseModel):
    code: str
    name: str
    created_at: datetime


class UserIn(_In):
    name: str = Field(pattern=NAME)
    role: Literal["admin", "analyst", "observer"]
    member: str | None = Field(default=None, pattern=MEMBER, description="Required for an analyst, else empty.")

    @model_validator(mode="after")
    def _member(self) -> UserIn:
        if self.role == "analyst" and not self.member:
            raise ValueError("an analyst belongs to one member: give 'member'")
        if self.role != "analyst" and self.member:
            raise ValueError("only an analyst belongs to a member: leave 'member' empty")
        return self


class UserOut(BaseModel):
    id: int
    name: str
    role: str
    member: str | None
    created_at: datetime


class KeyIn(_In):
    label: str = Field(default="", max_length=200)
    expires_in_days: int | None = Field(default=90, ge=1, le=3650, description="None: never expires.")


class KeyOut(BaseModel):
    id: str
    user_id: int
    label: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class KeyCreated(KeyOut):
    key: str = Field(description="The API key. Shown once: the service keeps only a salted hash.")


class ScenarioIn(_In):
    name: str = Field(pattern=NAME)
    toml: str | None = Field(default=None, max_length=200_000, description="The scenario as TOML text ...")
    scenario: dict[str, Any] | None = Field(default=None, description="... or as JSON (the same keys).")

    @model_validator(mode="after")
    def _one(self) -> ScenarioIn:
        if (self.toml is None) == (self.scenario is None):
            raise ValueError("give the scenario as 'toml' text or as a 'scenario' object (one of the two)")
        return self


class ScenarioOut(BaseModel):
    name: str
    scope: str = Field(description="'builtin', 'alliance' or a member code (visible to that member only).")
    title: str = ""
    chain: str | None = None
    definition: dict[str, Any] | None = None


class Validation(BaseModel):
    name: str
    valid: bool
    problem: str | None = None


class RunIn(_In):
    kind: Literal["simulate", "optimise"] = "simulate"
    scenario: str = Field(pattern=NAME)
    runs: int = Field(default=200, ge=1)
    seed: int = Field(default=1, ge=0, le=2**32 - 1)
    mode: Literal["joint", "solo", "both"] = Field(default="both", description="optimise only")
    allow_proxy: bool = Field(default=False, description="simulate only")


class RunOut(BaseModel):
    id: str
    kind: str
    scenario: str
    scope: str
    status: Literal["queued", "running", "done", "failed", "cancelled"]
    done: int
    total: int
    error: str | None
    params: dict[str, Any]
    warehouse: str
    result_kind: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class RunResult(BaseModel):
    """A finished run's result: its kind, its metadata (datasets and their hashes, code version, parameters, seed,
    members whose confidential data it used) and its summary table (records)."""

    id: str
    kind: str
    meta: dict[str, Any]
    summary: list[dict[str, Any]]


class EventsIn(_In):
    text: str = Field(min_length=1, max_length=200_000)
    article_date: date | None = None
    # the confidence below which the rules' events are dropped (default: the model's fitted threshold)
    min_confidence: float | None = Field(default=None, ge=0.0, le=1.0)


class UploadOut(BaseModel):
    member: str
    name: str
    rows: int
    bytes: int
    sha256: str
    created_at: datetime


class AuditOut(BaseModel):
    id: int
    at: datetime
    user_id: int | None
    key_id: str | None
    role: str | None
    member: str | None
    method: str
    path: str
    action: str
    status: int
    client: str
