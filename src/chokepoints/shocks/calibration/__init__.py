"""Calibration of the `licence` time profile on China's exports after the 2023 gallium/germanium and graphite controls.

    fit.py     the model and its fit, pure maths (fit_licence_profile)
    data.py    the episodes and their relative volumes, read from the warehouse (trade_monthly)
    report.py  the table and the text of profiles.toml
    figure.py  observed vs fitted, one panel per episode (plotly, imported when drawn)
    run.py     calibrate(wh) and the command line; scripts/calibrate_licence.py rewrites a checkout's profiles.toml

Method, numbers and limits: docs/methods/calibration.md.
"""

from chokepoints.shocks.calibration.data import (
    DATA_SOURCE,
    EPISODES,
    Episode,
    EpisodeData,
    episode_data,
    month_offset,
    months_span,
    read_monthly,
)
from chokepoints.shocks.calibration.figure import fit_figure
from chokepoints.shocks.calibration.fit import (
    BOUNDS,
    SHAPE_PARAMS,
    EpisodeFit,
    Fit,
    fit_licence_profile,
    relative_volume,
)
from chokepoints.shocks.calibration.report import profiles_toml, table
from chokepoints.shocks.calibration.run import calibrate, calibrate_folder, main

__all__ = ["BOUNDS", "DATA_SOURCE", "EPISODES", "SHAPE_PARAMS", "Episode", "EpisodeData", "EpisodeFit", "Fit",
           "calibrate", "calibrate_folder", "episode_data", "fit_figure", "fit_licence_profile", "main", "month_offset",
           "months_span", "profiles_toml", "read_monthly", "relative_volume", "table"]
