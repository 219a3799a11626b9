"""The hostile corpus: what a pull request (or a careless user) can put in a plan repository.

Each case is a folder with `plan.yaml` (a plan, or something that only looks like one), and
where the class needs it an `ikplan.yaml`, templates or `bok.xlsx`. `build(root)` writes every
case under `root` and returns them by class. Every command that reads plans or config runs on
each (tests/test_hostile_corpus.py): it must end with a finding or a usage error, never a
traceback or a hang, within 10 s CPU and 500 MB. Add a case to the class it belongs to.
"""

from __future__ import annotations

import io
import os
import socket
import zipfile
from collections.abc import Callable
from pathlib import Path

GOOD = """\
schemaversion: 1
kommun: Testkommun
nämnd: Testnämnden
år: 2025
områden:
  - id: A
    namn: Område A
risker:
  - id: R1
    område: A
    beskrivning: En risk
    sannolikhet: 2
    konsekvens: 3
    riskvärde: 6
    hantering: [kontrollmoment]
    kontrollmoment:
      - id: K1
        beskrivning: Kontrollera något
        kontrollmetod: Stickprov
        ansvarig: Enhetschef
        uppföljning:
          delår:
            datum: 2025-08-31
            resultat: utan anmärkning
"""

Files = dict[str, "str | bytes | Callable[[Path], None]"]


def _with(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def _symlink(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(path))
    finally:
        s.close()


def _xlsx(cells: dict[str, object], extra: dict[str, bytes] | None = None) -> bytes:
    """A workbook with a Risker sheet (header row plus `cells`), written by openpyxl."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Risker"
    ws.append(["Id", "Beskrivning", "Sannolikhet", "Konsekvens", "Riskvärde"])
    ws.append(["R1", "En risk", 2, 3, 6])
    for ref, value in cells.items():
        ws[ref] = value
    meta = wb.create_sheet("Plan")
    meta.append(["Fält", "Värde"])
    meta.append(["Nämnd", "Testnämnden"])
    meta.append(["År", 2025])
    buffer = io.BytesIO()
    wb.save(buffer)
    if not extra:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        for name, data in extra.items():
            dst.writestr(name, data)
    return out.getvalue()


def _bomb_xlsx() -> bytes:
    """A valid workbook plus one part that unpacks to 120 MB (written in chunks, kept small)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_xlsx({})), "r") as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        with dst.open("xl/media/tomt.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(120):
                fh.write(chunk)
    return out.getvalue()


# A kommun whose ikplan.yaml is at the repository root (the case folder); the plan lies in a nämnd's
# folder `sn/` ("@cd": the commands run there) with, in some cases, the nämnd's own ikplan.yaml.
KOMMUN = """\
schemaversion: 1
kommun: Testkommun
nämnder: [Testnämnden, Socialnämnden]
riskmatris:
  kritisk_från: 8
"""
CRITICAL = _with("    sannolikhet: 2\n    konsekvens: 3\n    riskvärde: 6\n", "    riskvärde: 12\n")
ACCEPTED = CRITICAL.replace("hantering: [kontrollmoment]", "hantering: [accepteras]")


def _conflict(text: str, ours: str, theirs: str) -> str:
    """`text` with `ours` as git leaves an unresolved conflict between it and `theirs`."""
    assert ours in text, ours
    return text.replace(ours, f"<<<<<<< HEAD\n{ours}\n=======\n{theirs}\n>>>>>>> annan-gren", 1)


def cases() -> dict[str, dict[str, Files]]:
    """class -> case -> files (name -> text, bytes or a function that creates it)."""
    esc = "\x1b]0;x\x07\x1b[2J"
    return {
        "icke-vanliga filer": {
            "symlänk till /dev/zero": {"plan.yaml": _symlink("/dev/zero")},
            "symlänk till /dev/urandom": {"plan.yaml": _symlink("/dev/urandom")},
            "FIFO": {"plan.yaml": _fifo},
            "socket": {"plan.yaml": _socket},
            "symlänk i ring": {"plan.yaml": _symlink("plan.yaml")},
            "ikplan.yaml är en FIFO": {"plan.yaml": GOOD, "ikplan.yaml": _fifo},
            "ikplan.yaml pekar på /dev/zero": {"plan.yaml": GOOD, "ikplan.yaml": _symlink("/dev/zero")},
        },
        "skrivningar": {
            "länkar, enheter och mappar som mål": {
                "plan.yaml": GOOD,
                "bok.xlsx": _xlsx({}),
                "ut/r.docx": _symlink("/dev/null"),
                "ut/p.xlsx": _fifo,
                "ut/n.yaml": _symlink("saknas/ingenstans.yaml"),
                "ut/i.yaml/fil": "en mapp med samma namn som målet",
                "ut/j.yaml": _symlink("../god.yaml"),
            },
            "ut är en fil": {"plan.yaml": GOOD, "bok.xlsx": _xlsx({}), "ut": "ingen mapp"},
            "ut pekar på /sys": {"plan.yaml": GOOD, "bok.xlsx": _xlsx({}), "ut": _symlink("/sys/kernel")},
            "ut pekar på /proc": {"plan.yaml": GOOD, "bok.xlsx": _xlsx({}), "ut": _symlink("/proc/self")},
        },
        "YAML-undantag": {
            "!!bool ja": {"plan.yaml": _with("nämnd: Testnämnden", "nämnd: !!bool ja")},
            "!!int abc": {"plan.yaml": _with("år: 2025", "år: !!int abc")},
            "!!float x": {"plan.yaml": _with("år: 2025", "år: !!float x")},
            "!!null text": {"plan.yaml": _with("nämnd: Testnämnden", "nämnd: !!null text")},
            "hex med 300 siffror": {"plan.yaml": _with("år: 2025", "år: 0x" + "f" * 300)},
            "binärt med 400 siffror": {"plan.yaml": _with("år: 2025", "år: 0b" + "1" * 400)},
            "explicit hex-tagg": {"plan.yaml": _with("år: 2025", "år: !!int 0x" + "a" * 150)},
            "sexagesimalt": {"plan.yaml": _with("år: 2025", "år: " + ":".join(["59"] * 80))},
            "tagg på nyckel": {"plan.yaml": GOOD + "? !!bool ja\n: 1\n"},
            "!!str på mappning": {"plan.yaml": _with("områden:", "områden: !!str")},
            "år 0": {"plan.yaml": _with("år: 2025", "år: 0000-01-01")},
            "slutdatum år 0": {
                "plan.yaml": GOOD
                + "    åtgärder:\n      - beskrivning: a\n        ansvarig: b\n        slutdatum: '0000-12'\n"
            },
        },
        "förstoring": {
            "49 000 tomma risker": {"plan.yaml": GOOD + "".join("  - {}\n" for _ in range(49_000))},
            "200 000 tomma mappningar": {"plan.yaml": "schemaversion: 1\nrisker:\n" + "- {}\n" * 200_000},
            "3 000 dubblerade id": {
                "plan.yaml": GOOD
                + "".join(f"  - id: R1\n    beskrivning: x{i}\n    riskvärde: 2\n" for i in range(3000))
            },
            "risknivå till 10**12": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nriskmatris:\n  risknivåer:\n"
                "    - {namn: låg, färg: grön, från: 1, till: 1000000000000}\n",
            },
            "36 överlappande nivåer": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nriskmatris:\n  risknivåer:\n"
                + "    - {namn: n, färg: grön, från: 1, till: 36}\n" * 36,
            },
            "kritisk_från 10**90 i planen": {
                "plan.yaml": GOOD + "riskmatris:\n  kritisk_från: " + "9" * 90 + "\n",
            },
        },
        "Excel": {
            "cell i XFD1048576": {"plan.yaml": GOOD, "bok.xlsx": _xlsx({"XFD1048576": "x"})},
            "zip-bomb": {"plan.yaml": GOOD, "bok.xlsx": _bomb_xlsx()},
            "ingen zip": {"plan.yaml": GOOD, "bok.xlsx": b"PK\x03\x04 inte en zip"},
            "formler i planen": {
                "plan.yaml": _with("beskrivning: En risk", 'beskrivning: \'=HYPERLINK("http://x";"klicka")\'')
                .replace("ansvarig: Enhetschef", "ansvarig: '@SUM(1+1)'")
                .replace("kontrollmetod: Stickprov", "kontrollmetod: '+1-1'"),
                "bok.xlsx": _xlsx({"B3": "=1+1", "A3": "R2"}),
            },
            "styrtecken i planen": {
                "plan.yaml": _with("beskrivning: En risk", 'beskrivning: "a\\x01b\\x1bc\\x0bd"'),
                "bok.xlsx": _xlsx({"B2": "text"}),
            },
            "cell i rad 20 000": {"plan.yaml": GOOD, "bok.xlsx": _xlsx({"A20000": "R9"})},
        },
        "konfiguration når utanför": {
            "mall_md /etc/passwd": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nrapport:\n  mall_md: /etc/passwd\n  mall_docx: /etc/passwd\n",
            },
            "mall_md ../../": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nrapport:\n  mall_md: ../../../../../../etc/passwd\n",
            },
            "mall via symlänk": {
                "plan.yaml": GOOD,
                "mallar/t.md.j2": _symlink("/etc/passwd"),
                "ikplan.yaml": "schemaversion: 1\nrapport:\n  mall_md: mallar/t.md.j2\n",
            },
            "mall_docx /dev/zero": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nrapport:\n  mall_docx: /dev/zero\n  mall_md: /dev/zero\n",
            },
        },
        "terminalsekvenser": {
            "OSC och CSI i texter": {
                "plan.yaml": _with("nämnd: Testnämnden", f'nämnd: "Test{esc}"')
                .replace("beskrivning: En risk", 'beskrivning: "risk\\e[31m röd\\a"')
                .replace("namn: Område A", 'namn: "Omr\\e]8;;http://x\\e\\\\länk"')
            },
            "C1 och bidi": {
                "plan.yaml": _with("beskrivning: En risk", 'beskrivning: "a\\x9b31mb \\u202Eabc \\u2066x"')
            },
            "rich-markup i texter": {
                "plan.yaml": _with("beskrivning: En risk", "beskrivning: '[/x] [bold]fet[/bold] [/]'").replace(
                    "område: A", "område: A\n    titel: '[link=http://x]länk[/link]'", 1
                ),
                "ikplan.yaml": "schemaversion: 1\nriskmatris:\n  risknivåer:\n"
                "    - {namn: '[/]', färg: grön, från: 1, till: 3}\n"
                "    - {namn: '[/x]', färg: gul, från: 4, till: 8}\n"
                "    - {namn: '[link=http://x]h', färg: röd, från: 9, till: 16}\n",
            },
            "styrtecken i nyckel": {"plan.yaml": GOOD + '"ok\\e[2Jnyckel": 1\n'},
            "styrtecken i id": {"plan.yaml": _with("id: R1", 'id: "R\\e[2J1"')},
            "styrtecken i ikplan.yaml": {
                "plan.yaml": GOOD,
                "ikplan.yaml": 'schemaversion: 1\nkommun: "K\\e]0;x\\a"\nperioder:\n'
                '  - {id: delår, namn: "D\\e[2J", per: "08-31"}\n',
            },
        },
        "konfiguration som kraschar senare": {
            "per 02-30": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nperioder:\n  - {id: delår, namn: D, per: '02-30'}\n",
            },
            "per 13-01": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nperioder:\n  - {id: delår, namn: D, per: '13-01'}\n",
            },
            "per 02-29": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nperioder:\n  - {id: delår, namn: D, per: '02-29'}\n",
            },
            "tom ikplan.yaml": {"plan.yaml": GOOD, "ikplan.yaml": ""},
            "dubblerade perioder": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\nperioder:\n  - {id: delår, namn: D, per: '08-31'}\n"
                "  - {id: delår, namn: E, per: '12-31'}\n",
            },
            "okänd regel": {"plan.yaml": GOOD, "ikplan.yaml": "schemaversion: 1\nignorera_regler: [IK999, ik101]\n"},
            "planen stänger av fel": {
                "plan.yaml": _with("riskvärde: 6", "riskvärde: 999").replace("sannolikhet: 2", "sannolikhet: 99")
                + "ignorera_regler: [IK101, IK102, IK109]\n"
            },
            "ikplan.yaml stänger av låsta": {
                "plan.yaml": _with("riskvärde: 6", "riskvärde: 999"),
                "ikplan.yaml": "schemaversion: 1\nignorera_regler: [IK102, IK001]\n",
            },
        },
        "mallar": {
            "1/0": {"plan.yaml": GOOD, "t.md.j2": "{{ 1/0 }}", "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n"},
            "include": {
                "plan.yaml": GOOD,
                "t.md.j2": "{% include 'x' %}",
                "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n",
            },
            "10**10000": {
                "plan.yaml": GOOD,
                "t.md.j2": "{{ 10**10000 }}",
                "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n",
            },
            "'a'*10**9": {
                "plan.yaml": GOOD,
                "t.md.j2": "{{ 'a'*10**9 }}",
                "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n",
            },
            "lipsum": {
                "plan.yaml": GOOD,
                "t.md.j2": "{{ lipsum(10**6) }}",
                "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n",
            },
            "ensamt surrogat": {
                "plan.yaml": GOOD,
                "t.md.j2": '{{ "\\ud800" }}{{ plan.board }}',
                "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n",
            },
            "center 10**9": {
                "plan.yaml": GOOD,
                "t.md.j2": "{{ 'x'|center(10**9) }}{{ 'x'.ljust(10**9) }}",
                "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n",
            },
            "format-bredd": {
                "plan.yaml": GOOD,
                "t.md.j2": "{{ '%0999999999d' % 1 }}",
                "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n",
            },
            "rekursivt makro": {
                "plan.yaml": GOOD,
                "t.md.j2": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
                "ikplan.yaml": "rapport:\n  mall_md: t.md.j2\n",
            },
            "docx som inte är zip": {
                "plan.yaml": GOOD,
                "t.docx": b"inte en zip",
                "ikplan.yaml": "rapport:\n  mall_docx: t.docx\n",
            },
            "docx som är en textfil i zip": {
                "plan.yaml": GOOD,
                "t.docx": _xlsx({}),
                "ikplan.yaml": "rapport:\n  mall_docx: t.docx\n",
            },
        },
        "Markdown": {
            "omvänt snedstreck och pipe": {
                "plan.yaml": _with("beskrivning: En risk", "beskrivning: 'a \\| b \\\\| c'")
            },
            "bild och länk": {
                "plan.yaml": _with("beskrivning: En risk", "beskrivning: '![i](http://x) [l](javascript:x)'")
            },
            "rubrik och citat": {
                "plan.yaml": _with("beskrivning: En risk", 'beskrivning: "# Rubrik\\n> citat\\n    kod\\n---"')
            },
            "HTML": {"plan.yaml": _with("beskrivning: En risk", "beskrivning: '<img src=x onerror=alert(1)>&amp;'")},
        },
        "id": {
            "id med radslut": {"plan.yaml": GOOD + "  - id: |\n      R1\n    beskrivning: b\n    riskvärde: 2\n"},
            "id med radslut i kontrollmoment": {
                "plan.yaml": _with("      - id: K1", '      - id: "K1\\n"'),
            },
            "id med mellanslag": {"plan.yaml": _with("  - id: R1", "  - id: 'R1 '")},
        },
        "kommunens regler": {
            "undre ikplan.yaml stänger av fel": {
                "ikplan.yaml": KOMMUN,
                "@cd": "sn",
                "sn/ikplan.yaml": "ignorera_regler: [IK103, IK104, IK112]\n",
                "sn/plan.yaml": ACCEPTED,
            },
            "undre ikplan.yml med {}": {
                "ikplan.yaml": KOMMUN,
                "@cd": "sn",
                "sn/ikplan.yml": "{}\n",
                "sn/plan.yaml": ACCEPTED,
            },
            "undre ikplan.yaml höjer kritisk_från": {
                "ikplan.yaml": KOMMUN,
                "@cd": "sn",
                "sn/ikplan.yaml": "riskmatris:\n  kritisk_från: 16\n",
                "sn/plan.yaml": ACCEPTED.replace(
                    "hantering: [accepteras]", "hantering: [accepteras]\n    motivering: m"
                ),
            },
            "undre ikplan.yaml byter matris och nämnder": {
                "ikplan.yaml": KOMMUN,
                "@cd": "sn",
                "sn/ikplan.yaml": "nämnder: [Annan]\nriskmatris:\n  risknivåer:\n"
                "    - {namn: låg, färg: grön, från: 1, till: 16}\n",
                "sn/plan.yaml": GOOD,
            },
            "planen höjer kritisk_från": {
                "ikplan.yaml": KOMMUN,
                "plan.yaml": ACCEPTED.replace("hantering: [accepteras]", "hantering: [accepteras]\n    motivering: m")
                + "riskmatris:\n  kritisk_från: 16\n",
            },
        },
        "tomma värden": {
            "[kontrollmoment] utan kontrollmoment": {
                "ikplan.yaml": KOMMUN,
                "plan.yaml": CRITICAL.split("    kontrollmoment:\n")[0],
            },
            "[åtgärd] utan åtgärder": {
                "ikplan.yaml": KOMMUN,
                "plan.yaml": CRITICAL.split("    kontrollmoment:\n")[0].replace("[kontrollmoment]", "[åtgärd]"),
            },
            "ansvarig är ett nollbrett mellanslag": {
                "plan.yaml": _with("ansvarig: Enhetschef", 'ansvarig: "\\u200b"'),
            },
            "kontrollmetod av osynliga tecken": {
                "plan.yaml": _with("kontrollmetod: Stickprov", 'kontrollmetod: ["\\u3164", " \\u2060 "]'),
            },
        },
        "identitet": {
            "R1 och kyrilliskt Р1": {"plan.yaml": GOOD + "  - id: \u04201\n    beskrivning: b\n    riskvärde: 2\n"},
            "R1 och helbrett Ｒ1": {"plan.yaml": GOOD + "  - id: \uff321\n    beskrivning: b\n    riskvärde: 2\n"},
            "nämnd i NFD": {
                "ikplan.yaml": KOMMUN,
                "plan.yaml": _with("nämnd: Testnämnden", "nämnd: Socialna\u0308mnden"),
            },
            "nämnd med ett kyrilliskt о": {
                "ikplan.yaml": KOMMUN,
                "plan.yaml": _with("nämnd: Testnämnden", "nämnd: S\u043ecialnämnden"),
            },
            "två planer för samma nämnd och år": {"plan.yaml": GOOD, "kopia.yaml": GOOD},
        },
        "konflikter": {
            "konflikt i en citerad text": {
                "plan.yaml": _conflict(
                    _with("beskrivning: En risk", 'beskrivning: "En\n      risk"'), '      risk"', '      fara"'
                ),
            },
            "konflikt i ett block": {"plan.yaml": _conflict(GOOD, "    riskvärde: 6", "    riskvärde: 9")},
            "två konflikter": {
                "plan.yaml": _conflict(
                    _conflict(GOOD, "    riskvärde: 6", "    riskvärde: 9"), "nämnd: Testnämnden", "nämnd: Annan"
                ),
            },
            "konflikt i ikplan.yaml": {
                "plan.yaml": GOOD,
                "ikplan.yaml": "schemaversion: 1\n<<<<<<< HEAD\nkommun: A\n=======\nkommun: B\n>>>>>>> x\n",
            },
            "kvarglömd >>>>>>>": {"plan.yaml": GOOD + ">>>>>>> annan-gren\n"},
        },
        "kodning och nycklar": {
            "UTF-16 LE": {"plan.yaml": b"\xff\xfe" + GOOD.encode("utf-16-le")},
            "UTF-16 BE": {"plan.yaml": b"\xfe\xff" + GOOD.encode("utf-16-be")},
            "nyckel i NFD": {"plan.yaml": _with("riskvärde: 6", "riskva\u0308rde: 6")},
            "schemaversion: true": {"plan.yaml": _with("schemaversion: 1", "schemaversion: true")},
        },
        "meddelanden": {
            "U+2028 före felet": {
                "plan.yaml": _with("nämnd: Testnämnden", 'nämnd: "Test\u2028nämnden"') + "okänd: 1\n"
            },
            "U+0085 före felet": {"plan.yaml": _with("nämnd: Testnämnden", 'nämnd: "Test\x85n"') + "okänd: 1\n"},
            "datum som nyckel": {"plan.yaml": GOOD + "2024-01-01: x\n"},
            "trasig ikplan.yaml": {"plan.yaml": GOOD, "ikplan.yaml": "schemaversion: 1\nperioder: [\n"},
            "engelskt syntaxfel": {"plan.yaml": GOOD + "a: b: c\n"},
        },
        "sekretess": {
            "hemlig kommentar": {
                "plan.yaml": _with(
                    "            resultat: utan anmärkning\n",
                    "            resultat: utan anmärkning\n            kommentar: HEMLIG\n            sekretess: true\n",
                )
            },
            "hemlig åtgärd": {
                "plan.yaml": _with(
                    "            resultat: utan anmärkning\n",
                    "            resultat: med mindre anmärkning\n            åtgärder:\n"
                    "              - {id: A1, beskrivning: HEMLIG, ansvarig: Chef, slutdatum: 2025-01-31,"
                    " status: ej påbörjad, sekretess: true}\n",
                )
            },
            "sekretess som text": {
                "plan.yaml": _with(
                    "            resultat: utan anmärkning\n",
                    '            resultat: utan anmärkning\n            kommentar: HEMLIG\n            sekretess: "ja"\n',
                )
            },
        },
    }


def build(root: Path) -> list[dict[str, object]]:
    """Write every case under `root`; returns [{"class", "case", "dir"}]."""
    out = []
    for k, (klass, group) in enumerate(cases().items()):
        for i, (name, files) in enumerate(group.items()):
            folder = root / f"{k:02d}-{i:02d}"
            folder.mkdir(parents=True)
            (folder / ".git").mkdir()  # config discovery stops here, whatever lies above
            here = folder / str(files.get("@cd", ""))  # where the commands run (the nämnd's folder)
            here.mkdir(parents=True, exist_ok=True)
            for rel, content in files.items():
                if rel == "@cd":
                    continue
                path = folder / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                if callable(content):
                    content(path)
                elif isinstance(content, bytes):
                    path.write_bytes(content)
                else:
                    path.write_text(content, encoding="utf-8")
            (here / "god.yaml").write_text(GOOD, encoding="utf-8")
            if not os.path.lexists(here / "ut"):
                (here / "ut").mkdir()
            out.append({"class": klass, "case": name, "dir": str(here)})
    return out


# Every command that reads plans or config, as run on each case ({n} numbers the outputs).
COMMANDS: list[list[str]] = [
    ["validate", "plan.yaml"],
    ["validate", "-f", "json", "."],
    ["score", "plan.yaml"],
    ["score", "-f", "md", "plan.yaml"],
    ["status", "plan.yaml", "--as-of", "2025-09-15"],
    ["status", "-f", "json", "plan.yaml", "--as-of", "2025-09-15"],
    ["report", "plan.yaml", "--date", "2025-09-15"],
    ["report", "plan.yaml", "-f", "html", "-p", "plan", "--date", "2025-09-15"],
    ["report", "plan.yaml", "-f", "docx", "-o", "ut/r.docx", "--date", "2025-09-15"],
    ["diff", "god.yaml", "plan.yaml"],
    ["diff", "-f", "md", "god.yaml", "plan.yaml"],
    ["show", "--flat", "plan.yaml"],
    ["export", "plan.yaml", "-o", "ut/p.xlsx"],
    ["import", "bok.xlsx", "-o", "ut/i.yaml"],
    ["import", "plan.yaml", "-o", "ut/j.yaml"],
    ["rollover", "plan.yaml", "--år", "2026", "-o", "ut/n.yaml"],
    ["migrate", "plan.yaml"],
]
