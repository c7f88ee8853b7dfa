"""Writing studies in the exchange format `toezicht-onderzoek/1`: what `importeren` reads.

A file is about one gemeente. A follow-up needs its earlier study (its report prints last
time's scores), so the chain of earlier studies is written too; every approach of the
gemeente is written with the approaches it replaced. Reads only.
"""

from django.db.models import Prefetch
from django.utils.text import slugify

import yaml

from gemeenten.models import Aanpak
from inspecties.onderzoeken.models import ONDERZOEK_TEKSTVELDEN, Beoordeling, Hoofdstuk, Onderzoek
from inspecties.uitwisseling.fouten import UitwisselFout
from inspecties.uitwisseling.lezen import Probleem
from inspecties.uitwisseling.schema import FORMAAT, NIET_GETOETST

DATUMVELDEN = ("publicatiedatum", "voortgang_deadline", "presentatiedatum")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True  # a file without anchors reads everywhere

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # lists indented, as in the demo files


def _str(dumper: yaml.SafeDumper, data: str):
    stijl = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=stijl)


_Dumper.add_representer(str, _str)


def _met_voorgangers(onderzoeken) -> list[Onderzoek]:
    """The studies and their earlier studies, earliest first (an earlier study before the
    follow-up that names it)."""
    gezien: dict[int, Onderzoek] = {}
    for onderzoek in onderzoeken:
        keten = []
        while onderzoek is not None and onderzoek.pk not in gezien:
            keten.append(onderzoek)
            onderzoek = onderzoek.vorig_onderzoek
        for o in reversed(keten):
            gezien[o.pk] = o
    return sorted(gezien.values(), key=lambda o: (o.jaar, o.pk))


def _maand(onderzoek: Onderzoek) -> str | None:
    waarde = getattr(onderzoek, "publicatiemaand", None)  # arrives with issue 14 item 1
    if not waarde:
        return None
    return waarde.strftime("%Y-%m") if hasattr(waarde, "strftime") else str(waarde)


def _bevindingen(onderzoek: Onderzoek) -> list[dict]:
    per_bevinding: dict[int, dict] = {}
    for b in onderzoek.beoordelingen.all():  # in the framework's order
        if b.bevinding_id is None and not b.is_gescoord:
            continue
        code = b.optie.code if b.optie_id else None
        code = NIET_GETOETST if b.niet_getoetst else code
        sleutel = b.bevinding_id or -b.pk  # a score without a finding: a finding of its own
        if sleutel not in per_bevinding:
            per_bevinding[sleutel] = {
                "indicatoren": {},
                "tekst": b.bevinding.tekst if b.bevinding_id else "",
                "let_op": b.bevinding.let_op if b.bevinding_id else "",
            }
        per_bevinding[sleutel]["indicatoren"][b.indicator.sleutel] = code
    return list(per_bevinding.values())


def _onderzoek(onderzoek: Onderzoek, ids: dict[int, str]) -> dict:
    data = {
        "id": ids[onderzoek.pk],
        "aanpak": onderzoek.aanpak.naam,
        "soort": onderzoek.soort,
        "jaar": onderzoek.jaar,
        "kader": {"sleutel": onderzoek.kader.sleutel, "versie": onderzoek.kader.versie},
        "status": onderzoek.status,
        **{
            v: getattr(onderzoek, v).isoformat() if getattr(onderzoek, v) else None
            for v in DATUMVELDEN
        },
        "publicatiemaand": _maand(onderzoek),
        "vorig": ids.get(onderzoek.vorig_onderzoek_id),
        **{v: getattr(onderzoek, v) for v in ONDERZOEK_TEKSTVELDEN},
        "respondenten": [p.naam for p in onderzoek.respondenten.all()],
        "bevindingen": _bevindingen(onderzoek),
    }
    if onderzoek.soort == Onderzoek.Soort.BELEIDSTOETS:
        data["conclusies"] = {
            c.thema.sleutel: {"gaat_goed": c.gaat_goed, "kan_beter": c.kan_beter}
            for c in onderzoek.conclusies.all()
        }
    hoofdstukken = [
        {v: getattr(h, v) for v in Hoofdstuk.TEKSTEN} for h in onderzoek.hoofdstukken.all()
    ]
    if hoofdstukken:
        data["hoofdstukken"] = hoofdstukken
    return data


def _id(onderzoek: Onderzoek, bezet: set) -> str:
    kandidaat = slugify(f"{onderzoek.aanpak.naam} {onderzoek.soort} {onderzoek.jaar}").strip("-")
    kandidaat = "-".join(d for d in kandidaat.replace("_", "-").split("-") if d)[:90]
    if not kandidaat or kandidaat in bezet:
        kandidaat = f"{kandidaat or 'onderzoek'}-{onderzoek.pk}"
    bezet.add(kandidaat)
    return kandidaat


def onderzoeken_exporteren(*, onderzoeken) -> str:
    """The YAML text of these studies (of one gemeente) and their earlier studies."""
    onderzoeken = _met_voorgangers(onderzoeken)
    gemeenten = {o.aanpak.gemeente_id for o in onderzoeken}
    if len(gemeenten) != 1:
        raise UitwisselFout([Probleem(None, "", "een uitwisselbestand gaat over één gemeente")])
    volledig = (
        Onderzoek.objects.filter(pk__in=[o.pk for o in onderzoeken])
        .select_related("aanpak__gemeente", "kader")
        .prefetch_related(
            "respondenten",
            "hoofdstukken",
            "conclusies__thema",
            Prefetch(
                "beoordelingen",
                queryset=Beoordeling.objects.select_related("indicator", "optie", "bevinding"),
            ),
        )
        .order_by("jaar", "pk")
    )
    volledig = sorted(volledig, key=lambda o: [x.pk for x in onderzoeken].index(o.pk))
    gemeente = volledig[0].aanpak.gemeente
    bezet: set = set()
    ids = {o.pk: _id(o, bezet) for o in volledig}
    aanpakken = Aanpak.objects.filter(gemeente=gemeente).prefetch_related("vervangt").order_by("pk")
    partners = sorted({p.naam for o in volledig for p in o.respondenten.all()})
    data = {
        "formaat": FORMAAT,
        "gemeente": {
            "naam": gemeente.naam,
            "cbs_code": gemeente.cbs_code,
            "provincie": gemeente.provincie,
            "inwoners": gemeente.inwoners,
            "regio": gemeente.regio,
            "context": gemeente.context,
        },
        "netwerkpartners": [{"naam": naam} for naam in partners],
        "aanpakken": [
            {
                "naam": a.naam,
                "beschrijving": a.beschrijving,
                "vervangt": [v.naam for v in a.vervangt.all()],
            }
            for a in aanpakken
        ],
        "onderzoeken": [_onderzoek(o, ids) for o in volledig],
    }
    kop = f"# Toezicht: uitwisselbestand ({FORMAAT}); zie docs/uitwisselformaat.md\n"
    return kop + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
