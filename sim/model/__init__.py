"""The model, pure and free of I/O: the format space, the rule language, actors and their
rules as cited data, scenarios, the one decision function and the exact feasibility table.
"""
