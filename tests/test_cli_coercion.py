"""ikplan/cli_coercion.py: option values taken without pydantic, exactly as typer's own coercion takes them."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer import _coercion

from ikplan import cli_coercion
from ikplan.cli import app

ROOT = Path(__file__).resolve().parent.parent

SAMPLES: dict[str, list[Any]] = {
    "str": ["abc", "", "-x", "å ä ö", "2025-09-15"],
    "bool": [True, False, "true", "nej"],
    "int": [0, 1, 2, 5, "0", "1", "2", "30", "-1", "007", "abc", "1.5", " 3", "+3", "1_0", "٣", "", 2**70],
    "list[str]": [("a", "b"), ["x"], (), ("a", 1)],
}


def _params() -> list[tuple[Any, Any, Any]]:
    """(command, parameter, its click Context) for every parameter of every command."""
    group = typer.main.get_command(app)
    out = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        ctx = command.make_context(name, [], resilient_parsing=True)
        out += [(name, p, ctx) for p in command.params if hasattr(p, "type_descriptor")]
    return out


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as exc:
        return "refused", exc.message
    return type(got).__name__, got


PARAMS = _params()


def test_every_option_of_every_command_is_a_plain_value() -> None:
    """A parameter outside the plain kinds would bring pydantic back on every call of its command."""
    other = [f"{c}:{p.name}" for c, p, _ in PARAMS if cli_coercion.kind_of(p.type_descriptor) is None]
    assert other == []
    assert len(PARAMS) > 100  # every command's, not one


@pytest.mark.parametrize("command,param,ctx", PARAMS, ids=[f"{c}:{p.name}" for c, p, _ in PARAMS])
def test_a_value_comes_out_as_typer_would_take_it(command: str, param: Any, ctx: Any) -> None:
    descriptor = param.type_descriptor
    kind = cli_coercion.kind_of(descriptor)
    assert kind is not None
    values = list(SAMPLES.get(kind, []))
    if kind == "choice":
        choices: list[Enum] = list(descriptor.annotation)
        values += choices + [c.value for c in choices] + [str(c.value).upper() for c in choices] + ["nope", ""]
    values.append(None)
    ours = cli_coercion.build_runtime_param(descriptor)
    typers = _coercion.build_runtime_param(descriptor)
    assert isinstance(ours, cli_coercion.PlainRuntimeParam)
    for value in values:
        if param.multiple or param.nargs == -1:
            if isinstance(value, str):
                continue  # click never hands a single text to a list parameter
        elif isinstance(value, list | tuple):
            continue
        assert _outcome(ours, value, param, ctx) == _outcome(typers, value, param, ctx), (command, param.name, value)


def test_well_formed_values_do_not_build_typers_coercion() -> None:
    jobs = next(p for c, p, _ in PARAMS if c == "status" and p.name == "jobs")
    ctx = next(x for c, p, x in PARAMS if p is jobs)
    ours = cli_coercion.build_runtime_param(jobs.type_descriptor)
    assert ours.coerce("2", param=jobs, ctx=ctx) == 2
    assert ours._typers == []  # type: ignore[attr-defined]
    with pytest.raises(typer.BadParameter, match="greater than or equal to 1"):
        ours.coerce("0", param=jobs, ctx=ctx)
    assert len(ours._typers) == 1  # type: ignore[attr-defined]


def test_summary_and_status_run_without_importing_pydantic(tmp_path: Path) -> None:
    """With the prebuilt validators in place, a full-command-line call never imports pydantic."""
    env = {**os.environ, "IKPLAN_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('pydantic imported: %s\\n' % ('pydantic' in sys.modules)))\n"
        "sys.argv = ['ikplan', *sys.argv[1:]]\n"
        "from ikplan.__main__ import run\nrun()\n"
    )
    uppsala = str(ROOT / "plans" / "uppsala")
    calls = [
        ["summary", uppsala, "-f", "json", "--datum", "2025-01-20", "-j", "1"],
        ["status", uppsala, "--period", "delar", "-f", "json"],
    ]
    said = []
    for args in [calls[0], *calls]:  # the first call writes the cache (with pydantic)
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
        said.append(done.stderr.strip().splitlines()[-1])
    assert said == ["pydantic imported: True"] + ["pydantic imported: False"] * 2
