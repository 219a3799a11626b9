"""Prebuilt validators (ikplan/plan/prebuilt.py): `ikplan validate` with the light models from the
cache says exactly what it says with the models pydantic builds, byte for byte, on every kind of
input; the cache is written once, used after, and a cache file ikplan did not write is never run."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, KOMMUNER_DIR, PLANS, ROOT
from tests.hostile_corpus import build

FIXTURES = ROOT / "tests" / "fixtures"
EGNA = FIXTURES / "egna_ord"


def _validate(
    args: list[str], cache: Path, *, light: bool, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IKPLAN_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "80", "GITHUB_ACTIONS": ""}
    env["IKPLAN_PREBUILT"] = "1" if light else "0"
    return subprocess.run(
        [sys.executable, "-m", "ikplan", "validate", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or ROOT,
        timeout=120,
        check=False,
    )


def _probe(cache: Path, code: str) -> str:
    """Run `code` after the fast path's activate(), in a process of its own."""
    env = {**os.environ, "IKPLAN_CACHE_DIR": str(cache)}
    script = "from ikplan.plan import prebuilt\nLIGHT = prebuilt.activate()\n" + code
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prebuilt")
    first = _validate([str(PLANS / "uppsala" / "amn-2024.yaml")], folder, light=True)
    assert first.returncode == 0, first.stderr
    assert len(list(folder.glob("prebuilt-*.pickle"))) == 1
    return folder


def _same(args: list[str], cache: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    light = _validate(args, cache, light=True, cwd=cwd)
    full = _validate(args, cache, light=False, cwd=cwd)
    assert "Traceback" not in light.stderr, light.stderr
    assert (light.returncode, light.stdout, light.stderr) == (full.returncode, full.stdout, full.stderr)
    return light


def test_the_first_run_writes_the_cache_and_the_next_does_not_import_pydantic(cache: Path) -> None:
    out = _probe(cache, "import sys, ikplan.plan.config\nprint(LIGHT, 'pydantic' in sys.modules)")
    assert out.split() == ["True", "False"]
    # without the file (or turned off) the models are pydantic's
    empty = cache.parent / "empty-cache"
    empty.mkdir(exist_ok=True)
    assert _probe(empty, "import sys, ikplan.plan.config\nprint(LIGHT, 'pydantic' in sys.modules)").split() == [
        "False",
        "True",
    ]


def test_light_models_know_the_same_fields_as_pydantics(cache: Path) -> None:
    code = (
        "import json, ikplan.plan.model as m, ikplan.plan.config as c\n"
        "from ikplan.plan.base import BaseModel\n"
        "from ikplan.checking.versions import _models_in\n"
        "out = {}\n"
        "for mod in (m, c):\n"
        "    for k, v in sorted(vars(mod).items()):\n"
        "        if isinstance(v, type) and issubclass(v, BaseModel) and v.__module__ == mod.__name__:\n"
        "            out[k] = {n: [f.alias, repr(f.json_schema_extra), _models_in(f.annotation)]"
        " for n, f in v.model_fields.items()}\n"
        "print(json.dumps(out, sort_keys=True))\n"
    )
    light = json.loads(_probe(cache, code))
    full = json.loads(_probe(cache.parent / "empty-cache", code))
    assert light == full
    assert light["Plan"]["risks"][0] == "risker"
    assert light["Plan"]["risks"][2] is True  # a field that holds models is seen as one


@pytest.mark.parametrize(
    "paths",
    [
        [str(PLANS)],
        [str(EXAMPLES / "valid"), str(EXAMPLES / "invalid")],
        [str(KOMMUNER_DIR)],
        [str(FIXTURES)],
    ],
    ids=["plans", "examples", "kommuner", "fixtures"],
)
def test_validate_says_the_same_with_and_without_the_cache(cache: Path, paths: list[str]) -> None:
    _same(paths, cache)
    _same([*paths, "-f", "json"], cache)


_BROKEN = {
    # each a change to the fixture kommun's plan that a schema or rule objects to
    "fel-ord.yaml": ("resultat: Godkänd", "resultat: Godkänt"),
    "okand-nyckel.yaml": ("ansvarig:", "ansvarg:"),
    "fel-typ.yaml": ("sannolikhet: 2", "sannolikhet: två"),
    "saknas.yaml": ("nämnd:", "nämd:"),
    "version.yaml": ("schemaversion: 2", "schemaversion: 7"),
}


def test_findings_of_broken_plans_are_the_same(cache: Path, tmp_path: Path) -> None:
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA, kommun)
    plan = (kommun / "2025" / "von.yaml").read_text(encoding="utf-8")
    changed = 0
    for name, (old, new) in _BROKEN.items():
        if old in plan:
            (kommun / "2025" / name).write_text(plan.replace(old, new, 1), encoding="utf-8")
            changed += 1
    assert changed >= 3, "the fixture plan no longer has the lines these cases change"
    # a nearer ikplan.yaml for one folder (combining the kommun's settings with it, model_copy)
    (kommun / "2024" / "ikplan.yaml").write_text("schemaversion: 2\nignorera_regler: [IK140]\n", encoding="utf-8")
    # the editor's schema (IK020 compares it with the one from the cached JSON Schema)
    git_setup = subprocess.run(
        [sys.executable, "-m", "ikplan", "schema", "plan", "--config", str(kommun / "ikplan.yaml")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    (kommun / ".ikplan").mkdir()
    (kommun / ".ikplan" / "plan.schema.json").write_text(git_setup.stdout, encoding="utf-8")
    done = _same([str(kommun)], cache)
    assert done.returncode == 1
    assert "IK020" not in done.stdout  # the schema written above is up to date in both
    (kommun / "ikplan.yaml").write_text(
        (kommun / "ikplan.yaml").read_text(encoding="utf-8").replace("Godkänd med brister", "Godkänd m. brister"),
        encoding="utf-8",
    )
    done = _same([str(kommun), "-f", "json"], cache)
    _same([str(kommun / "2025")], cache)


def test_the_hostile_corpus_gets_the_same_answers(cache: Path, tmp_path: Path) -> None:
    folders = [os.path.relpath(str(c["dir"]), tmp_path) for c in build(tmp_path)]
    assert len(folders) > 20
    for i in range(0, len(folders), 15):
        _same(folders[i : i + 15], cache, cwd=tmp_path)


def test_a_cache_file_ikplan_did_not_write_is_not_run(cache: Path, tmp_path: Path) -> None:
    own = tmp_path / "cache"
    own.mkdir()
    path = _probe(cache, "print(prebuilt.cache_file())").strip()
    target = own / Path(path).name
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    target.write_bytes(pickle.dumps({"format": 2, "classes": Payload()}))
    done = _validate([str(PLANS / "uppsala" / "amn-2024.yaml")], own, light=True)
    assert done.returncode == 0 and "Inga fel" in done.stderr
    assert not marker.exists()


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    done = _validate([str(PLANS / "uppsala" / "amn-2024.yaml")], blocked / "cache", light=True)
    assert done.returncode == 0 and "Inga fel" in done.stderr and done.stdout == ""


def test_the_pool_gives_the_same_answers(cache: Path, tmp_path: Path) -> None:
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA, kommun)
    plan = (kommun / "2025" / "von.yaml").read_text(encoding="utf-8")
    for i in range(60):  # above PARALLEL_FROM, one with an error every tenth
        text = plan.replace("nämnd: ", f"nämnd: Nämnd {i} ", 1)
        if i % 10 == 3:
            text = text.replace("sannolikhet: 2", "sannolikhet: två", 1)
        (kommun / "2025" / f"n{i:02d}.yaml").write_text(text, encoding="utf-8")
    done = _same([str(kommun), "--jobs", "2"], cache)
    assert done.stdout.count("IK") >= 6
    assert done.stdout == _validate([str(kommun), "--jobs", "1"], cache, light=True).stdout


def test_ik150_across_a_kommuns_git_history_is_the_same(cache: Path, tmp_path: Path) -> None:
    """IK150 compares the adopted version of a plan with the current one through `ikplan diff`, which dumps
    the models: the light models serialise with pydantic-core from the same cached schema."""
    from tests.test_granskning import build as build_kommun

    repo = build_kommun(tmp_path)
    done = _same(["plans/2025/tn.yaml", "plans/2025/sn.yaml"], cache, cwd=repo.root)
    assert done.returncode == 1 and done.stdout.count("IK150") == 1, done.stdout
    _same(["plans", "-f", "json"], cache, cwd=repo.root)


def test_a_cache_that_fails_is_set_aside_and_the_call_runs_without_it(cache: Path, tmp_path: Path) -> None:
    own = tmp_path / "cache"
    shutil.copytree(cache, own)
    path = next(own.glob("prebuilt-*.pickle"))
    data = pickle.loads(path.read_bytes())  # our own file: plain data outside the schemas
    data["classes"]["ikplan.plan.model.Plan"]["schema"] = pickle.dumps(({"type": "no-such-schema"}, None))
    path.write_bytes(pickle.dumps(data))
    plans = str(EGNA)
    light = _validate([plans], own, light=True)
    full = _validate([plans], own, light=False)
    assert (light.returncode, light.stdout, light.stderr) == (full.returncode, full.stdout, full.stderr)
    assert "Traceback" not in light.stderr
    assert not path.exists() and path.with_suffix(".broken").exists()
    again = _validate([plans], own, light=True)  # neither used nor written again
    assert again.stdout == full.stdout and not list(own.glob("prebuilt-*.pickle"))


def test_every_command_writes_and_uses_the_cache(tmp_path: Path) -> None:
    """Not only validate: `status` (through the full command line) writes the cache at its end and the next
    call, with the light models, prints the same bytes; with IKPLAN_PREBUILT=0 too."""
    folder = tmp_path / "cache"
    env = {**os.environ, "IKPLAN_CACHE_DIR": str(folder), "NO_COLOR": "1", "COLUMNS": "80"}
    call = [sys.executable, "-m", "ikplan", "status", str(EGNA / "2025"), "--period", "tertial2", "-f", "json"]
    first = subprocess.run(call, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert first.returncode == 0, first.stderr
    assert len(list(folder.glob("prebuilt-*.pickle"))) == 1
    light = subprocess.run(call, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    full = subprocess.run(
        call, capture_output=True, text=True, env={**env, "IKPLAN_PREBUILT": "0"}, cwd=ROOT, check=False
    )
    assert light.stdout == first.stdout == full.stdout and light.returncode == 0
    assert json.loads(light.stdout)[0]["ord"]


def test_looking_for_the_cache_imports_nothing_heavy(cache: Path) -> None:
    """`ikplan --version` and `--help` look for the cache but do not import pydantic-core to name it."""
    out = _probe(cache, "import sys\nprint(LIGHT, 'pydantic_core' in sys.modules)")
    assert out.split() == ["True", "False"]
