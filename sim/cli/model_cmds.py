"""Commands that read the model without running it: check, feasible, explain, schema."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import api
from ..files.errors import InputError
from ..files.bundled import default_scenario, init_folder, scenarios_folder
from ..files.format_arg import parse_format
from ..files.tested import read_tested
from ..model.sources import second_hand_note
from .options import check_out


def cmd_check(args: argparse.Namespace) -> int:
    if args.paths:
        if len(args.files) > 1:
            raise InputError.one("--paths takes one scenario file.", "command line")
        scenario = api.load(args.files[0] if args.files else default_scenario())
        rows = api.settable(scenario)
        width = min(56, max(len(path) for path, _ in rows))
        print(f"Every PATH for --set PATH=VALUE in {scenario.path}, with its value now:")
        for path, value in rows:
            print(f"  {path:<{width}}  {value}")
        return 0
    files = args.files or sorted(str(p) for p in scenarios_folder().glob("*.yaml"))
    for f in files:
        print(api.check(f, args.params, args.strict))
    return 0


def cmd_feasible(args: argparse.Namespace) -> int:
    scenario = api.load(args.scenario, args.set)
    table = api.feasibility(scenario)
    for dim, value in (("agenda", args.agenda), ("delegation", args.delegation)):
        if value is not None and value not in scenario.space.values[dim]:
            raise InputError.one(f"'{value}' is not a known {dim}. Known: "
                                 f"{', '.join(scenario.space.values[dim])}.", "command line")
    if args.json:
        print(json.dumps(table.to_json(), indent=2))
    else:
        print(api.render.feasibility_text(scenario, table, args.all))
    if args.plot:
        path = api.heatmap(scenario, table, args.out, args.agenda, args.delegation, args.svg)
        print(f"\nHeatmap: {path}", file=sys.stderr if args.json else sys.stdout)
    return 0


def reason_json(scenario, actor: str, reason, tested) -> dict:
    """One reason of a refusal in explain's JSON: its id, kind and sentence; for a rule,
    who said each quote, whether it rests only on second-hand voices, and what the saved
    ablation says of it ("tested": "" when no ablation covers it)."""
    item = {"id": reason.id, "kind": reason.kind, "says": reason.says}
    rule = scenario.actors[actor].rule(reason.id)
    if rule is not None:
        item["by"] = [c.by for c in rule.citations]
        item["second_hand_only"] = second_hand_note(scenario.speakers, rule)
        item["tested"] = tested.words(actor, reason.id) if tested else ""
    return item


def cmd_explain(args: argparse.Namespace) -> int:
    scenario = api.load(args.scenario, args.set)
    fmt = parse_format(scenario.space, args.format)
    verdicts = api.explain(scenario, fmt)
    tested = read_tested(scenario)
    if args.json:
        parties = scenario.parties(fmt)
        print(json.dumps({
            "format": fmt, "meeting_possible": all(verdicts[a].accept for a in parties),
            "verdicts": {a: {"party": a in parties, "accept": v.accept,
                             "utility": round(v.utility, 4),
                             "reservation": round(v.reservation, 4),
                             "reasons": [reason_json(scenario, a, r, tested)
                                         for r in v.reasons],
                             "lapsed": [{"id": r.id, "kind": r.kind, "lapse": lapse}
                                        for r, lapse in v.lapsed]}
                         for a, v in verdicts.items()}}, indent=2))
    else:
        print(api.render.explain_text(scenario, fmt, verdicts, scenario.state, tested))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.out:
        check_out(args.out)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for kind in (*api.schema_kinds(), "any"):
            path = out / f"negsim-{kind}.schema.json"
            path.write_text(json.dumps(api.json_schema(kind, args.params), indent=2) + "\n")
            print(path)
    else:
        print(json.dumps(api.json_schema(args.kind, args.params), indent=2))
    return 0




def cmd_init(args: argparse.Namespace) -> int:
    check_out(args.folder, "the folder")
    made = init_folder(args.folder)
    print(f"Copied the bundled case into {args.folder}/: " + ", ".join(p.name + "/"
                                                                        for p in made))
    print(f"Next: cd {args.folder} && negsim run   (scenarios/README.md is the instructor's "
          f"guide)")
    return 0
