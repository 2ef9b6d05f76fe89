"""Shipped classification data: countries, blocs, chains, materials and the table catalogue.

Everything here is read from the CSV/TOML files beside this module; the functions are small loaders.
"""

from chokepoints.reference.catalogue import catalogue, table_columns
from chokepoints.reference.countries import countries, iso3_from_names, iso3_from_trade_codes, known_iso3

__all__ = [
    "catalogue",
    "table_columns",
    "countries",
    "iso3_from_names",
    "iso3_from_trade_codes",
    "known_iso3",
]
