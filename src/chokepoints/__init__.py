"""chokepoints: find, stress-test and relieve the chokepoints in critical-material supply chains.

    import chokepoints as ck
    wh = ck.open()                                              # the warehouse (CHOKEPOINTS_DB or the user's)
    wh.dependency(bloc="EU27+JPN", chain="rare-earth-magnets")  # a DataFrame
    r = wh.simulate("cn-2025-rare-earths", runs=1000, seed=1)   # r.summary, r.meta, r.plot(), r.to_parquet(path)
    ck.read_result(path).meta                                   # what a stored run rests on
"""

__version__ = "0.1.0"

from chokepoints.analyses import as_bloc, as_chain, scenario  # noqa: E402
from chokepoints.errors import (  # noqa: E402
    ChokepointsError,
    InputError,
    ScenarioError,
    UnknownNameError,
    WarehouseError,
)
from chokepoints.reference.blocs import bloc  # noqa: E402
from chokepoints.results import read_result  # noqa: E402
from chokepoints.warehouse import Warehouse, open  # noqa: E402,A004

__all__ = ["ChokepointsError", "InputError", "ScenarioError", "UnknownNameError", "Warehouse", "WarehouseError",
           "__version__", "as_bloc", "as_chain", "bloc", "open", "read_result", "scenario"]
