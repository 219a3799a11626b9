"""IK020: the editor's schema beside an ikplan.yaml no longer says what that ikplan.yaml says.

`ikplan git-setup` writes `.ikplan/plan.schema.json` beside each ikplan.yaml from its fields, words and
axis names, and the plans' modeline points there. Once someone adds a word to the ordlista, the editor
marks every plan that uses it as wrong until the file is written again: `validate` says so, once per
ikplan.yaml, where the change was made. A repository without the file (no git-setup, or a kommun that
removed it) pays nothing and hears nothing; a file that ikplan did not write is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ikplan.checking.findings import Finding, finding

CODE = "IK020"
# Where the file stands, beside its ikplan.yaml (plan/schema.py says why); here, so that a validate
# without the file never imports the schema module.
EDITOR_SCHEMA = ".ikplan/plan.schema.json"
TITLE = "editorschemat är inaktuellt"
DOC = (
    "Editorschemat .ikplan/plan.schema.json bredvid ikplan.yaml stämmer inte längre med ikplan.yaml (t.ex. ett "
    "nytt ord i ordlistan eller ett nytt eget fält) eller med den här versionen av ikplan, så editorn visar fel "
    "som inte är fel. Kör 'ikplan git-setup' så skrivs schemat om, och checka in det. Varning: planerna påverkas "
    "inte. Ett förråd utan schemafilen får ingen varning."
)


def stale_schemas(config_paths: Iterable[str], override: str | None = None) -> list[Finding]:
    """One IK020 warning, on line 1 of the ikplan.yaml, for each of `config_paths` whose editor schema
    is stale; nothing for one that has errors (they are reported already) or no schema file.
    `override` is validate's --config, which then governs every plan."""
    out: list[Finding] = []
    for cfg_path in config_paths:
        folder = os.path.dirname(os.path.abspath(cfg_path))
        schema = os.path.join(folder, *EDITOR_SCHEMA.split("/"))
        if not os.path.isfile(schema):
            continue
        # only now: the schema module brings json and the plan's JSON Schema with it
        from ikplan.checking.validate import Checker
        from ikplan.plan.schema import editor_schema_state

        # the settings a plan beside this ikplan.yaml gets (with what an ikplan.yaml above it adds)
        settings, _ = Checker(override).settings_for(os.path.join(folder, "plan.yaml"))
        if settings is None or editor_schema_state(schema, settings.config) != "inaktuellt":
            continue
        shown = os.path.relpath(cfg_path)
        message = (
            f"editorschemat {os.path.relpath(schema)} stämmer inte längre med {shown} (eller med den här "
            "versionen av ikplan), så editorn kan visa fel som inte är fel: kör 'ikplan git-setup' så skrivs "
            "det om, och checka in det"
        )
        out.append(finding(shown, 1, 1, CODE, message))  # a warning, as registered in rules.all_codes
    return out
