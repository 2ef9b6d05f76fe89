"""Metrics: dependency, concentration and criticality (pure formulas + Ibis expressions over the warehouse)."""
