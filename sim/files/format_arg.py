"""A format written on the command line: 'venue=khojaly,mediation=none,...'."""
from __future__ import annotations

from ..model.space import Format, FormatSpace
from .errors import InputError, known


def parse_format(space: FormatSpace, text: str, origin: str = "--format") -> Format:
    """'venue=khojaly,mediation=none,...' -> a format; every dimension must be given."""
    fmt: Format = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        dim, sep, value = part.partition("=")
        dim, value = dim.strip(), value.strip()
        if not sep or dim not in space.values:
            raise InputError.one(f"'{part}' is not DIMENSION=VALUE with a known "
                                 f"dimension. Known dimensions: {known(space.dimensions)}.",
                                 origin)
        if value not in space.values[dim]:
            raise InputError.one(f"'{value}' is not a known {dim}. Known values of {dim}: "
                                 f"{known(space.values[dim])}.", origin)
        fmt[dim] = value
    missing = [d for d in space.dimensions if d not in fmt]
    if missing:
        raise InputError.one(f"a format needs one value per dimension; missing: "
                             f"{', '.join(missing)}. Example: "
                             + ",".join(f"{d}={space.values[d][0]}" for d in space.dimensions)
                             + ".", origin)
    return {d: fmt[d] for d in space.dimensions}
