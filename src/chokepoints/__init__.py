"""chokepoints: find, stress-test and relieve the chokepoints in critical-material supply chains."""

__version__ = "0.1.0"

from chokepoints.errors import ChokepointsError, InputError, UnknownNameError, WarehouseError  # noqa: E402
from chokepoints.reference.blocs import bloc  # noqa: E402
from chokepoints.warehouse import Warehouse, open  # noqa: E402,A004

__all__ = ["ChokepointsError", "InputError", "UnknownNameError", "Warehouse", "WarehouseError", "bloc", "open",
           "__version__"]
