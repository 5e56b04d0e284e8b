"""Studies: many replications and what they answer. Experiments (Monte Carlo), sweeps,
sensitivity analysis, comparisons, what-ifs and the backtest, on the local process pool or
a Dask cluster, with results folders written whole or not at all.
"""
