"""Checking a whole exchange file before anything is stored: every problem, with its line.

Pure: what the database knows (the frameworks) comes in as `kaders`; `importeren` reads it.
A file is read (`lezen`), checked against the schema (`schema`) and then for what a schema
cannot say: the references between its parts, dates, the framework's indicators and scale,
which indicators a follow-up re-scores. The checks below tolerate a file that already failed
the schema: they skip a value of the wrong type (the schema reported it) and go on.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from inspecties.regels.scope import vervolg_scope
from inspecties.uitwisseling.lezen import Blok, LeesFout, Lijst, Probleem, regel_bij, yaml_lezen
from inspecties.uitwisseling.schema import NIET_GETOETST, SOORTEN, plek_van, schema_problemen

AFGEROND = ("vastgesteld", "gepubliceerd")


@dataclass(frozen=True)
class KaderInfo:
    """What a check needs of one framework version."""

    vastgesteld: bool
    indicatoren: tuple[str, ...]  # keys, in the framework's order
    themas: frozenset[str]
    codes: frozenset[str]  # the scale's option codes
    verbeterpunten: frozenset[str]  # the codes that are a verbeterpunt (X)


@dataclass
class Controle:
    data: object = None
    problemen: list[Probleem] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        return not self.problemen


def kader_sleutel(kader) -> tuple[str, str] | None:
    if isinstance(kader, Mapping) and isinstance(kader.get("sleutel"), str):
        return kader["sleutel"], str(kader.get("versie"))
    return None


def bestand_controleren(tekst: str, *, kaders: Mapping[tuple[str, str], KaderInfo]) -> Controle:
    """Read and check a file; `Controle.problemen` holds every problem, sorted by line."""
    try:
        data, problemen = yaml_lezen(tekst)
    except LeesFout as fout:
        return Controle(None, [fout.probleem])
    if not isinstance(data, Blok):
        return Controle(
            None,
            [Probleem(1, "", "het bestand moet een blok velden zijn (formaat, gemeente, ...)")],
        )
    problemen += schema_problemen(data)
    problemen += _Samenhang(data, kaders).problemen
    uniek = list(dict.fromkeys(problemen))
    return Controle(data, sorted(uniek, key=lambda p: (p.regel or 0, p.plek)))


def _lijst(waarde) -> list:
    return waarde if isinstance(waarde, list) else []


def _blokken(waarde) -> list[tuple[int, Mapping]]:
    return [(i, b) for i, b in enumerate(_lijst(waarde)) if isinstance(b, Mapping)]


class _Samenhang:
    """The checks between the parts of a file; collects every problem in `problemen`."""

    def __init__(self, data: Blok, kaders):
        self.data, self.kaders, self.problemen = data, kaders, []
        self.teksten(data, [])
        partners = self.namen("netwerkpartners")
        aanpakken = self.namen("aanpakken")
        vervangt = {}
        for i, a in _blokken(data.get("aanpakken")):
            vervangt[a.get("naam")] = set()
            for j, naam in enumerate(_lijst(a.get("vervangt"))):
                pad = ["aanpakken", i, "vervangt", j]
                if naam not in aanpakken or naam == a.get("naam"):
                    self.melden(pad, f"‘{naam}’ is geen andere aanpak in dit bestand")
                vervangt[a.get("naam")].add(naam)
        self.onderzoeken(partners, aanpakken, vervangt)

    def melden(self, pad, melding: str) -> None:
        self.problemen.append(Probleem(regel_bij(self.data, pad), plek_van(pad), melding))

    def teksten(self, waarde, pad) -> None:
        """No NUL character anywhere: the database cannot store it."""
        if isinstance(waarde, str) and "\x00" in waarde:
            self.melden(pad, "bevat een NUL-teken; verwijder het")
        elif isinstance(waarde, Blok):
            for k, v in waarde.items():
                self.teksten(v, [*pad, k])
        elif isinstance(waarde, Lijst):
            for i, v in enumerate(waarde):
                self.teksten(v, [*pad, i])

    def namen(self, lijstnaam: str) -> set:
        gezien = set()
        for i, blok in _blokken(self.data.get(lijstnaam)):
            naam = blok.get("naam")
            if isinstance(naam, str) and naam in gezien:
                self.melden([lijstnaam, i, "naam"], f"‘{naam}’ staat er twee keer")
            gezien.add(naam)
        return gezien

    def onderzoeken(self, partners: set, aanpakken: set, vervangt: dict) -> None:
        eerder: dict[str, Mapping] = {}
        natuurlijk = set()
        for i, o in _blokken(self.data.get("onderzoeken")):
            pad = ["onderzoeken", i]
            if o.get("id") in eerder:
                self.melden([*pad, "id"], f"id ‘{o.get('id')}’ staat er twee keer")
            if isinstance(o.get("aanpak"), str) and o.get("aanpak") not in aanpakken:
                self.melden(
                    [*pad, "aanpak"], f"aanpak ‘{o.get('aanpak')}’ staat niet onder aanpakken"
                )
            sleutel = (o.get("aanpak"), o.get("soort"), o.get("jaar"))
            if sleutel in natuurlijk:
                self.melden(pad, "een onderzoek van deze aanpak, soort en dit jaar staat er al")
            natuurlijk.add(sleutel)
            for veld in ("publicatiedatum", "voortgang_deadline", "presentatiedatum"):
                self.datum(o, [*pad, veld])
            if o.get("status") == "gepubliceerd" and not o.get("publicatiedatum"):
                self.melden(
                    [*pad, "status"], "een gepubliceerd onderzoek heeft een publicatiedatum"
                )
            for j, naam in enumerate(_lijst(o.get("respondenten"))):
                if naam not in partners:
                    self.melden(
                        [*pad, "respondenten", j], f"‘{naam}’ staat niet onder netwerkpartners"
                    )
            vorig = self.vorig(o, pad, eerder, vervangt)
            kader = self.kaders.get(kader_sleutel(o.get("kader")))
            if kader_sleutel(o.get("kader")) and kader is None:
                k = o["kader"]
                self.melden(
                    [*pad, "kader"],
                    f"toetsingskader ‘{k['sleutel']}’ versie {k.get('versie')} bestaat niet",
                )
            elif kader is not None:
                if not kader.vastgesteld:
                    self.melden([*pad, "kader"], "dit toetsingskader is niet vastgesteld")
                self.scores(o, pad, kader, vorig)
            if isinstance(o.get("id"), str):
                eerder[o["id"]] = o

    def datum(self, o: Mapping, pad) -> None:
        waarde = o.get(pad[-1])
        if isinstance(waarde, str) and len(waarde) == 10:
            try:
                date.fromisoformat(waarde)
            except ValueError:
                self.melden(pad, f"‘{waarde}’ is geen bestaande datum")

    def vorig(self, o: Mapping, pad, eerder: dict, vervangt: dict) -> Mapping | None:
        vorig_id, vervolg = o.get("vorig"), o.get("soort") == "vervolgonderzoek"
        if vervolg and not vorig_id:
            self.melden([*pad, "soort"], "een vervolgonderzoek noemt zijn vorig onderzoek (vorig)")
            return None
        if not vorig_id:
            return None
        if not vervolg:
            self.melden([*pad, "vorig"], "alleen een vervolgonderzoek heeft een vorig onderzoek")
            return None
        vorig = eerder.get(vorig_id)
        if vorig is None:
            self.melden(
                [*pad, "vorig"], f"‘{vorig_id}’ is geen onderzoek dat eerder in dit bestand staat"
            )
            return None
        if vorig.get("aanpak") != o.get("aanpak") and vorig.get("aanpak") not in vervangt.get(
            o.get("aanpak"), ()
        ):
            self.melden(
                [*pad, "vorig"],
                "het vorig onderzoek gaat over dezelfde aanpak of een aanpak die deze vervangt",
            )
        if (
            isinstance(vorig.get("jaar"), int)
            and isinstance(o.get("jaar"), int)
            and vorig["jaar"] >= o["jaar"]
        ):
            self.melden([*pad, "vorig"], "het vorig onderzoek is van een eerder jaar")
        if vorig.get("status") not in AFGEROND:
            self.melden([*pad, "vorig"], "het vorig onderzoek is vastgesteld of gepubliceerd")
        return vorig

    def scores(self, o: Mapping, pad, kader: KaderInfo, vorig: Mapping | None) -> None:
        scope = set(kader.indicatoren)
        if vorig is not None:  # its X, by the scale of its own framework version
            vorig_kader = self.kaders.get(kader_sleutel(vorig.get("kader"))) or kader
            x = [
                s
                for _, b in _blokken(vorig.get("bevindingen"))
                for s, c in _items(b)
                if c in vorig_kader.verbeterpunten
            ]
            scope = set(
                vervolg_scope(
                    vorige_verbeterpunten=x, nieuwe_sleutels=kader.indicatoren
                ).opnieuw_toetsen
            )
        gescoord = {}
        for j, bevinding in _blokken(o.get("bevindingen")):
            for sleutel, code in _items(bevinding):
                ipad = [*pad, "bevindingen", j, "indicatoren", sleutel]
                if sleutel not in kader.indicatoren:
                    self.melden(ipad, f"indicator ‘{sleutel}’ staat niet in dit toetsingskader")
                elif sleutel not in scope:
                    self.melden(
                        ipad,
                        f"indicator ‘{sleutel}’ wordt in dit vervolgonderzoek niet opnieuw getoetst (geen verbeterpunt in het vorig onderzoek)",
                    )
                elif sleutel in gescoord:
                    self.melden(
                        ipad,
                        f"indicator ‘{sleutel}’ heeft al een oordeel (regel {gescoord[sleutel]})",
                    )
                gescoord.setdefault(sleutel, regel_bij(self.data, ipad))
                if isinstance(code, str) and code not in kader.codes and code != NIET_GETOETST:
                    keuzes = ", ".join(sorted(kader.codes | {NIET_GETOETST}))
                    self.melden(ipad, f"oordeel ‘{code}’ bestaat niet; kies uit {keuzes}")
        conclusies = o.get("conclusies")
        if isinstance(conclusies, Mapping) and conclusies:
            if o.get("soort") in SOORTEN and o.get("soort") != "beleidstoets":
                self.melden(
                    [*pad, "conclusies"], "alleen een beleidstoets heeft conclusies per thema"
                )
            for thema in conclusies:
                if thema not in kader.themas:
                    self.melden(
                        [*pad, "conclusies", thema],
                        f"thema ‘{thema}’ staat niet in dit toetsingskader",
                    )


def _items(bevinding: Mapping) -> list[tuple[str, object]]:
    indicatoren = bevinding.get("indicatoren")
    return list(indicatoren.items()) if isinstance(indicatoren, Mapping) else []
