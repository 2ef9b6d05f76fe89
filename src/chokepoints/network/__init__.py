"""A chain's network: per stage and country production, capacity, stocks and bilateral flows (see build.py)."""

from chokepoints.network.build import build_network
from chokepoints.network.reconcile import Balance, reconcile
from chokepoints.network.types import Network

__all__ = ["Balance", "Network", "build_network", "reconcile"]
