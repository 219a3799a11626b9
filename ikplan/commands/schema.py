"""`ikplan schema`: the JSON Schema (draft 7) of the plan format or of ikplan.yaml, for editors."""

from __future__ import annotations

from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class SchemaArgs:
    kind: str = "plan"  # plan or config
    version: int = 2
    config: str | None = None


@command
def run(args: SchemaArgs, result: Result) -> None:
    from ikplan.errors import IkplanError
    from ikplan.plan.schema import schema_text

    kommun = None
    if args.config is not None:
        from ikplan.checking.reporters import text
        from ikplan.checking.validate import Checker
        from ikplan.commands import need_file

        need_file(args.config, "ikplan.yaml")
        checker = Checker()
        settings = checker.check_config(args.config)
        if settings is None:
            result.err_raw(text([f for found in checker.config_findings.values() for f in found], 1))
            raise IkplanError(f"{args.config} har fel; rätta den först")
        kommun = settings.config
    result.out(schema_text(args.kind, args.version, kommun))
