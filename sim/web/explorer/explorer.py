"""The explorer's state: a base scenario and what a teacher changed in it, as overrides.

Why a plain object: every switch, slider and select of the explorer page is one entry
here, and the one thing the page needs from it is a list of `--set` overrides. The same
list makes the what-if that Run simulates and the `extends:` file that Download writes,
so the page, the download and `negsim run` on the download cannot disagree. For the quick
preview (the heatmap after each click) the changes are applied to copies of the loaded
models, which skips reading YAML again; a test checks that the preview and the loader
give the same scenario for any set of changes.
"""
from __future__ import annotations

from typing import Any

import yaml

from ...files.overrides import Override
from ...model.conditions import Scalar
from ...model.feasibility import FeasibilityTable
from ...model.quantities import Fixed, Quantity, Uniform, central
from ...model.scenario import Scenario
from ...outputs import analysis
from .preview import Verdicts, preview, shifted  # noqa: F401 (shifted: part of the model)



def show(value: Scalar) -> str:
    """A state value as YAML and `--set` write it (false, not False)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def describe(q: Quantity) -> str:
    """'triangular 0.45 to 0.65 (most likely 0.55)', for the slider's caption."""
    if isinstance(q, (int, float)):
        return f"{q:.2f}"
    if isinstance(q, Fixed):
        return f"{q.value:.2f}"
    if isinstance(q, Uniform):
        return f"uniform {q.low:.2f} to {q.high:.2f}"
    return f"triangular {q.low:.2f} to {q.high:.2f} (most likely {q.mode:.2f})"


class Explorer:
    """A base scenario and the changes made to it: rules switched, reservations and
    preference weights moved, world-state values chosen. Only real changes are kept: a
    control set back to the base's value drops its override."""

    def __init__(self, base: Scenario, base_file: str):
        self.base = base
        self.base_file = base_file  # the name `extends:` gives; never a path on disk
        self.rules: dict[tuple[str, str, str], bool] = {}     # (actor, kind, id) -> enabled
        self.reservations: dict[str, float] = {}               # actor -> centre
        self.weights: dict[tuple[str, str], float] = {}        # (actor, dimension) -> weight
        self.state: dict[str, Scalar] = {}                     # variable -> starting value
        self._memo: tuple[tuple, Scenario, FeasibilityTable] | None = None
        self._verdicts = Verdicts(base)

    # --- the controls -----------------------------------------------------------------
    def base_rule(self, actor: str, kind: str, rule_id: str) -> bool:
        return next(r.enabled for r in getattr(self.base.actors[actor], kind) if r.id == rule_id)

    def set_rule(self, actor: str, kind: str, rule_id: str, enabled: bool) -> None:
        key = (actor, kind, rule_id)
        self.base_rule(actor, kind, rule_id)  # an unknown rule fails here, not later
        if enabled == self.base_rule(*key):
            self.rules.pop(key, None)
        else:
            self.rules[key] = bool(enabled)

    def rule_enabled(self, actor: str, kind: str, rule_id: str) -> bool:
        return self.rules.get((actor, kind, rule_id), self.base_rule(actor, kind, rule_id))

    def base_reservation(self, actor: str) -> float:
        return round(central(self.base.actors[actor].reservation), 4)

    def set_reservation(self, actor: str, centre: float) -> None:
        centre = round(float(centre), 4)
        if abs(centre - self.base_reservation(actor)) < 1e-9:
            self.reservations.pop(actor, None)
        else:
            self.reservations[actor] = centre

    def reservation(self, actor: str) -> float:
        return self.reservations.get(actor, self.base_reservation(actor))

    def base_weight(self, actor: str, dimension: str) -> float:
        """`dimension` is the preference's key as `--set` addresses it: its id when it has
        one (a state-conditioned preference beside another on the same dimension), else
        its dimension."""
        return next(p.weight for p in self.base.actors[actor].preferences
                    if (p.id or p.dimension) == dimension)

    def set_weight(self, actor: str, dimension: str, weight: float) -> None:
        weight = round(float(weight), 4)
        if abs(weight - self.base_weight(actor, dimension)) < 1e-9:
            self.weights.pop((actor, dimension), None)
        else:
            self.weights[(actor, dimension)] = weight

    def weight(self, actor: str, dimension: str) -> float:
        return self.weights.get((actor, dimension), self.base_weight(actor, dimension))

    def set_state(self, variable: str, value: Scalar) -> None:
        known = self.base.variables[variable].values
        value = next(v for v in known if show(v) == show(value))  # "false" from a select
        if show(value) == show(self.base.state[variable]):
            self.state.pop(variable, None)
        else:
            self.state[variable] = value

    def state_value(self, variable: str) -> Scalar:
        return self.state.get(variable, self.base.state[variable])

    def reset(self) -> None:
        self.rules.clear()
        self.reservations.clear()
        self.weights.clear()
        self.state.clear()

    @property
    def changed(self) -> bool:
        return bool(self.rules or self.reservations or self.weights or self.state)

    # --- what the changes mean --------------------------------------------------------
    def rule_overrides(self) -> list[Override]:
        """The changes to actors (rules, reservations, weights): what a what-if's
        `overrides:` holds, and what also applies to the historical record."""
        out = [Override(f"{a}.{kind}.{rid}.enabled", on)
               for (a, kind, rid), on in sorted(self.rules.items())]
        out += [Override(f"{a}.reservation", shifted(self.base.actors[a].reservation, c))
                for a, c in sorted(self.reservations.items())]
        out += [Override(f"{a}.preferences.{d}.weight", w)
                for (a, d), w in sorted(self.weights.items())]
        return out

    def overrides(self) -> list[Override]:
        """Every change as a `--set` override, world state first."""
        return ([Override(f"state.{k}", v) for k, v in sorted(self.state.items())]
                + self.rule_overrides())

    def set_strings(self) -> list[str]:
        """The overrides as a person types them after `--set`."""
        def text(v: Any) -> str:
            if isinstance(v, dict):
                return "{" + ", ".join(f"{k}: {text(x)}" for k, x in v.items()) + "}"
            return show(v)
        return [f"{o.path}={text(o.value)}" for o in self.overrides()]

    def key(self) -> tuple:
        return tuple((o.path, repr(o.value)) for o in self.overrides())

    def scenario(self) -> Scenario:
        """The what-if for the preview: the base's models with the changes applied."""
        return self._computed()[0]

    def table(self) -> FeasibilityTable:
        return self._computed()[1]

    def _computed(self) -> tuple[Scenario, FeasibilityTable]:
        key = self.key()
        if self._memo is None or self._memo[0] != key:
            scenario = preview(self.base, self.rules, self.reservations, self.weights,
                               self.state)
            self._memo = (key, scenario, self._verdicts.table(scenario))
        return self._memo[1], self._memo[2]

    def grid(self, agenda: str, delegation: str) -> analysis.Grid:
        return analysis.heatmap_grid(self.table(), self.scenario(), agenda, delegation)

    def possible_formats(self) -> list[str]:
        space = self.base.space
        return [space.label(r.format) for r in self.table().possible]

    # --- the download -----------------------------------------------------------------
    def whatif_document(self, replications: int | None = None, seed: int | None = None
                        ) -> dict:
        """The what-if as scenario data: `extends:` the base, only what differs."""
        doc: dict[str, Any] = {"kind": "scenario", "extends": self.base_file,
                               "title": f"What if (explorer): {self.base.spec.title}"}
        if self.state:
            doc["state"] = {k: v for k, v in sorted(self.state.items())}
        rules = self.rule_overrides()
        if rules:
            doc["overrides"] = {o.path: o.value for o in rules}
        if replications is not None and replications != self.base.spec.replications:
            doc["replications"] = int(replications)
        if seed is not None and seed != self.base.spec.seed:
            doc["seed"] = int(seed)
        return doc

    def whatif_yaml(self, replications: int | None = None, seed: int | None = None) -> str:
        head = (f"# A what-if made in the negsim explorer. Save it beside {self.base_file}\n"
                f"# (the scenario it extends) and run: negsim run <this file>\n")
        return head + yaml.safe_dump(self.whatif_document(replications, seed),
                                     sort_keys=False, allow_unicode=True, width=88)

    def download_name(self) -> str:
        stem = self.base_file.rsplit(".", 1)[0]
        return f"whatif-{stem}.yaml"

