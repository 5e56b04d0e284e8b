"""Old names that still load: the renames of model fidelity v2 and v3, read as their new
names with a warning, so teachers' own files and `--set` paths keep working; and the names
v3 removed, which are an error that says what took their place.

| old | new |
| --- | --- |
| attribute `jurisdiction` (venue) | `control` |
| value `karabakh_de_facto` (venue control) | `karabakh_armenian_authorities` |
| attribute `level` (delegation) | `leader` |
| Baku's `no_separatist_leadership` | `red_lines.no_dialogue_with_accused_or_outside_leaders` |
| Baku's `own_territory_no_foreigners_for_political_talks` (v2) | `red_lines.own_territory_no_intermediaries` (v3: while `baku_terms` is `own_territory`) |
| Baku's `not_hosted_by_separatists` | `assumptions.not_hosted_by_de_facto_authorities` |
| Stepanakert's precondition `no_talks_in_azerbaijan_under_blockade` | `assumptions.no_talks_in_azerbaijan_under_blockade` |
| Stepanakert's `international_format_only` (v2) | `red_lines.international_format_for_political_talks` (v3) |
| Stepanakert's `no_talks_under_force` (v2) | `preconditions.no_negotiations_under_force` (v3) |
| the peacekeepers' `own_base_own_mediation`, `mediate_in_the_region` | under `assumptions.` |
| the US/EU's red line `third_country_talks_are_mediated` | under `assumptions.` (v3) |
| Baku's reaction `pressure_after_refused_invitation` | `checkpoint_after_refused_invitation` |
| removed in v3 | Stepanakert's reactions `harden_after_pressure`, `call_off_under_force`; the state variable `stepanakert_terms` |
"""
from __future__ import annotations

from typing import Any

ATTRIBUTES = {"jurisdiction": "control", "level": "leader"}
VALUES = {"karabakh_de_facto": "karabakh_armenian_authorities"}
RULES = {  # (actor, old group, old id) -> (new group, new id)
    ("baku", "red_lines", "no_separatist_leadership"):
        ("red_lines", "no_dialogue_with_accused_or_outside_leaders"),
    ("baku", "red_lines", "own_territory_no_foreigners_for_political_talks"):
        ("red_lines", "own_territory_no_intermediaries"),
    ("baku", "red_lines", "not_hosted_by_separatists"):
        ("assumptions", "not_hosted_by_de_facto_authorities"),
    ("stepanakert", "preconditions", "no_talks_in_azerbaijan_under_blockade"):
        ("assumptions", "no_talks_in_azerbaijan_under_blockade"),
    ("stepanakert", "red_lines", "international_format_only"):
        ("red_lines", "international_format_for_political_talks"),
    ("stepanakert", "preconditions", "no_talks_under_force"):
        ("preconditions", "no_negotiations_under_force"),
    ("russian_peacekeepers", "red_lines", "own_base_own_mediation"):
        ("assumptions", "own_base_own_mediation"),
    ("russian_peacekeepers", "red_lines", "mediate_in_the_region"):
        ("assumptions", "mediate_in_the_region"),
    ("western_mediators", "red_lines", "third_country_talks_are_mediated"):
        ("assumptions", "third_country_talks_are_mediated"),
    ("baku", "reactions", "pressure_after_refused_invitation"):
        ("reactions", "checkpoint_after_refused_invitation"),
}
REMOVED = {  # a path prefix -> what took its place (model fidelity v3)
    "stepanakert.reactions.harden_after_pressure":
        "no sentence links Stepanakert's terms to the checkpoint, and its August statement "
        "'reiterates' a standing position (stepanakert.red_lines."
        "international_format_for_political_talks); Baku's terms move instead "
        "(state.baku_terms, set by baku.reactions.follow_up_on_own_territory)",
    "stepanakert.reactions.call_off_under_force":
        "no sentence says agreed meetings would be called off; every party looks at a "
        "meeting again on its day, so stepanakert.preconditions.no_negotiations_under_force "
        "and stepanakert.assumptions.no_contacts_during_offensive refuse it then",
    "state.stepanakert_terms":
        "Stepanakert's terms are a standing position in v3 (it 'reiterates' them); Baku's "
        "terms move instead: state.baku_terms (practical_contacts or own_territory)",
}
REMOVED_STATE = {"stepanakert_terms": REMOVED["state.stepanakert_terms"]}
CONDITION_KEYS = ("forbid", "require", "active_when", "when", "require_state", "format")


def removed(path: str) -> str | None:
    """What took the place of a name model fidelity v3 removed, if `path` names one."""
    for prefix, why in REMOVED.items():
        if path == prefix or path.startswith(prefix + "."):
            return f"'{path}' names something removed in model fidelity v3: {why}."
    return None


def upgrade_path(path: str) -> tuple[str, str | None]:
    """A `--set` path in its new spelling, and a warning when it was an old one."""
    parts = path.split(".")
    if len(parts) >= 3 and (parts[0], parts[1], parts[2]) in RULES:
        group, rule = RULES[(parts[0], parts[1], parts[2])]
        new = ".".join([parts[0], group, rule, *parts[3:]])
        return new, f"'{path}' is now '{new}' (renamed in model fidelity v2 or v3); read as the new name."
    return path, None


def upgrade_format_space(data: Any) -> list[str]:
    """Rename old attribute names and values in a format-space document, in place."""
    warnings: list[str] = []
    dims = data.get("dimensions") if isinstance(data, dict) else None
    for dim in (dims or {}).values():
        declared = (dim or {}).get("attributes") if isinstance(dim, dict) else None
        if isinstance(declared, dict):
            for old, new in ATTRIBUTES.items():
                if old in declared and new not in declared:
                    declared[new] = declared.pop(old)
                    warnings.append(f"the declared attribute '{old}' is now '{new}'; read "
                                    f"as '{new}'.")
            for key, values in declared.items():
                if isinstance(values, list):
                    declared[key] = [VALUES.get(v, v) if isinstance(v, str) else v
                                     for v in values]
        for value, attrs in ((dim or {}).get("values") or {}).items():
            if not isinstance(attrs, dict):
                continue
            for old, new in ATTRIBUTES.items():
                if old in attrs and new not in attrs:
                    attrs[new] = attrs.pop(old)
                    warnings.append(f"attribute '{old}' of '{value}' is now '{new}'; read as "
                                    f"'{new}'.")
            for key, v in attrs.items():
                if isinstance(v, str) and v in VALUES:
                    attrs[key] = VALUES[v]
    return warnings


def upgrade_conditions(node: Any, inside: bool = False) -> list[str]:
    """Rename old attribute keys (`venue.jurisdiction`) and values in every condition of a
    document, in place."""
    warnings: list[str] = []
    if isinstance(node, dict):
        for key in list(node):
            value = node[key]
            if inside and isinstance(key, str) and "." in key:
                dim, attr = key.split(".", 1)
                if attr in ATTRIBUTES:
                    new = f"{dim}.{ATTRIBUTES[attr]}"
                    node[new] = node.pop(key)
                    warnings.append(f"'{key}' is now '{new}'; read as '{new}'.")
                    key = new
                values = node[key] if isinstance(node[key], list) else [node[key]]
                node[key] = [VALUES.get(v, v) if isinstance(v, str) else v for v in values]
                continue
            warnings += upgrade_conditions(value, inside or key in CONDITION_KEYS)
    elif isinstance(node, list):
        for item in node:
            warnings += upgrade_conditions(item, inside)
    return warnings
