"""Realistic synthetic plans for benchmarks: 10 to 200 risks with controls and follow-ups."""

from __future__ import annotations

import random

OUTCOMES = ["utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning", "ej genomförd"]
WORDS = [
    "rutin",
    "kontroll",
    "uppföljning",
    "verksamhet",
    "ansvar",
    "information",
    "utbetalning",
    "beslut",
    "risk",
    "handläggning",
    "delegation",
    "avtal",
    "upphandling",
    "dokumentation",
    "säkerhet",
    "incident",
    "utbildning",
    "granskning",
    "stickprov",
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def make_plan(n_risks: int, seed: int = 0) -> str:
    """A valid plan with `n_risks` risks, one kontrollmoment each and a delår follow-up."""
    rng = random.Random(seed)
    lines = [
        "schemaversion: 1",
        "kommun: Syntetiska kommun",
        f"nämnd: Nämnd {seed}",
        "år: 2025",
        f"diarienummer: SN-2024/{seed}",
        "områden:",
    ]
    for a in range(4):
        lines += [f"  - id: O{a}", f"    namn: Område {a}"]
    lines.append("risker:")
    for i in range(n_risks):
        s, k = rng.randint(1, 4), rng.randint(1, 3)
        lines += [
            f"  - id: R{i}",
            f"    område: O{i % 4}",
            f"    process: {_text(rng, 3)}",
            f"    beskrivning: {_text(rng, 25)}",
            f"    sannolikhet: {s}",
            f"    konsekvens: {k}",
            f"    riskvärde: {s * k}",
            f"    befintliga_kontroller: {_text(rng, 15)}",
            "    hantering: [kontrollmoment]",
            "    kontrollmoment:",
            f"      - id: K{i}",
            f"        nummer: {i + 1}",
            f"        beskrivning: {_text(rng, 20)}",
            "        kontrollmetod:",
            f"          - {_text(rng, 12)}",
            f"          - {_text(rng, 12)}",
            "        frekvens: kvartalsvis",
            "        ansvarig: Enhetschef",
            "        uppföljning:",
            "          delår:",
            "            datum: 2025-09-10",
            f"            resultat: {rng.choice(OUTCOMES)}",
            "            kommentar: |-",
            f"              {_text(rng, 40)}",
            "",
            f"              {_text(rng, 30)}",
            "            åtgärder:",
            f"              - beskrivning: {_text(rng, 10)}",
            "                slutdatum: hösten 2025",
            "                status: påbörjad",
        ]
    return "\n".join(lines) + "\n"
