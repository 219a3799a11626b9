"""Output formats for findings: text, json, github, gitlab (Code Quality)."""

from __future__ import annotations

from collections.abc import Callable

from ikplan.checking.findings import Finding, Severity, count

Reporter = Callable[[list[Finding], int], str]


def text(findings: list[Finding], files: int) -> str:
    lines = [f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity.swedish}] {f.message}" for f in findings]
    return "\n".join(lines) + ("\n" if lines else "")


def summary(findings: list[Finding], files: int) -> str:
    """A Swedish closing line, e.g. '2 fel och 1 varning i 1 av 3 filer.'"""
    errors, warnings = count(findings)
    with_problems = len({f.file for f in findings})
    files = max(files, with_problems)  # a kommun's ikplan.yaml with errors is a file too
    noun = "fil" if files == 1 else "filer"
    if not findings:
        return f"Inga fel i {files} {noun}."
    parts = []
    if errors:
        parts.append(f"{errors} fel")
    if warnings:
        parts.append(f"{warnings} {'varning' if warnings == 1 else 'varningar'}")
    return f"{' och '.join(parts)} i {with_problems} av {files} {noun}."


def as_json(findings: list[Finding], files: int) -> str:
    rows = [
        {
            "file": f.file,
            "line": f.line,
            "column": f.column,
            "code": f.code,
            "severity": f.severity.value,
            "message": f.message,
        }
        for f in findings
    ]
    from ikplan import jsontext  # text, the pre-commit format, starts without it

    return jsontext.dumps(rows) + "\n"


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(findings: list[Finding], files: int) -> str:
    out = []
    for f in findings:
        level = "error" if f.severity is Severity.ERROR else "warning"
        props = f"file={_gh_escape(f.file, True)},line={max(f.line, 1)},col={max(f.column, 1)},title={f.code}"
        out.append(f"::{level} {props}::{_gh_escape(f.code + ' ' + f.message)}")
    return "\n".join(out) + ("\n" if out else "")


def gitlab(findings: list[Finding], files: int) -> str:
    import hashlib

    rows = []
    for f in findings:
        digest = hashlib.sha256(f"{f.file}:{f.code}:{f.message}".encode()).hexdigest()
        rows.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f.code,
                "fingerprint": digest,
                "severity": "major" if f.severity is Severity.ERROR else "minor",
                "location": {"path": f.file, "lines": {"begin": max(f.line, 1)}},
            }
        )
    from ikplan import jsontext  # text, the pre-commit format, starts without it

    return jsontext.dumps(rows) + "\n"


REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github, "gitlab": gitlab}
