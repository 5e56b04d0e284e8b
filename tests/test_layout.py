"""The package's architecture holds: each subpackage imports only those below it, the model
and the engine touch no file, screen, plot or web page, and no module grows past about 300
lines."""
from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

SIM = ROOT / "sim"
# Lowest first: a package may import itself and those before it, never those after.
LAYERS = ["model", "files", "engine", "studies", "outputs", "play", "web", "api", "cli"]


def layer(module: Path) -> str:
    part = module.relative_to(SIM).parts[0]
    return part.removesuffix(".py")


def imported_layers(module: Path) -> set[tuple[str, int]]:
    """(layer, line) of every import of another part of sim in `module`."""
    tree = ast.parse(module.read_text())
    package = module.relative_to(ROOT).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "sim":
                target = node.module.split(".")
            else:
                continue
            names = [target[1]] if len(target) > 1 else [a.name for a in node.names]
            found |= {(n.removesuffix(".py"), node.lineno) for n in names}
        elif isinstance(node, ast.Import):
            found |= {(a.name.split(".")[1], node.lineno) for a in node.names
                      if a.name.startswith("sim.")}
    return found


def test_no_import_goes_upward():
    upward = []
    for module in SIM.rglob("*.py"):
        own = layer(module)
        if own not in LAYERS:
            continue
        for other, line in imported_layers(module):
            if other in LAYERS and LAYERS.index(other) > LAYERS.index(own):
                upward.append(f"{module.relative_to(ROOT)}:{line} imports {other}")
    assert not upward, "imports going up the layers:\n" + "\n".join(upward)


def test_every_subpackage_is_a_known_layer():
    parts = {p.name for p in SIM.iterdir() if p.is_dir() and p.name != "__pycache__"
             and p.name != "bundled"}
    assert parts <= set(LAYERS)


def test_modules_stay_short():
    long = [f"{m.relative_to(ROOT)} ({n} lines)" for m in SIM.rglob("*.py")
            if (n := len(m.read_text().splitlines())) > 300]
    assert not long, "split these by idea: " + ", ".join(long)


# What the pure layers may import besides sim itself: the standard library's pure parts,
# SimPy, pydantic, and pandas for `to_dataframe` (a conversion for notebooks, optional).
# A new import here is a decision: add it on purpose.
PURE_IMPORTS = {"__future__", "typing", "typing_extensions", "dataclasses", "collections",
                "math", "itertools", "hashlib", "datetime", "functools", "enum", "heapq",
                "bisect", "operator", "re", "array", "pathlib", "simpy", "pydantic",
                "pandas"}
IO_CALLS = {"open", "print", "input", "read_text", "write_text", "read_bytes", "write_bytes",
            "mkdir", "unlink", "savefig", "show"}


def test_the_model_and_the_engine_do_no_input_output():
    """The engine is a pure function of (scenario, seed, replication, seats): files, the
    terminal, plots and the web belong to the layers above it."""
    found = []
    for module in [*(SIM / "model").rglob("*.py"), *(SIM / "engine").rglob("*.py")]:
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            elif isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")
                if name in IO_CALLS:
                    found.append(f"{module.relative_to(ROOT)}:{node.lineno} calls {name}")
                continue
            else:
                continue
            found += [f"{module.relative_to(ROOT)}:{node.lineno} imports {n}" for n in names
                      if n.split(".")[0] not in PURE_IMPORTS | {"sim"}]
    assert not found, "input or output in a pure layer:\n" + "\n".join(found)


# Inside web, lowest first: the pages are the only part that knows both the explorer and
# the classroom, and `app` (web's own top module) sits above them all.
WEB_LAYERS = ["common", "explorer", "classroom", "pages"]


def test_web_imports_go_down_its_subpackages():
    web = SIM / "web"
    upward = []
    for module in web.rglob("*.py"):
        own = module.relative_to(web).parts[0].removesuffix(".py")
        rank = WEB_LAYERS.index(own) if own in WEB_LAYERS else len(WEB_LAYERS)
        text = module.read_text()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            parts = module.relative_to(ROOT).with_suffix("").parts[:-1]
            base = parts[:len(parts) - node.level + 1] if node.level else ()
            target = [*base, *node.module.split(".")]
            if target[:2] != ["sim", "web"] or len(target) < 3:
                continue
            other = target[2]
            if other in WEB_LAYERS and WEB_LAYERS.index(other) > rank:
                upward.append(f"{module.relative_to(ROOT)}:{node.lineno} imports {other}")
    assert not upward, "imports going up inside web:\n" + "\n".join(upward)
    assert {p.name for p in web.iterdir() if p.is_dir() and p.name != "__pycache__"} \
        == set(WEB_LAYERS)
