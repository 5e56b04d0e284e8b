"""negsim: a negotiation scenario simulator for the 2023 Baku-Stepanakert talks.

The public API lives in `sim.api` and is re-exported here.
"""
from .api import (FeasibilityTable, Scenario, Verdict, check, evaluate, explain,
                  feasibility, json_schema, load)

__all__ = ["load", "check", "feasibility", "explain", "evaluate", "json_schema",
           "Scenario", "FeasibilityTable", "Verdict"]
__version__ = "0.1.0"
