"""Shipped classification data: countries, blocs, chains, materials and the table catalogue.

Everything here is read from the CSV/TOML files beside this module; the functions are small loaders.
"""

from chokepoints.reference.blocs import Bloc, bloc, bloc_names, blocs_table
from chokepoints.reference.catalogue import catalogue, table_columns
from chokepoints.reference.chains import (
    Chain,
    Factor,
    Stage,
    chain,
    chain_names,
    chains_table,
    load_chain,
    material,
    materials,
)
from chokepoints.reference.countries import countries, iso3_from_names, iso3_from_trade_codes, known_iso3

__all__ = [
    "Bloc",
    "Chain",
    "Factor",
    "Stage",
    "bloc",
    "bloc_names",
    "blocs_table",
    "chain",
    "chain_names",
    "chains_table",
    "load_chain",
    "material",
    "materials",
    "catalogue",
    "table_columns",
    "countries",
    "iso3_from_names",
    "iso3_from_trade_codes",
    "known_iso3",
]
