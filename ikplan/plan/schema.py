"""The JSON Schema of the plan format (draft-7 constructs), for editors and other tools."""

from __future__ import annotations

import json
import os
from typing import Any, Literal

from ikplan import jsontext
from ikplan.checking.editorschema import EDITOR_SCHEMA
from ikplan.plan import prebuilt
from ikplan.plan.base import BaseModel
from ikplan.plan.config import Config
from ikplan.plan.model import SCHEMA_VERSION, Plan

DRAFT7 = "http://json-schema.org/draft-07/schema#"

# What the editor shows on hover: Swedish title and description per definition (the models' English
# docstrings are for developers). A definition missing here keeps its own; a test says so.
SWEDISH: dict[str, tuple[str, str]] = {
    "Plan": ("Internkontrollplan", "En nämnds internkontrollplan."),
    "Config": ("ikplan.yaml", "Kommungemensamma inställningar för alla planer i mappen och mapparna under."),
    "Action": ("Åtgärd", "En åtgärd som beslutats i planen eller vid en uppföljning."),
    "Adoption": ("Beslut", "När och var nämnden antog planen."),
    "Area": ("Område", "Ett område (kontrollområde) som grupperar risker i planen och rapporterna."),
    "Axis": ("Axel", "En axel i riskmatrisen (sannolikhet eller konsekvens) med sin skala."),
    "Band": ("Risknivå", "En risknivå: ett intervall av riskvärden med namn och färg."),
    "Control": ("Kontrollmoment", "Ett kontrollmoment: hur förvaltningen kontrollerar att en risk hanteras."),
    "FollowUp": ("Uppföljning", "Uppföljningen av ett kontrollmoment eller en risk för en period (delår, helår …)."),
    "Level": ("Nivå", "Ett steg på en axel i riskmatrisen."),
    "MatrixOverride": ("Riskmatris för planen", "Planens avsteg från kommunens riskmatris; allt är valfritt."),
    "ReportTexts": ("Rapporttexter", "Texter i uppföljningsrapporten som data inte ger (alla valfria)."),
    "Risk": ("Risk", "En risk i planen, med bedömning, hantering och kontrollmoment."),
    "Signatory": ("Undertecknare", "Den som undertecknar rapporten."),
    "Period": ("Period", "En uppföljningsperiod (t.ex. delår eller helår) med sitt slutdatum."),
    "ReportConfig": ("Rapportinställningar", "Kommunens inställningar för rapporterna (mallar, rubriker)."),
    "SummaryReport": (
        "Sammanställningen",
        "Diarienummer, handläggare och förslag till beslut för Kommunstyrelsens sammanställning (ikplan summary).",
    ),
    "RequiredControl": ("Obligatoriskt kontrollmoment", "Ett kontrollmoment som varje plan ska ha."),
    "AuditConfig": ("Granskning", "Vad ikplan granskning mäter mot: sista dag att anta planen, dagar att rapportera."),
    "RiskMatrix": ("Riskmatris", "Kommunens riskmatris: axlar, risknivåer och gränsen för kritisk risk."),
    "FieldType": ("Fälttyp", "Typen av ett eget fält: text, heltal, datum, ja/nej, val eller lista."),
    "FieldDef": ("Eget fält", "Ett fält som kommunens mallar har, t.ex. riskansvarig, enhet eller syfte."),
    "Deviation": ("Avvikelse", "En avvikelse som upptäcktes under året, med datum och hantering."),
    "AssessedRisk": ("Ej vald risk", "En risk i bruttorisklistan som bedömdes men inte togs med i planen."),
    "Occasion": ("Tillfälle", "Ett tillfälle då kontrollmomentet genomfördes, t.ex. ett månatligt stickprov."),
    "Vocabulary": ("Ordlista", "Kommunens egna ord för resultat, åtgärdsstatus, riskvärde och axlarna."),
    "Noun": ("Substantiv", "Ett substantiv i ental och flertal, när flertalet inte bildas som vanligt."),
}

# A property's title is its key in sentence case ("rapporteras_till" → "Rapporteras till"); these keys
# need other words, since pydantic's own titles are Title Case ("Mall Docx") and no Swedish reader
# knows what "docx" alone means.
TITLES: dict[str, str] = {
    "mall_docx": "Word-mall",
    "mall_md": "Markdown-mall",
    "bilaga_en_tabell": "Bilaga 1 som en tabell",
    "bilaga_rubrik": "Bilagans rubrik",
    "per": "Periodens sista dag",
    "id": "Id",
    "ej_valda_risker": "Ej valda risker",
    "kritisk_från": "Kritisk från riskvärde",
    "ignorera_regler": "Regler som stängs av",
    "fält": "Egna fält",
}


def title_for(key: str) -> str:
    """The Swedish title the editor shows for a key: sentence case, real words."""
    return TITLES.get(key) or key[:1].upper() + key[1:].replace("_", " ")


def _titles(node: Any) -> None:
    """Every property's title from its key (pydantic's are Title Case of the key: "Rapporteras Till")."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for key, prop in props.items():
                if isinstance(prop, dict) and "title" in prop:
                    prop["title"] = title_for(key)
        for value in node.values():
            _titles(value)
    elif isinstance(node, list):
        for value in node:
            _titles(value)


def _swedish(name: str, node: dict[str, Any]) -> None:
    if name in SWEDISH:
        node["title"], node["description"] = SWEDISH[name]


def _only_version(node: dict[str, Any], version: int) -> None:
    """Drop the properties that came after `version` (each schema file describes one version)."""
    props = node.get("properties")
    if isinstance(props, dict):
        for key in [k for k, v in props.items() if v.get("x-sedan-schemaversion", 1) > version]:
            del props[key]


def raw_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """pydantic's JSON Schema of the model, as the editor's schema and `ikplan schema` start from."""
    return model.model_json_schema(by_alias=True, ref_template="#/definitions/{model}", mode="validation")


def json_schema(model: type[BaseModel] = Plan, version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """The model's schema with `definitions` (draft 7) instead of `$defs`; for a plan, of one schemaversion."""
    schema = prebuilt.json_schema_of(model.__name__) or raw_json_schema(model)
    defs = schema.pop("$defs", None)
    _titles(schema)
    _titles(defs)
    if model is Plan:
        schema["properties"]["schemaversion"] = {"const": version, "title": "Schemaversion", "type": "integer"}
        for node in [schema, *(defs or {}).values()]:
            _only_version(node, version)
    title = f"ikplan internkontrollplan, schemaversion {version}" if model is Plan else "ikplan.yaml, schemaversion 1"
    top = {k: v for k, v in schema.items() if k != "title"}
    _swedish(model.__name__, top)
    top.pop("title", None)
    out: dict[str, Any] = {"$schema": DRAFT7, "title": title, **top}
    if defs:
        for name, node in defs.items():
            _swedish(name, node)
        out["definitions"] = defs
    return out


_LEVEL_DEFS = {"plan": None, "område": "Area", "risk": "Risk", "kontrollmoment": "Control", "åtgärd": "Action"}
_FIELD_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "heltal": {"type": "integer"},
    "datum": {"type": "string", "format": "date"},
    "ja/nej": {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["ja", "nej", "Ja", "Nej"]}]},
    "lista": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}


def _add_words(node: Any, words: list[str]) -> None:
    """Add the kommun's words to every enum under `node` (resultat, status)."""
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            node["enum"] = [*node["enum"], *(w for w in words if w not in node["enum"])]
        for value in node.values():
            _add_words(value, words)
    elif isinstance(node, list):
        for value in node:
            _add_words(value, words)


def with_kommun(schema: dict[str, Any], config: Config) -> dict[str, Any]:
    """The plan schema as a kommun writes its plans: its own fields (fält), its names of a risk's keys
    (risktal, väsentlighet) and its words for results and statuses (ordlista), so that the editor
    accepts what `ikplan validate` accepts with that ikplan.yaml."""
    defs = schema.get("definitions", {})
    for f in config.fields:
        target = defs.get(_LEVEL_DEFS[f.applies_to] or "", schema) if _LEVEL_DEFS[f.applies_to] else schema
        prop = dict(_FIELD_TYPES.get(f.type.value, {"type": "string", "enum": f.choices}))
        prop |= {"title": f.heading, "description": f"Kommunens eget fält ({f.type.value})"}
        target.setdefault("properties", {})[f.name] = prop
        if f.required:
            target.setdefault("required", []).append(f.name)
    for name in ("Risk", "AssessedRisk"):
        props = defs.get(name, {}).get("properties", {})
        for word, key in config.key_aliases.items():
            if key in props and word not in props:
                props[word] = {**props[key], "title": title_for(word)}
    results = _spellings(list(config.vocabulary.results))
    if results and "FollowUp" in defs:
        _add_words(defs["FollowUp"]["properties"].get("resultat"), results)
    statuses = _spellings(list(config.vocabulary.action_statuses))
    if statuses and "Action" in defs:
        _add_words(defs["Action"]["properties"].get("status"), statuses)
    # The kommun's periods as properties of uppföljning, so that the editor completes 'tertial1:'; other
    # keys stay allowed here, since `ikplan validate` says better than a schema what is wrong with one.
    for name in ("Risk", "Control"):
        follow = defs.get(name, {}).get("properties", {}).get("uppföljning")
        if isinstance(follow, dict) and "additionalProperties" in follow:
            follow["properties"] = {p.id: {**follow["additionalProperties"], "title": p.name} for p in config.periods}
    # One schema serves all of a kommun's plans, last year's of schemaversion 1 too: version 2 only adds
    # keys, and `ikplan validate` tells a version 1 plan that uses one of them (IK056).
    versions = str(SCHEMA_VERSION)
    prop = schema.get("properties", {}).get("schemaversion")
    if isinstance(prop, dict) and prop.get("const") == SCHEMA_VERSION:
        prop.pop("const")
        prop["enum"] = list(range(1, SCHEMA_VERSION + 1))
        versions = f"1–{SCHEMA_VERSION}" if SCHEMA_VERSION > 2 else "1 och 2"
    elif isinstance(prop, dict) and "const" in prop:
        versions = str(prop["const"])
    whose = f" för {config.municipality}" if config.municipality else ""
    schema["title"] = f"{_OURS}{whose}, schemaversion {versions}"
    schema["$comment"] = (
        "Planschemat med kommunens egna fält och ord ur ikplan.yaml. 'ikplan git-setup' skriver det, "
        "'ikplan validate' säger till när det inte längre stämmer med ikplan.yaml."
    )
    return schema


def _spellings(words: list[str]) -> list[str]:
    """Each word as the kommun wrote it, in lower case and capitalised: ikplan reads words without
    regard to case, an editor's schema compares them exactly."""
    out: list[str] = []
    for w in words:
        for form in (w, w.lower(), w[:1].upper() + w[1:].lower()):
            if form not in out:
                out.append(form)
    return out


def schema_text(kind: str = "plan", version: int = SCHEMA_VERSION, config: Config | None = None) -> str:
    model: type[BaseModel] = Config if kind == "config" else Plan
    schema = json_schema(model, version)
    if config is not None and model is Plan:
        schema = with_kommun(schema, config)
    return jsontext.dumps(schema) + "\n"


# The editor's schema for a kommun's plans is a file in the kommun's repository, beside the ikplan.yaml it
# is made from (at the repository root when there is none): each ikplan.yaml has its own, since a
# nämnd's folder may bring more fields and words; every plan under it reaches it by a relative path
# that holds in every clone (an absolute path holds on one machine only); and a dot folder keeps it out
# of plans/, out of `validate`'s folder walk and out of the way in a file listing. It is committed.
_OURS = "ikplan internkontrollplan"  # how every plan schema ikplan writes begins its title

SchemaState = Literal["saknas", "aktuellt", "inaktuellt", "eget"]


def editor_schema_file(folder: str) -> str:
    """The editor's schema for the plans governed by the ikplan.yaml in `folder` (or, without one,
    by the repository root `folder`)."""
    return os.path.join(folder, *EDITOR_SCHEMA.split("/"))


def editor_schema_text(config: Config | None) -> str:
    """What that file holds: `ikplan schema plan --config ikplan.yaml`, or the format's own schema."""
    return schema_text("plan", SCHEMA_VERSION, config)


def editor_schema_state(path: str, config: Config | None) -> SchemaState:
    """Whether the file at `path` is missing, up to date with `config`, stale, or not one ikplan wrote
    (which ikplan then never touches)."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        return "saknas"
    except (OSError, UnicodeDecodeError):
        return "eget"
    if text == editor_schema_text(config):
        return "aktuellt"
    try:
        title = json.loads(text).get("title", "")
    except (ValueError, AttributeError):
        return "eget"
    return "inaktuellt" if isinstance(title, str) and title.startswith(_OURS) else "eget"
