"""The `ikplan` command and `python -m ikplan`.

A plain `ikplan validate …` (what pre-commit runs on every commit) or `ikplan show --flat FILE` (git's
textconv) is served without importing typer (cli_fast.py); every other call goes to the full command line
in cli.py.
"""

from __future__ import annotations

import sys


def run() -> None:
    from ikplan.cli_common import tune_gc

    tune_gc()  # before the imports: pydantic's model building alone triggers dozens of collections
    from ikplan.cli_fast import fast_main

    code = fast_main(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from ikplan.plan import prebuilt

    light = prebuilt.activate()  # the models' compiled schemas, as for validate (ikplan/plan/prebuilt.py)
    if not light:
        import atexit

        atexit.register(prebuilt.save)  # after the command, for the next one
    from ikplan.cli import run as full

    try:
        full()
    except Exception:
        if not light:
            raise
        prebuilt.rerun_without(sys.argv[1:])


if __name__ == "__main__":
    run()
