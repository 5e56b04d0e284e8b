"""The explorer: a scenario's rules switched on and off, the exact feasibility table for
each world state, and the views that draw them (heatmap, results)."""
