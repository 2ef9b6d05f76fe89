"""Resilience optimiser: a two-stage stochastic LP (linopy + HiGHS) over the shock engine's Monte Carlo runs.

    problem = build_problem(supply_table(wh, "cn-2025-rare-earths", runs=500, seed=1), wh.table("projects"),
                            load_costs(), alliance="EU27+JPN")
    result = optimise(problem, modes=("joint", "solo"))
    result.summary, result.value_of_alliance()

Formulas, costs and their sources: docs/methods/optimise.md. Names are imported on first use, so that the CLI can
import `chokepoints.optimise.cli` without loading linopy.
"""

from importlib import import_module

_WHERE = {
    "CONSTRAINTS": "costs", "Costs": "costs", "Policy": "costs", "load_costs": "costs",
    "Problem": "inputs", "build_problem": "inputs", "convert_projects": "inputs",
    "build_model": "model",
    "InfeasibleError": "errors", "ModeResult": "results", "OptimiseResult": "results", "cvar": "results",
    "optimise": "results", "solve": "results",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        where = "chokepoints.errors" if _WHERE[name] == "errors" else f"chokepoints.optimise.{_WHERE[name]}"
        return getattr(import_module(where), name)
    raise AttributeError(f"module 'chokepoints.optimise' has no attribute {name!r}")
