"""Check plan files: load safely, validate the schema, apply the domain rules.

`Checker` is the one entry point every command uses to turn a path into a plan
(or findings). It caches the kommun configuration per directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ikplan.checking.findings import Finding, Severity, cap
from ikplan.checking.loading import (
    LoadResult,
    SourceMap,
    describe_coercion,
    load_bytes,
    load_file,
    with_flow_hints,
)
from ikplan.checking.rules import PlanIdentity, check_rules, duplicate_plans, ignore_problems, who_may_ignore
from ikplan.checking.schemacheck import validate_model
from ikplan.checking.versions import version_findings
from ikplan.errors import UsageError
from ikplan.plan.config import (
    DEFAULT,
    Config,
    PlanSettings,
    Settings,
    combine,
    find_config,
    is_config_file,
    parent_config,
    searched,
)
from ikplan.plan.model import SCHEMA_VERSION, Plan
from ikplan.text import yaml_value

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class Checked:
    """The outcome of checking one file."""

    file: str
    plan: Plan | None
    settings: PlanSettings | None
    source: SourceMap
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.plan is not None and not any(f.severity is Severity.ERROR for f in self.findings)


def expand(paths: Iterable[str]) -> list[str]:
    """Files and folders to plan files; folders are searched recursively, sorted."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found: list[str] = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(root, f)
                    for f in files
                    if f.endswith(PLAN_SUFFIXES) and not is_config_file(f) and not f.startswith(".")
                )
            out.extend(sorted(found))
        elif os.path.exists(p):
            out.append(p)
            if is_config_file(os.path.basename(p)):
                # A changed ikplan.yaml (as pre-commit passes it) can break every plan it governs.
                folder = os.path.dirname(p) or "."
                out.extend(f for f in expand([folder]) if f not in out)
        else:
            raise UsageError(f"sökvägen '{p}' finns inte")
    return out


# A plan's top-level `år: 2025` line, as `new` and `rollover` write it and as people do.
_YEAR_KEY = "år:".encode()
_YEAR_LINE = re.compile(r"år:[ \t]*(['\"]?)(\d{4})\1[ \t]*(?:#[^\r\n]*)?\r?(?:\n|$)".encode())


def stated_year(path: str) -> int | None:
    """The year a plan file states on one top-level `år:` line, read without parsing it; None when that
    cannot be told at a glance (no such line or two, another encoding, a flow mapping): then only
    reading the plan tells. For commands that need only some years of a kommun's many."""
    from ikplan.checking.loading import read_limited

    try:
        raw = read_limited(path) or b""
    except OSError:
        return None
    # Found with bytes.find and count, not a multi-line pattern tried at every position (a tenth of a
    # millisecond against half of one per plan).
    line_start = b"\n" + _YEAR_KEY
    if raw.count(line_start) + raw.startswith(_YEAR_KEY) != 1:
        return None
    found = _YEAR_LINE.match(raw, 0 if raw.startswith(_YEAR_KEY) else raw.find(line_start) + 1)
    return int(found[2]) if found else None


def _coercion_warnings(result: LoadResult, already: set[tuple[int, int]]) -> list[Finding]:
    out = []
    for path, c in result.source.coercions.items():
        line, col = result.source.locate(path)
        if (line, col) in already:
            continue
        where = ".".join(
            str(p) if isinstance(p, str | int) and not isinstance(p, bool) else yaml_value(p) for p in path
        )
        out.append(Finding(result.file, line, col, "IK009", Severity.WARNING, f"{where}: {describe_coercion(c)}"))
    return out


def _combined(
    parent: tuple[Settings | None, str], config: Config, path: str, result: LoadResult
) -> tuple[Settings | None, list[Finding]]:
    """A nearer ikplan.yaml on top of the kommun's: the settings, and IK018 for what it may not do."""
    root, root_path = parent
    if root is None:
        message = f"kommunens {os.path.relpath(root_path)} har fel; den här ikplan.yaml kan inte kontrolleras mot den"
        return None, [Finding(result.file, 1, 1, "IK054", Severity.ERROR, message)]
    settings, problems = combine(root, config, path, lambda code: who_may_ignore(code) == "planen")
    out = []
    for p, message in problems:
        line, col = result.source.locate(p, key=len(p) == 1 or p[0] == "riskmatris")
        out.append(Finding(result.file, line, col, "IK018", Severity.ERROR, message))
    return settings, out


class Checker:
    """Checks plans; remembers each kommun configuration it has read."""

    def __init__(self, config_override: str | None = None) -> None:
        self._dir_cache: dict[str, str | None] = {}
        self._configs: dict[str, tuple[Settings | None, list[Finding]]] = {}
        self._override = config_override
        self.config_findings: dict[str, list[Finding]] = {}

    # -- configuration ----------------------------------------------------------------------
    def settings_for(self, plan_path: str) -> tuple[Settings | None, str | None]:
        cfg_path = self._override or find_config(os.path.dirname(os.path.abspath(plan_path)), self._dir_cache)
        if cfg_path is None:
            return Settings(DEFAULT.config, None, searched(os.path.dirname(os.path.abspath(plan_path)))), None
        if cfg_path not in self._configs:
            checked = self.check_config(cfg_path, parent=self._parent_of(cfg_path))
            self._configs[cfg_path] = (checked, self.config_findings[cfg_path])
        return self._configs[cfg_path][0], cfg_path

    def _parent_of(self, cfg_path: str) -> tuple[Settings | None, str] | None:
        """The kommun's settings above a nearer ikplan.yaml (None for the kommun's own, or with --config)."""
        above = None if self._override else parent_config(cfg_path, self._dir_cache)
        if above is None:
            return None
        if above not in self._configs:
            settings = self.check_config(above, parent=self._parent_of(above))
            self._configs[above] = (settings, self.config_findings[above])
        return self._configs[above][0], above

    def check_config(
        self,
        path: str,
        display: str | None = None,
        raw: bytes | None = None,
        parent: tuple[Settings | None, str] | None = None,
    ) -> Settings | None:
        name = display or os.path.relpath(path)
        noun = "en ikplan.yaml"
        result = load_file(path, name, noun) if raw is None else load_bytes(raw, name, noun)
        findings = list(result.findings)
        settings: Settings | None = None
        if result.data is not None:
            config, errors = validate_model(Config, result.data, result.source, result.file)
            findings += errors
            if config is not None:
                for p, message in config.matrix.problems():
                    line, col = result.source.locate(("riskmatris", *p), key=True)
                    findings.append(Finding(result.file, line, col, "IK055", Severity.ERROR, message))
                for p, message in config.problems():
                    line, col = result.source.locate(p)
                    findings.append(Finding(result.file, line, col, "IK015", Severity.ERROR, message))
                for i, message in ignore_problems(config.ignore_rules, in_plan=False):
                    line, col = result.source.locate(("ignorera_regler", i))
                    findings.append(Finding(result.file, line, col, "IK014", Severity.ERROR, message))
                settings = Settings(config, path)
                if parent is not None:
                    settings, combining = _combined(parent, config, path, result)
                    findings += combining
                if any(f.severity is Severity.ERROR for f in findings):
                    settings = None
            findings = with_flow_hints(findings, result.source, result.file)
            findings += _coercion_warnings(result, {(f.line, f.column) for f in findings})
        findings.sort(key=Finding.sort_key)
        self.config_findings[path] = cap(findings, name)
        return settings

    # -- plans ------------------------------------------------------------------------------
    def check_path(self, path: str, display: str | None = None) -> Checked:
        name = display or path
        if is_config_file(path):
            self.check_config(path, name, parent=self._parent_of(os.path.abspath(path)))
            return Checked(name, None, None, SourceMap(), self.config_findings[path])
        return self.check_loaded(load_file(path, name), path)

    def check_bytes(self, raw: bytes, name: str, settings_from: str | None = None) -> Checked:
        """Check plan bytes (e.g. from git) using the configuration found from `settings_from`."""
        return self.check_loaded(load_bytes(raw, name), settings_from or name)

    def check_loaded(self, result: LoadResult, locate_from: str) -> Checked:
        """Check what the loader read, with the configuration found from `locate_from`. The data is
        translated to ikplan's own keys in place: copy it first to keep the kommun's words."""
        findings = list(result.findings)
        if result.data is None:
            return Checked(result.file, None, None, result.source, findings)
        base, cfg_path = self.settings_for(locate_from)
        if base is None:
            # Checked without the kommun's words and scales, each plan would show dozens of errors that
            # are not its own; the one to fix stands in the ikplan.yaml, reported once there.
            cfg = os.path.relpath(cfg_path or "")
            skipped = f"planen kontrollerades inte: {cfg} har fel; rätta dem först"
            findings.append(Finding(result.file, 1, 1, "IK054", Severity.ERROR, skipped))
            return Checked(result.file, None, None, result.source, findings)
        base.config.translate(result.data)
        words = base.config.vocabulary_for(result.data).words
        plan, errors = validate_model(Plan, result.data, result.source, result.file, base.config.own_keys, words)
        findings += errors
        settings = None
        if plan is not None:
            settings = base.for_plan(plan)
            plan.use_words(settings.words)
            if plan.schema_version < SCHEMA_VERSION:
                findings += version_findings(plan, plan.schema_version, result.source, result.file)
            findings += self._matrix_findings(plan, settings, result)
            findings += check_rules(plan, settings, result.source, result.file)
        findings = with_flow_hints(findings, result.source, result.file)
        findings += _coercion_warnings(result, {(f.line, f.column) for f in findings})
        findings.sort(key=Finding.sort_key)
        return Checked(result.file, plan, settings, result.source, cap(findings, result.file))

    @staticmethod
    def _matrix_findings(plan: Plan, settings: PlanSettings, result: LoadResult) -> list[Finding]:
        if plan.matrix is None:
            return []
        out = []
        for p, message in settings.matrix.problems():
            line, col = result.source.locate(("riskmatris", *p), key=True)
            out.append(Finding(result.file, line, col, "IK055", Severity.ERROR, message))
        return out

    def check_many(self, paths: Iterable[str]) -> Iterator[Checked]:
        for p in paths:
            yield self.check_path(p)


# From this many files on, `validate` spreads them over a process pool; below it the pool's start costs
# more than it saves (a small plan checks in a few milliseconds).
PARALLEL_FROM = 48
_CHUNKS_PER_JOB = 4  # each chunk is a quarter of what is left per process
_MIN_CHUNK = 2


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. under a container's or CI's limit)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


Chunk = tuple[list[Finding], dict[str, list[Finding]], list[Any]]
T = TypeVar("T")


def _check_chunk(files: list[str], config: str | None) -> Chunk:
    """Findings of `files` in order, of each kommun configuration met (in the order first met),
    and the small records the cross-file rule IK140 compares at the end."""
    from ikplan.checking.recurring import record

    checker = Checker(config)
    findings: list[Finding] = []
    records: list[Any] = []
    for checked in checker.check_many(files):
        findings.extend(checked.findings)
        r = record(checked)
        if r is not None:
            records.append(r)
        if checked.plan is not None:  # IK123: two files for one nämnd and year
            records.append(PlanIdentity.of(checked.plan, checked.source, checked.file))
    return findings, checker.config_findings, records


def jobs_for(jobs: int | None) -> int:
    """The processes to use: `jobs` when given, else IKPLAN_JOBS (for the commands without --jobs), else
    every core available."""
    if jobs is not None:
        return jobs
    env = os.environ.get("IKPLAN_JOBS", "")
    return int(env) if env.isascii() and env.isdigit() and int(env) >= 1 else available_cores()


def _spans(n: int, jobs: int) -> list[tuple[int, int]]:
    """Contiguous [start, end) spans of n files, each a share of what is left, so they shrink towards the
    end: large spans cost few hand-overs, and the last ones are so small that no process waits long for
    another to finish."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < n:
        size = max(_MIN_CHUNK, -(-(n - start) // (_CHUNKS_PER_JOB * jobs)))
        out.append((start, min(n, start + size)))
        start = out[-1][1]
    return out


# What every process of a pool reads: the files, their spans, the next span to take (shared), the work.
_POOL: tuple[Any, list[str], list[tuple[int, int]], str | None, Callable[[list[str], str | None], Any]] | None = None


_SWITCH_INTERVAL = 0.0002  # seconds, see _in_pool
_IN_WORKER = False  # set in each worker of the pool as it starts (never in the process that started it)


def _pool_share(taken: Any, files: list[str], spans: list[tuple[int, int]], config: str | None, work: Any) -> None:
    global _POOL, _IN_WORKER
    _POOL = (taken, files, spans, config, work)
    _IN_WORKER = True


def _take_span() -> tuple[int, Any] | None:
    """The next span no process has taken, worked on here: (its number, the work's result), or None when
    every span is taken."""
    assert _POOL is not None
    taken, files, spans, config, work = _POOL
    with taken.get_lock():
        i = taken.value
        if i >= len(spans):
            return None
        taken.value = i + 1
    start, end = spans[i]
    return i, work(files[start:end], config)


def _in_pool(
    work: Callable[[list[str], str | None], T],
    files: list[str],
    config: str | None,
    jobs: int,
    receive: Callable[[T], T] | None = None,
) -> list[T]:
    """`work` on contiguous chunks of `files`, the results in the files' order, over `jobs` processes:
    this one and jobs - 1 workers. Only paths go out; each worker is forked from this process, so it
    starts with ikplan imported. Every process takes the next chunk from one shared counter as soon as it
    is free, this one too (it would otherwise sit idle on a core, and what it checks itself is never
    pickled); the chunks shrink towards the end, so all finish at about the same time.

    `receive` is what this process does with each chunk's result (a worker's, unpickled) before it is
    returned: done between this process's own chunks for the workers' that are in by then, so that the
    workers take more chunks meanwhile instead of this process doing it all once the last is read."""
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    global _POOL
    spans = _spans(len(files), jobs)
    # fork starts a worker without importing ikplan again; elsewhere the platform's default
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    taken = context.Value("i", 0)
    shared = (taken, files, spans, config, work)
    results: dict[int, T] = {}
    keep: Callable[[T], T] = receive if receive is not None else (lambda result: result)
    workers = max(1, min(jobs, len(spans)) - 1)
    # The pool's own threads here (reading a worker's results off the pipe, feeding it the next task) wait
    # for this busy thread to let go of the GIL, 5 ms a time by default, while the worker waits for them:
    # with plans as results it stood idle a third of the time. A short interval while the pool runs.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(_SWITCH_INTERVAL)
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_pool_share, initargs=shared) as pool:
            # One task per chunk, queued at once: a worker that finishes one finds the next waiting and takes
            # whichever chunk is next by then, without this process (busy with its own) handing it over.
            tasks = [pool.submit(_take_span) for _ in spans]
            waiting = list(tasks)

            def collect(block: bool) -> None:
                for task in [t for t in waiting if block or t.done()]:
                    waiting.remove(task)
                    if not task.cancelled() and (theirs := task.result()) is not None:
                        results[theirs[0]] = keep(theirs[1])

            _POOL = shared
            try:
                while (mine := _take_span()) is not None:
                    results[mine[0]] = keep(mine[1])
                    collect(block=False)
            finally:
                _POOL = None
            for task in tasks:
                task.cancel()  # the tasks no worker has started: every chunk is taken
            collect(block=True)
    finally:
        sys.setswitchinterval(interval)
    return [results[i] for i in range(len(spans))]


def _check_parallel(files: list[str], config: str | None, jobs: int) -> Chunk:
    findings: list[Finding] = []
    configs: dict[str, list[Finding]] = {}
    records: list[Any] = []
    for chunk_findings, chunk_configs, chunk_records in _in_pool(_check_chunk, files, config, jobs):
        findings.extend(chunk_findings)
        records.extend(chunk_records)
        for path, cfg_findings in chunk_configs.items():
            configs.setdefault(path, cfg_findings)
    return findings, configs, records


def validate_paths(
    paths: Iterable[str], config: str | None = None, jobs: int | None = None, notes: list[str] | None = None
) -> tuple[int, list[Finding]]:
    """Check every file (one bad file never stops the others). Returns (file count, findings).

    Findings of a kommun configuration that the plans use are included once. With `jobs` above 1
    (default: the cores available) and at least PARALLEL_FROM files, the files are checked in a
    process pool; the findings and their order are the same as in one process.
    """
    files = expand(paths)
    jobs = jobs_for(jobs)
    if jobs > 1 and len(files) >= PARALLEL_FROM:
        try:
            findings, configs, records = _check_parallel(files, config, jobs)
        except (OSError, ImportError, RuntimeError):  # no process pool here (e.g. no /dev/shm): one process
            findings, configs, records = _check_chunk(files, config)
    else:
        findings, configs, records = _check_chunk(files, config)
    from ikplan.checking.recurring import recurring

    findings.extend(recurring([r for r in records if not isinstance(r, PlanIdentity)]))
    findings.extend(duplicate_plans([r for r in records if isinstance(r, PlanIdentity)]))
    from ikplan.audit.unchanged import adopted_plan_findings  # IK150: across each plan's git history

    findings.extend(adopted_plan_findings(files, config, notes if notes is not None else []))
    explicit = {os.path.abspath(p) for p in files}
    read_on_the_way = 0  # a kommun configuration with findings counts as a file (no "4 av 2 filer")
    from ikplan.checking.editorschema import stale_schemas

    schemas_seen: set[str] = set()  # one ikplan.yaml may be met as given and as found from a plan
    for cfg_path, cfg_findings in configs.items():
        # IK020 here in one process (a pool would repeat it), once per ikplan.yaml
        stale = [] if os.path.abspath(cfg_path) in schemas_seen else stale_schemas([cfg_path], config)
        schemas_seen.add(os.path.abspath(cfg_path))
        if os.path.abspath(cfg_path) not in explicit:
            findings.extend(cfg_findings)
            read_on_the_way += bool(cfg_findings or stale)
        findings.extend(stale)
    return len(files) + read_on_the_way, findings


# One file as `_load_chunk` returns it: the plan (pickled on its own in a worker) with what IK123 compares
# of it, or the file's errors.
LoadItem = tuple[Checked | bytes, PlanIdentity] | list[Finding]
LoadChunk = tuple[list[LoadItem], dict[str, list[Finding]]]


def _load_chunk(
    files: list[str],
    config: str | None,
    keep_invalid: bool = False,
    sources: bool = True,
    checker: Checker | None = None,
) -> LoadChunk:
    """Each file's plan, or its errors, in order; and each kommun configuration's findings (in the order
    first met). A plan is kept when it has no errors or, with `keep_invalid`, whenever it could be read
    (its findings stay with it). Without `sources` a plan comes without its SourceMap: the commands that
    only count never point into the file, and the map costs more to pickle than the plan itself. IK123's
    line is taken before the map is dropped.

    Read with a chunk's own Checker (no `checker`: in the pool), a plan comes without its settings: the
    parent's Checker gives every plan of a kommun one settings object, as in one process, and no Config is
    pickled per plan. A worker pickles each plan on its own: one pickle of the whole chunk spends twice as
    long on its memo."""
    import pickle

    from ikplan.collector import settle

    in_worker = _IN_WORKER
    reader = checker if checker is not None else Checker(config)
    out: list[LoadItem] = []
    for checked in reader.check_many(files):
        if checked.plan is None or checked.settings is None or not (keep_invalid or checked.ok):
            out.append([f for f in checked.findings if f.severity is Severity.ERROR])
            continue
        identity = PlanIdentity.of(checked.plan, checked.source, checked.file)
        if not sources:
            checked.source = SourceMap()
        if checker is None:
            checked.settings = None
        if in_worker:
            out.append((pickle.dumps(checked, pickle.HIGHEST_PROTOCOL), identity))
        else:
            out.append((checked, identity))
            settle()  # kept to the end (see collector.py)
    return out, reader.config_findings


def _load_parallel(
    checker: Checker,
    files: list[str],
    jobs: int,
    keep_invalid: bool,
    sources: bool,
    each: Callable[[Checked], None] | None = None,
) -> list[LoadItem]:
    """`_load_chunk` over the pool, each plan unpickled, given its settings from `checker`, and handed
    to `each` as soon as it is in this process."""
    import functools
    import pickle

    from ikplan.collector import settle

    def receive(chunk: LoadChunk) -> LoadChunk:
        items, chunk_configs = chunk
        out: list[LoadItem] = []
        for part in items:
            if isinstance(part, list):
                out.append(part)
                continue
            raw, identity = part
            item: Checked = pickle.loads(raw) if isinstance(raw, bytes) else raw
            base, _ = checker.settings_for(item.file)
            assert base is not None and item.plan is not None  # the worker read the same ikplan.yaml
            item.settings = base.for_plan(item.plan)
            item.plan.use_words(item.settings.words)
            if each is not None and item.ok:
                each(item)
            out.append((item, identity))
        settle()  # these plans stay to the end: the collector need not walk them again
        return out, chunk_configs

    work = functools.partial(_load_chunk, keep_invalid=keep_invalid, sources=sources)
    out: list[LoadItem] = []
    configs: dict[str, list[Finding]] = {}
    for items, chunk_configs in _in_pool(work, files, checker._override, jobs, receive):
        out.extend(items)
        for path, cfg_findings in chunk_configs.items():
            configs.setdefault(path, cfg_findings)
    checker.config_findings = configs  # the order the files met them in, as in one process
    return out


def load_plans(
    paths: Iterable[str],
    config: str | None = None,
    jobs: int | None = None,
    *,
    keep_invalid: bool = False,
    sources: bool = True,
    checker: Checker | None = None,
    each: Callable[[Checked], None] | None = None,
) -> tuple[list[Checked], list[Finding]]:
    """Plans that can be used (no errors), and the errors of those that cannot.

    Commands that score, follow up or report use this: a broken plan is reported and
    skipped, the others are still processed. From PARALLEL_FROM files on, with more than one job
    (`jobs`, else as `jobs_for` says), the plans are read in the same process pool as `validate`;
    the result is the same as in one process.

    `keep_invalid` keeps every plan that could be read, rule errors and all (with its findings), and
    returns the errors of the files that could not be read. Without `sources` the plans come without
    their SourceMap (an empty one: no line to point at), which a command that only counts does not need
    and which doubles what the pool sends back. `checker` (given its `config`) is the one to read with,
    for a caller that reads more files with it afterwards.

    `each` is called with every plan without errors as soon as it is in this process: in the pool,
    between this process's own chunks, so that what a command works out per plan is done while the
    workers still read (followup/memo.py).
    """
    checker = checker if checker is not None else Checker(config)
    files = [p for p in expand(paths) if not is_config_file(p)]
    jobs = jobs_for(jobs)
    items: list[LoadItem] | None = None
    if jobs > 1 and len(files) >= PARALLEL_FROM:
        try:
            items = _load_parallel(checker, files, jobs, keep_invalid, sources, each)
        except (OSError, ImportError, RuntimeError):  # no process pool here: one process
            items = None
    if items is None:
        items = _load_chunk(files, config, keep_invalid, sources, checker)[0]
        for item in items:
            if each is not None and not isinstance(item, list) and isinstance(item[0], Checked) and item[0].ok:
                each(item[0])
    good: list[Checked] = []
    errors: list[Finding] = []
    identities: list[PlanIdentity] = []
    for item in items:
        if isinstance(item, list):
            errors.extend(item)
        else:
            assert isinstance(item[0], Checked)  # only a worker's own copy is bytes
            good.append(item[0])
            identities.append(item[1])
    # Two files for one nämnd and year: neither is used (which one the nämnd adopted is not ikplan's guess).
    twice = duplicate_plans(identities)
    errors.extend(twice)
    good = [c for c in good if c.file not in {f.file for f in twice}]
    for cfg_findings in checker.config_findings.values():
        errors.extend(f for f in cfg_findings if f.severity is Severity.ERROR)
    return good, errors
