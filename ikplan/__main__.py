"""The `ikplan` command and `python -m ikplan`.

A plain `ikplan validate …` (what pre-commit runs on every commit) or `ikplan show --flat FILE` (git's
textconv) is served without importing typer (cli_fast.py); every other call goes to the full command line
in cli.py.
"""

from __future__ import annotations

import sys


def leave(code: int | str | None) -> None:
    """End the process with `code` once the output is out, without Python's teardown.

    Freeing every object one by one at exit costs a command that holds a kommun's plans as much as
    building its sammanställning (about 60 ms for 200 plans); mypy ends the same way for the same
    reason. The atexit functions run first (the prebuilt validators are saved in one, temporary files
    are removed in others). Whatever is not plainly done (an exit with a message, output that cannot
    be flushed) takes Python's own way out, as before."""
    import atexit
    import os

    if code is not None and not isinstance(code, int):
        sys.exit(code)
    try:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code or 0)


def run() -> None:
    from ikplan.collector import tune

    tune(own_process=True)  # before the imports: pydantic's model building alone triggers dozens of collections
    from ikplan.cli_fast import fast_main

    code = fast_main(sys.argv[1:])
    if code is not None:
        leave(code)
    from ikplan.plan import prebuilt

    light = prebuilt.activate()  # the models' compiled schemas, as for validate (ikplan/plan/prebuilt.py)
    if not light:
        import atexit

        atexit.register(prebuilt.save)  # after the command, for the next one
    from ikplan.cli import run as full

    try:
        full()
    except SystemExit as done:
        leave(done.code)
    except Exception:
        if not light:
            raise
        prebuilt.rerun_without(sys.argv[1:])


if __name__ == "__main__":
    run()
