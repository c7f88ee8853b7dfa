"""The JSON Schema of the exchange format `toezicht-onderzoek/1`, and its errors in Dutch.

The schema checks the shape of a file (fields, types, choices, lengths); `controle` checks what
a schema cannot say (references between its parts, the framework's indicators). Pure: no
database. docs/uitwisselformaat.md describes the format; `manage.py exporteer_onderzoek
--schema` prints this schema as JSON.
"""

from jsonschema import Draft202012Validator

from inspecties.uitwisseling.lezen import Probleem, regel_bij

FORMAAT = "toezicht-onderzoek/1"
MAX_TEKST = 100_000  # characters of one text; the longest demo text is under 10.000

SOORTEN = ("beleidstoets", "vervolgonderzoek", "toezichtonderzoek")
STATUSSEN = ("concept", "ter_review", "vastgesteld", "gepubliceerd")
NIET_GETOETST = "niet-getoetst"


def _tekst(max_lengte: int = MAX_TEKST) -> dict:
    return {"type": ["string", "null"], "maxLength": max_lengte}


def _naam(max_lengte: int) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": max_lengte}


DATUM = {
    "type": ["string", "null"],
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "x-melding": "moet een datum zijn als 2015-06-01 (jaar-maand-dag)",
}
MAAND = {
    "type": ["string", "null"],
    "pattern": r"^\d{4}-(0[1-9]|1[0-2])$",
    "x-melding": "moet een maand zijn als 2015-06 (jaar-maand)",
}
SLEUTEL = {
    "type": "string",
    "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "x-melding": "mag alleen kleine letters, cijfers en streepjes bevatten",
}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://toezicht.example.org/schema/toezicht-onderzoek-1.json",
    "title": "Toezicht: gepubliceerde onderzoeken van één gemeente (toezicht-onderzoek/1)",
    "type": "object",
    "required": ["formaat", "gemeente", "aanpakken", "onderzoeken"],
    "additionalProperties": False,
    "properties": {
        "formaat": {"const": FORMAAT},
        "gemeente": {
            "type": "object",
            "required": ["naam", "cbs_code"],
            "additionalProperties": False,
            "properties": {
                "naam": _naam(100),
                "cbs_code": {
                    "type": "string",
                    "pattern": r"^GM\d{4}$",
                    "x-melding": "moet een CBS-code zijn als GM0513",
                },
                "provincie": _tekst(50),
                "inwoners": {"type": ["integer", "null"], "minimum": 0},
                "regio": _tekst(100),
                "context": _tekst(),
            },
        },
        "netwerkpartners": {
            "type": ["array", "null"],
            "maxItems": 1000,
            "items": {
                "type": "object",
                "required": ["naam"],
                "additionalProperties": False,
                "properties": {"naam": _naam(150)},
            },
        },
        "aanpakken": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1000,
            "items": {
                "type": "object",
                "required": ["naam"],
                "additionalProperties": False,
                "properties": {
                    "naam": _naam(150),
                    "beschrijving": _tekst(),
                    "vervangt": {"type": ["array", "null"], "items": _naam(150)},
                },
            },
        },
        "onderzoeken": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1000,
            "items": {"$ref": "#/$defs/onderzoek"},
        },
    },
    "$defs": {
        "onderzoek": {
            "type": "object",
            "required": ["id", "aanpak", "soort", "jaar", "kader", "status"],
            "additionalProperties": False,
            "properties": {
                "id": {**SLEUTEL, "maxLength": 100},
                "aanpak": _naam(150),
                "soort": {"enum": list(SOORTEN)},
                "jaar": {"type": "integer", "minimum": 2000, "maximum": 2100},
                "kader": {
                    "type": "object",
                    "required": ["sleutel", "versie"],
                    "additionalProperties": False,
                    "properties": {
                        "sleutel": SLEUTEL,
                        "versie": {"type": ["string", "integer"], "minLength": 1, "maxLength": 20},
                    },
                },
                "status": {"enum": list(STATUSSEN)},
                "publicatiedatum": DATUM,
                "publicatiemaand": MAAND,
                "voortgang_deadline": DATUM,
                "presentatiedatum": DATUM,
                "vorig": {"type": ["string", "null"]},
                "titel": _tekst(200),
                **{
                    veld: _tekst()
                    for veld in (
                        "samenvatting",
                        "inleiding",
                        "context",
                        "aanpak_beschrijving",
                        "ontwikkeling",
                        "oordeel",
                        "kansen",
                        "bronnen",
                    )
                },
                "respondenten": {"type": ["array", "null"], "items": _naam(150)},
                "bevindingen": {
                    "type": ["array", "null"],
                    "maxItems": 1000,
                    "items": {
                        "type": "object",
                        "required": ["indicatoren"],
                        "additionalProperties": False,
                        "properties": {
                            "indicatoren": {
                                "type": "object",
                                "minProperties": 1,
                                "propertyNames": SLEUTEL,
                                "additionalProperties": {"type": ["string", "null"]},
                            },
                            "tekst": _tekst(),
                            "let_op": _tekst(),
                        },
                    },
                },
                "conclusies": {
                    "type": ["object", "null"],
                    "propertyNames": SLEUTEL,
                    "additionalProperties": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"gaat_goed": _tekst(), "kan_beter": _tekst()},
                    },
                },
                "hoofdstukken": {
                    "type": ["array", "null"],
                    "maxItems": 200,
                    "items": {
                        "type": "object",
                        "required": ["titel"],
                        "additionalProperties": False,
                        "properties": {
                            "titel": _naam(200),
                            **{
                                veld: _tekst()
                                for veld in (
                                    "verwachting",
                                    "beleid",
                                    "bevindingen",
                                    "risicos",
                                    "verklaringen",
                                    "conclusie",
                                )
                            },
                        },
                    },
                },
            },
        }
    },
}

_VALIDATOR = Draft202012Validator(SCHEMA)

_TYPEN = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "object": "een blok velden",
    "array": "een lijst",
    "null": "leeg",
    "boolean": "ja of nee",
}


def plek_van(pad) -> str:
    delen = []
    for stap in pad:
        if isinstance(stap, int):
            delen[-1:] = [f"{delen[-1] if delen else ''}[{stap + 1}]"]
        else:
            delen.append(str(stap))
    return " > ".join(delen) or "bestand"


def _meldingen(fout) -> list[tuple[list, str]]:
    """(path, Dutch message) for one validation error; a missing or unknown field is reported
    at its own path."""
    pad, v, waarde, inst = (
        list(fout.absolute_path),
        fout.validator,
        fout.validator_value,
        fout.instance,
    )
    if v == "required":
        return [(pad, f"het veld ‘{naam}’ ontbreekt") for naam in waarde if naam not in inst]
    if v == "additionalProperties" and waarde is False:
        bekend = fout.schema.get("properties", {})
        return [(pad + [k], f"onbekend veld ‘{k}’") for k in inst if k not in bekend]
    if v == "type":
        typen = [waarde] if isinstance(waarde, str) else waarde
        return [(pad, "moet " + " of ".join(_TYPEN.get(t, t) for t in typen) + " zijn")]
    if v == "enum":
        keuzes = ", ".join(str(k) for k in waarde)
        return [(pad, f"‘{inst}’ is geen geldige keuze; kies uit {keuzes}")]
    if v == "const":
        return [(pad, f"moet ‘{waarde}’ zijn")]
    if v == "pattern":
        return [(pad, f"‘{inst}’ {fout.schema.get('x-melding', 'heeft niet de juiste vorm')}")]
    if v == "minLength":
        return [(pad, "mag niet leeg zijn")]
    if v == "maxLength":
        return [(pad, f"is te lang (meer dan {waarde} tekens)")]
    if v == "minimum":
        return [(pad, f"moet minstens {waarde} zijn")]
    if v == "maximum":
        return [(pad, f"mag hoogstens {waarde} zijn")]
    if v in ("minItems", "minProperties"):
        return [(pad, "mag niet leeg zijn")]
    if v == "maxItems":
        return [(pad, f"heeft meer dan {waarde} onderdelen")]
    return [(pad, "ongeldige waarde")]


def schema_problemen(data) -> list[Probleem]:
    """Every way the data differs from the schema, each with its line and place."""
    problemen = []
    for fout in _VALIDATOR.iter_errors(data):
        if fout.validator == "propertyNames":
            continue  # its sub-error (the pattern of the key) is reported on its own
        for pad, melding in _meldingen(fout):
            problemen.append(Probleem(regel_bij(data, pad), plek_van(pad), melding))
    return problemen
