"""Reading and writing frameworks in the YAML format of the shipped files.

Parsing is pure: `lees_kader(tekst)` returns a validated plain structure or raises `KaderFout`
listing every problem with its line, key and field, so nothing is ever half-loaded.

A framework file comes from an admin's upload too, so reading it is bounded: at most
MAX_KADER_TEKENS characters, and no YAML anchors or aliases (`&naam`, `*naam`). The format does
not need them, and aliases let a few hundred bytes stand for millions of indicators.
"""

import re
from dataclasses import dataclass, field

import yaml

from inspecties.fouten import ToezichtFout

SLEUTEL_PATROON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_KADER_TEKENS = 1024 * 1024  # the shipped frameworks are under 10 kB


@dataclass(frozen=True)
class Probleem:
    regel: int | None
    plek: str
    melding: str

    def __str__(self) -> str:
        waar = f"regel {self.regel}" if self.regel else "bestand"
        return f"{waar}, {self.plek}: {self.melding}"


class KaderFout(ToezichtFout, ValueError):
    def __init__(self, problemen: list[Probleem]):
        self.problemen = problemen
        super().__init__("\n".join(str(p) for p in problemen))


class _Mapping(dict):
    """A dict that remembers the line of each key (1-based)."""

    regel: int = 0
    regels: dict

    def regel_van(self, sleutel: str) -> int:
        return self.regels.get(sleutel, self.regel)


class _AnkerGevonden(yaml.YAMLError):
    def __init__(self, mark):
        super().__init__()
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        # Refuse before the composer resolves anything: an alias never gets expanded.
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AnkerGevonden(event.start_mark)
        return super().compose_node(parent, index)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping()
    mapping.regel = node.start_mark.line + 1
    mapping.regels = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            loader.dubbele_velden.append(
                Probleem(key_node.start_mark.line + 1, str(key), "dit veld staat er twee keer")
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.regels[key] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class IndicatorData:
    sleutel: str
    tekst: str
    operationalisering: str = ""


@dataclass
class CriteriumData:
    sleutel: str
    naam: str
    indicatoren: list[IndicatorData] = field(default_factory=list)


@dataclass
class ThemaData:
    sleutel: str
    naam: str
    omschrijving: str = ""
    criteria: list[CriteriumData] = field(default_factory=list)


@dataclass
class SchaalData:
    code: str
    symbool: str
    label: str
    is_verbeterpunt: bool


@dataclass
class KaderData:
    sleutel: str
    versie: str
    naam: str
    uitgever: str
    definitie: str
    schaal: list[SchaalData]
    themas: list[ThemaData]

    def aantallen(self) -> tuple[int, int, int]:
        criteria = [c for t in self.themas for c in t.criteria]
        return len(self.themas), len(criteria), sum(len(c.indicatoren) for c in criteria)


def lees_kader(tekst: str) -> KaderData:
    """Parse and validate a framework file; raise KaderFout with every problem found."""
    if len(tekst) > MAX_KADER_TEKENS:
        raise KaderFout(
            [Probleem(None, "bestand", "het bestand is groter dan 1 MB en wordt niet gelezen")]
        )
    try:
        loader = _Loader(tekst)
    except yaml.reader.ReaderError as fout:  # a control character such as NUL, as is
        regel = tekst.count("\n", 0, fout.position) + 1
        uitleg = f"ongeldig teken (#x{fout.character:04x}); verwijder het"
        raise KaderFout([Probleem(regel, "YAML", uitleg)]) from fout
    loader.dubbele_velden = []
    try:
        data = loader.get_single_data()
    except _AnkerGevonden as fout:
        raise KaderFout(
            [
                Probleem(
                    fout.problem_mark.line + 1,
                    "YAML",
                    "ankers en verwijzingen (&naam, *naam) zijn niet toegestaan in een "
                    "toetsingskader; schrijf de tekst voluit",
                )
            ]
        ) from None
    except yaml.YAMLError as fout:
        mark = getattr(fout, "problem_mark", None)
        regel = mark.line + 1 if mark else None
        uitleg = getattr(fout, "problem", None) or str(fout)
        raise KaderFout([Probleem(regel, "YAML", f"ongeldige YAML: {uitleg}")]) from fout
    finally:
        loader.dispose()
    problemen: list[Probleem] = list(loader.dubbele_velden)
    if not isinstance(data, _Mapping):
        raise KaderFout([Probleem(1, "bestand", "het bestand moet een toetsingskader beschrijven")])

    def tekstveld(obj: _Mapping, naam: str, plek: str, verplicht: bool = True) -> str:
        waarde = obj.get(naam)
        if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
            if verplicht:
                problemen.append(Probleem(obj.regel, plek, f"het veld ‘{naam}’ ontbreekt"))
            return ""
        if not isinstance(waarde, str | int | float):
            problemen.append(Probleem(obj.regel_van(naam), plek, f"‘{naam}’ moet tekst zijn"))
            return ""
        if "\x00" in str(waarde):  # written as "\0" in YAML; the database cannot store it
            problemen.append(Probleem(obj.regel_van(naam), plek, f"‘{naam}’ bevat een NUL-teken"))
            return ""
        return str(waarde).strip()

    def sleutelveld(obj: _Mapping, plek: str, gezien: dict[str, int]) -> str:
        sleutel = tekstveld(obj, "sleutel", plek)
        if not sleutel:
            return ""
        if not SLEUTEL_PATROON.match(sleutel):
            problemen.append(
                Probleem(
                    obj.regel_van("sleutel"),
                    plek,
                    f"sleutel ‘{sleutel}’ mag alleen kleine letters, cijfers en streepjes bevatten",
                )
            )
        if sleutel in gezien:
            problemen.append(
                Probleem(
                    obj.regel_van("sleutel"),
                    plek,
                    f"sleutel ‘{sleutel}’ komt dubbel voor (eerder op regel {gezien[sleutel]})",
                )
            )
        else:
            gezien[sleutel] = obj.regel_van("sleutel")
        return sleutel

    def lijst(obj: _Mapping, naam: str, plek: str) -> list:
        waarde = obj.get(naam)
        if not isinstance(waarde, list) or not waarde:
            problemen.append(
                Probleem(obj.regel_van(naam), plek, f"‘{naam}’ moet een niet-lege lijst zijn")
            )
            return []
        goed = []
        for i, item in enumerate(waarde, start=1):
            if isinstance(item, _Mapping):
                goed.append(item)
            else:
                problemen.append(
                    Probleem(
                        obj.regel_van(naam), f"{plek} > {naam}[{i}]", "verwacht een blok velden"
                    )
                )
        return goed

    kader_sleutel = sleutelveld(data, "toetsingskader", {})
    versie = tekstveld(data, "versie", "toetsingskader")
    naam = tekstveld(data, "naam", "toetsingskader")
    uitgever = tekstveld(data, "uitgever", "toetsingskader", verplicht=False)
    definitie = tekstveld(data, "definitie", "toetsingskader", verplicht=False)

    schaal: list[SchaalData] = []
    codes: dict[str, int] = {}
    symbolen: dict[str, int] = {}
    for i, optie in enumerate(lijst(data, "schaal", "schaal"), start=1):
        plek = f"schaal[{i}]"
        code = tekstveld(optie, "code", plek)
        symbool = tekstveld(optie, "symbool", plek)
        label = tekstveld(optie, "label", plek)
        if code in codes:
            problemen.append(
                Probleem(
                    optie.regel_van("code"),
                    plek,
                    f"schaaloptie ‘{code}’ komt dubbel voor (eerder op regel {codes[code]})",
                )
            )
        elif code:
            codes[code] = optie.regel_van("code")
        if symbool in symbolen:
            problemen.append(
                Probleem(
                    optie.regel_van("symbool"),
                    plek,
                    f"symbool ‘{symbool}’ komt dubbel voor in de schaal",
                )
            )
        elif symbool:
            symbolen[symbool] = optie.regel_van("symbool")
        verbeterpunt = optie.get("verbeterpunt")
        if verbeterpunt is None:
            # The shipped files mark the improvement option by its symbol X.
            verbeterpunt = symbool.upper() == "X"
        schaal.append(SchaalData(code, symbool, label, bool(verbeterpunt)))
    if schaal and not any(o.is_verbeterpunt for o in schaal):
        problemen.append(
            Probleem(
                data.regel_van("schaal"),
                "schaal",
                "geen enkele schaaloptie is een verbeterpunt (symbool X)",
            )
        )

    sleutels: dict[str, int] = {}
    themas: list[ThemaData] = []
    for t, thema in enumerate(lijst(data, "themas", "themas"), start=1):
        tplek = f"themas[{t}]"
        thema_data = ThemaData(
            sleutel=sleutelveld(thema, tplek, sleutels),
            naam=tekstveld(thema, "naam", tplek),
            omschrijving=tekstveld(thema, "omschrijving", tplek, verplicht=False),
        )
        tplek = f"thema ‘{thema_data.sleutel or t}’"
        for c, criterium in enumerate(lijst(thema, "criteria", tplek), start=1):
            cplek = f"{tplek} > criteria[{c}]"
            crit_data = CriteriumData(
                sleutel=sleutelveld(criterium, cplek, sleutels),
                naam=tekstveld(criterium, "naam", cplek),
            )
            cplek = f"{tplek} > criterium ‘{crit_data.sleutel or c}’"
            for n, indicator in enumerate(lijst(criterium, "indicatoren", cplek), start=1):
                iplek = f"{cplek} > indicatoren[{n}]"
                crit_data.indicatoren.append(
                    IndicatorData(
                        sleutel=sleutelveld(indicator, iplek, sleutels),
                        tekst=tekstveld(indicator, "tekst", iplek),
                        operationalisering=tekstveld(
                            indicator, "operationalisering", iplek, verplicht=False
                        ),
                    )
                )
            thema_data.criteria.append(crit_data)
        themas.append(thema_data)

    if problemen:
        raise KaderFout(sorted(problemen, key=lambda p: (p.regel or 0, p.plek)))
    return KaderData(kader_sleutel, versie, naam, uitgever, definitie, schaal, themas)


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, data: str):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)


def schrijf_kader(kader: KaderData) -> str:
    """The YAML text of a framework, in the same format `lees_kader` reads."""

    def zonder_leeg(d: dict) -> dict:
        return {k: v for k, v in d.items() if v not in ("", None)}

    data = zonder_leeg(
        {
            "sleutel": kader.sleutel,
            "naam": kader.naam,
            "versie": kader.versie,
            "uitgever": kader.uitgever,
            "definitie": kader.definitie + "\n" if kader.definitie else "",
        }
    )
    data["schaal"] = [
        {"code": o.code, "symbool": o.symbool, "label": o.label, "verbeterpunt": o.is_verbeterpunt}
        for o in kader.schaal
    ]
    data["themas"] = [
        zonder_leeg(
            {
                "sleutel": t.sleutel,
                "naam": t.naam,
                "omschrijving": t.omschrijving,
                "criteria": [
                    {
                        "sleutel": c.sleutel,
                        "naam": c.naam,
                        "indicatoren": [
                            zonder_leeg(
                                {
                                    "sleutel": i.sleutel,
                                    "tekst": i.tekst,
                                    "operationalisering": i.operationalisering,
                                }
                            )
                            for i in c.indicatoren
                        ],
                    }
                    for c in t.criteria
                ],
            }
        )
        for t in kader.themas
    ]
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
