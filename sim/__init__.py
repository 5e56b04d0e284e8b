"""negsim: a negotiation scenario simulator for the 2023 Baku-Stepanakert talks.

The public API lives in `sim.api` and is re-exported here.
"""
from .api import (Experiment, FeasibilityTable, Scenario, Verdict, check, compare,
                  evaluate, explain, feasibility, json_schema, load, report, run, sweep)

__all__ = ["load", "check", "feasibility", "explain", "evaluate", "run", "sweep", "compare",
           "report", "json_schema",
           "Scenario", "FeasibilityTable", "Verdict", "Experiment"]
__version__ = "0.1.0"
