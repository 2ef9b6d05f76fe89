"""US tariff schedule components 2025-2026 from Global Trade Alert (raw/us_tariffs_gta, see its SOURCE.md).

Licence CC BY-NC 4.0: these files are never copied into the repository; they are read from the path the user
gives (default: `raw/us_tariffs_gta` under $CHOKEPOINTS_DATA, else under the `shared/data` folder beside the
repository).

    tariff_floor_rates.csv + us_hts-8_digit_sectioned.csv  -> us_tariff_lines (merged on hts8)
    sec301.csv                                             -> us_sec301
    scenarios/rates.csv, event_registry.csv, shares.csv    -> us_tariff_rates, us_tariff_events, us_tariff_shares
    scenarios/countries.csv, country_groups.csv            -> us_tariff_countries, us_tariff_country_groups

Rates stay in the source's units: percent, except the MFN ad valorem part, which the source gives as a fraction.
Some files are ';'-separated and start with a UTF-8 BOM; HTS codes that lost their leading zero are restored.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference import known_iso3

FORMAT = "us-tariffs-gta"
FOLDER = "us_tariffs_gta"
FLOOR, SECTIONED, SEC301 = "tariff_floor_rates.csv", "us_hts-8_digit_sectioned.csv", "sec301.csv"
RATES, EVENTS, SHARES = "rates.csv", "event_registry.csv", "shares.csv"
COUNTRIES, GROUPS, JURISDICTIONS = "countries.csv", "country_groups.csv", "gta_jurisdiction_list.csv"

# Columns each file must have. Files that form a table on their own may also be loaded one by one.
_HEADERS = {
    SEC301: ["hs_8digit", "origin", "rate"],
    RATES: ["rate_type", "rate", "scenario", "section", "description", "effective_date"],
    EVENTS: ["effective_date", "event_id", "event_name", "description", "rate_component", "affected_countries",
             "section_ref"],
    SHARES: ["share_type", "share", "scenario", "section", "description"],
}
_SEP = {FLOOR: ";", SECTIONED: ";", SEC301: ";", COUNTRIES: ";", GROUPS: ";"}
# Country tokens in event_registry's ':'-lists besides ISO3.
_EVENT_TOKENS = frozenset({"ALL", "ALL_EXCEPT", "EU_MEMBERS"})


def default_path() -> Path:
    """Where the GTA data are read from unless the user gives a path."""
    env = os.environ.get("CHOKEPOINTS_DATA")
    base = Path(env) if env else Path(__file__).resolve().parents[4] / "shared" / "data"
    return base / "raw" / FOLDER


def _read(path: Path, required: list[str]) -> pd.DataFrame:
    return read_csv(path, required=required, sep=_SEP.get(path.name, ","))


def _has_header(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig") as f:
            first = f.readline(65536)
    except (OSError, UnicodeDecodeError):
        return False
    return set(_HEADERS[path.name]) <= {h.strip().strip('"') for h in first.strip().split(_SEP.get(path.name, ","))}


def matches(path: Path) -> bool:
    path = Path(path)
    if path.is_dir():
        return path.name == FOLDER or (path / FLOOR).is_file()
    return path.is_file() and path.name in _HEADERS and _has_header(path)


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    path = Path(path)
    if path.is_file():
        return [_single(path)]
    if not (path / FLOOR).is_file():
        raise InputError(f"{FLOOR} not found: not a Global Trade Alert US tariff folder", file=path)
    out = [TableData("us_tariff_lines", frame=tariff_lines(path / FLOOR, path / SECTIONED)),
           TableData("us_sec301", frame=sec301(path / SEC301))]
    scen = path / "scenarios"
    for file in (scen / RATES, scen / EVENTS, scen / SHARES):
        if file.is_file():
            out.append(_single(file))
    if (scen / COUNTRIES).is_file():
        countries = country_table(scen / COUNTRIES)
        out.append(TableData("us_tariff_countries", frame=countries))
        if (scen / GROUPS).is_file():
            out.append(TableData("us_tariff_country_groups",
                                 frame=country_groups(scen / GROUPS, _un_codes(countries, path / JURISDICTIONS))))
    return out


def _single(file: Path) -> TableData:
    parse = {SEC301: ("us_sec301", sec301), RATES: ("us_tariff_rates", rates),
             EVENTS: ("us_tariff_events", events), SHARES: ("us_tariff_shares", shares)}
    table, fn = parse[file.name]
    return TableData(table, frame=fn(file))



def _hts8(df: pd.DataFrame, col: str, file: Path) -> pd.Series:
    """HTS-8 codes as text; 7 digits is an 8-digit code whose leading zero a spreadsheet dropped (SOURCE.md)."""
    code = df[col].str.strip()
    bad = ~code.str.fullmatch(r"\d{7,8}")
    if bad.any():
        reject_first(df, bad, "value {value!r} is not an 8-digit HTS code", file=file, field=col)
    code = code.str.zfill(8)
    dup = code.duplicated()
    if dup.any():
        reject_first(df, dup, "duplicate HTS code {value!r}", file=file, field=col, values=code)
    return code


def _flag(df: pd.DataFrame, col: str, file: Path) -> pd.Series:
    value = df[col].str.strip()
    bad = ~value.isin(["0", "1"])
    if bad.any():
        reject_first(df, bad, "value {value!r} is not 0 or 1", file=file, field=col)
    return value == "1"


def _nonnegative(df: pd.DataFrame, cols: list[str], file: Path) -> dict[str, pd.Series]:
    out = {}
    for col in cols:
        out[col] = num = to_number(df, col, file=file)
        if (num < 0).any():
            reject_first(df, num < 0, "value {value!r} is negative", file=file, field=col)
    return out


def _text(s: pd.Series) -> pd.Series:
    s = s.str.strip()
    return s.where(s != "", None)


def tariff_lines(floor_file: Path, sectioned_file: Path) -> pd.DataFrame:
    """MFN rates per HTS-8 merged onto the sectioned flags. Each file is checked on its own first, so an error
    names the file and line it comes from; the merged frame is then validated with the sectioned file's lines."""
    floor = _read(floor_file, ["hts8", "mfn_text_rate", "mfn_rate_type_code", "mfn_ad_val_rate",
                               "mfn_specific_rate", "new_eu_rate"])
    floor = floor.assign(hts8=_hts8(floor, "hts8", floor_file), mfn_text_rate=_text(floor["mfn_text_rate"]),
                         mfn_rate_type_code=to_number(floor, "mfn_rate_type_code", file=floor_file),
                         **_nonnegative(floor, ["mfn_ad_val_rate", "mfn_specific_rate", "new_eu_rate"], floor_file))
    sect = _read(sectioned_file, ["hs_8digit", "hs_8name", "apr2_at_risk", "apr2_exempt", "sec232"])
    sect = sect.assign(hts8=_hts8(sect, "hs_8digit", sectioned_file), description=_text(sect["hs_8name"]),
                       **{c: _flag(sect, c, sectioned_file) for c in ("apr2_at_risk", "apr2_exempt", "sec232")})
    orphan = ~floor["hts8"].isin(sect["hts8"])
    if orphan.any():
        reject_first(floor, orphan, "HTS code {value!r} is not in " + SECTIONED, file=floor_file, field="hts8",
                     hint="the two files must come from the same snapshot")
    lines = sect.merge(floor.drop(columns="_row"), on="hts8", how="left", validate="one_to_one")
    # Chapters 98 and 99 are US-only provisions, not HS headings: they get no hs6.
    lines["hs6"] = lines["hts8"].str[:6].where(~lines["hts8"].str[:2].isin(["98", "99"]), None)
    return validate(lines, "us_tariff_lines", file=str(sectioned_file))


def sec301(file: Path) -> pd.DataFrame:
    df = _read(file, _HEADERS[SEC301])
    frame = df.assign(hts8=_hts8(df, "hs_8digit", file), list=_text(df["origin"]),
                      rate=to_number(df, "rate", file=file, allow_empty=False))
    return validate(frame[["hts8", "list", "rate", "_row"]], "us_sec301", file=str(file))


def rates(file: Path) -> pd.DataFrame:
    df = _read(file, _HEADERS[RATES])
    df["rate"] = to_number(df, "rate", file=file, allow_empty=False)
    return validate(df, "us_tariff_rates", file=str(file))


def shares(file: Path) -> pd.DataFrame:
    df = _read(file, _HEADERS[SHARES])
    df["share"] = to_number(df, "share", file=file, allow_empty=False)
    return validate(df, "us_tariff_shares", file=str(file))


def events(file: Path) -> pd.DataFrame:
    df = _read(file, _HEADERS[EVENTS])
    known = known_iso3() | _EVENT_TOKENS
    bad = df["affected_countries"].map(lambda v: any(t.strip() not in known for t in v.split(":")))
    if bad.any():
        reject_first(df, bad, "unknown country code in {value!r}", file=file, field="affected_countries",
                     hint="use ALL, ALL_EXCEPT:<ISO3>..., EU_MEMBERS or ISO3 codes separated by ':'")
    return validate(df, "us_tariff_events", file=str(file))


def country_table(file: Path) -> pd.DataFrame:
    df = _read(file, ["un_code", "iso_3", "country_name", "special_treatment"])
    frame = df.assign(iso3=df["iso_3"].str.strip(), un_code=to_number(df, "un_code", file=file, allow_empty=False),
                      name=df["country_name"].str.strip(), special_treatment=_text(df["special_treatment"]))
    return validate(frame[["iso3", "un_code", "name", "special_treatment", "_row"]], "us_tariff_countries",
                    file=str(file))


def _un_codes(countries: pd.DataFrame, jurisdictions: Path) -> dict[int, str]:
    """UN code -> ISO3 from the scenario countries, completed by GTA's jurisdiction list, which also holds
    the older codes country_groups.csv uses (381 for Italy, where countries.csv has 380)."""
    codes = dict(zip(countries["un_code"].astype(int), countries["iso3"], strict=True))
    if jurisdictions.is_file():
        extra = _read(jurisdictions, ["un_code", "iso_code"])
        nums = to_number(extra, "un_code", file=jurisdictions, allow_empty=False).astype(int)
        for code, iso3 in zip(nums, extra["iso_code"].str.strip(), strict=True):
            codes.setdefault(code, iso3)
    return codes


def country_groups(file: Path, un_codes: dict[int, str]) -> pd.DataFrame:
    df = _read(file, ["group_name", "un_code", "description"])
    nums = to_number(df, "un_code", file=file, allow_empty=False)
    iso3 = nums.map(lambda n: un_codes.get(int(n)))
    if iso3.isna().any():
        reject_first(df, iso3.isna(), "UN code {value!r} is in neither countries.csv nor " + JURISDICTIONS,
                     file=file, field="un_code")
    frame = df.assign(group=df["group_name"].str.strip(), iso3=iso3, description=df["description"].str.strip())
    return validate(frame[["group", "iso3", "description", "_row"]], "us_tariff_country_groups", file=str(file))
