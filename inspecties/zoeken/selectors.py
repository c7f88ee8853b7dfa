"""Search across studies, findings, theme conclusions, chapters and progress reports, scoped to
what the user may see: internal roles everything; a municipality user only the published
studies of their own gemeenten and the uploads of those. PostgreSQL: full-text search with the
Dutch configuration and its passage (SearchHeadline); elsewhere (SQLite): every word somewhere
in the texts, case-insensitive, and a passage around the first match.

A fixed number of queries (one per kind of text), each at most PER_SOORT rows: the cost does
not grow with the number of studies."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from inspecties.beveiliging.rollen import INTERN, Rol, heeft_rol
from inspecties.onderzoeken.models import Bevinding, Hoofdstuk, Onderzoek, ThemaConclusie
from inspecties.portaal.selectors import portaal_onderzoeken, portaal_voortgangsrapportages
from inspecties.voortgang.models import Voortgangsrapportage

PER_SOORT = 20
MAX_LENGTE = 200
PASSAGE_TEKENS = 120
# Marks around a match in a PostgreSQL headline, replaced by <mark> after escaping the text.
BEGIN, EINDE = "\ue000", "\ue001"


@dataclass(frozen=True)
class Treffer:
    soort: str
    titel: str
    onderzoek: str
    passage: SafeString
    url: str


@dataclass(frozen=True)
class Bron:
    soort: str
    velden: tuple[str, ...]
    onderzoek_via: str  # the path from a row to its study ("" for a study itself)


BRONNEN = (
    Bron(
        "Onderzoek",
        (
            "titel",
            "aanpak__naam",
            "inleiding",
            "context",
            "aanpak_beschrijving",
            "ontwikkeling",
            "samenvatting",
            "oordeel",
            "kansen",
        ),
        "",
    ),
    Bron("Bevinding", ("tekst", "let_op"), "onderzoek"),
    Bron("Conclusie", ("thema__naam", "gaat_goed", "kan_beter"), "onderzoek"),
    Bron(
        "Hoofdstuk",
        ("titel", "verwachting", "beleid", "bevindingen", "risicos", "verklaringen", "conclusie"),
        "onderzoek",
    ),
    Bron("Voortgangsrapportage", ("oorspronkelijke_naam", "bericht"), "onderzoek"),
)
MODELLEN = {
    "Onderzoek": Onderzoek,
    "Bevinding": Bevinding,
    "Conclusie": ThemaConclusie,
    "Hoofdstuk": Hoofdstuk,
    "Voortgangsrapportage": Voortgangsrapportage,
}


def zichtbaar(*, gebruiker) -> tuple[QuerySet[Onderzoek], QuerySet[Voortgangsrapportage]] | None:
    """The studies and uploads this user may find, or None when they may find nothing. A
    municipality user finds only what is published now (not the texts of a study being
    corrected, which the portal shows in their last published form)."""
    if heeft_rol(gebruiker, *INTERN):
        # Progress reports are the inspectors' (their inbox); the other internal roles
        # cannot open them, so they do not find them either.
        inspecteur = heeft_rol(gebruiker, Rol.INSPECTEUR)
        rapportages = Voortgangsrapportage.objects.all()
        return Onderzoek.objects.all(), rapportages if inspecteur else rapportages.none()
    if heeft_rol(gebruiker, Rol.GEMEENTE):
        onderzoeken = portaal_onderzoeken(gebruiker=gebruiker).filter(
            status=Onderzoek.Status.GEPUBLICEERD
        )
        return onderzoeken, portaal_voortgangsrapportages(gebruiker=gebruiker)
    return None


def zoeken(*, gebruiker, tekst: str) -> list[Treffer]:
    tekst = " ".join(tekst.split())[:MAX_LENGTE]
    bereik = zichtbaar(gebruiker=gebruiker)
    if not tekst or bereik is None:
        return []
    onderzoeken, rapportages = bereik
    intern = heeft_rol(gebruiker, *INTERN)
    treffers = []
    for bron in BRONNEN:
        if bron.soort == "Voortgangsrapportage":
            qs = rapportages
        elif bron.onderzoek_via:
            qs = MODELLEN[bron.soort].objects.filter(onderzoek__in=onderzoeken)
        else:
            qs = onderzoeken
        pad = f"{bron.onderzoek_via}__" if bron.onderzoek_via else ""
        qs = qs.select_related(f"{pad}aanpak__gemeente")
        if bron.soort == "Conclusie":
            qs = qs.select_related("thema")
        for rij, passage in _zoek(qs, bron.velden, tekst):
            treffers.append(_treffer(bron, rij, passage, intern=intern))
    return treffers


def _zoek(qs, velden, tekst):
    if connection.vendor == "postgresql":
        return _zoek_postgres(qs, velden, tekst)
    return _zoek_eenvoudig(qs, velden, tekst)


def _zoek_postgres(qs, velden, tekst):
    vraag = SearchQuery(tekst, config="dutch", search_type="websearch")
    alles = Concat(*[x for v in velden for x in (v, Value(" · "))][:-1], output_field=TextField())
    qs = (
        qs.annotate(
            zoekvector=SearchVector(*velden, config="dutch"),
            passage=SearchHeadline(
                alles,
                vraag,
                config="dutch",
                start_sel=BEGIN,
                stop_sel=EINDE,
                max_words=30,
                min_words=12,
            ),
        )
        .filter(zoekvector=vraag)
        .annotate(rang=SearchRank("zoekvector", vraag))
        .order_by("-rang", "pk")
    )
    for rij in qs[:PER_SOORT]:
        veilig = escape(rij.passage).replace(BEGIN, "<mark>").replace(EINDE, "</mark>")
        yield rij, mark_safe(veilig)  # noqa: S308 — escaped above, only our marks are HTML


def _zoek_eenvoudig(qs, velden, tekst):
    woorden = tekst.split()
    for woord in woorden:
        voorwaarde = Q()
        for veld in velden:
            voorwaarde |= Q(**{f"{veld}__icontains": woord})
        qs = qs.filter(voorwaarde)
    for rij in qs.order_by("pk")[:PER_SOORT]:
        yield rij, _passage(rij, velden, woorden[0])


def _waarde(rij, veld: str) -> str:
    for deel in veld.split("__"):
        rij = getattr(rij, deel, "")
    return str(rij or "")


def _passage(rij, velden, woord: str) -> SafeString:
    """The text around the first match of `woord`, escaped, the match marked."""
    for veld in velden:
        waarde = _waarde(rij, veld)
        gevonden = re.search(re.escape(woord), waarde, re.IGNORECASE)
        if gevonden:
            begin = max(0, gevonden.start() - PASSAGE_TEKENS // 2)
            eind = min(len(waarde), gevonden.end() + PASSAGE_TEKENS // 2)
            # Whole words: start after a space, end before one.
            if begin:
                spatie = waarde.find(" ", begin, gevonden.start())
                begin = spatie + 1 if spatie != -1 else begin
            spatie = waarde.rfind(" ", gevonden.end(), eind)
            eind = spatie if spatie != -1 and eind < len(waarde) else eind
            passage = (
                ("… " if begin else "")
                + escape(waarde[begin : gevonden.start()])
                + "<mark>"
                + escape(gevonden.group())
                + "</mark>"
                + escape(waarde[gevonden.end() : eind])
                + (" …" if eind < len(waarde) else "")
            )
            return mark_safe(passage)  # noqa: S308 — every piece of text escaped
    return mark_safe("")


def _treffer(bron: Bron, rij, passage, *, intern: bool) -> Treffer:
    onderzoek = getattr(rij, bron.onderzoek_via) if bron.onderzoek_via else rij
    if bron.soort == "Voortgangsrapportage":
        titel = rij.oorspronkelijke_naam
        url = (
            reverse("voortgang:inbox_onderzoek", kwargs={"onderzoek_pk": onderzoek.pk})
            if intern
            else reverse("portaal:onderzoek", kwargs={"onderzoek_pk": onderzoek.pk})
        )
    else:
        titel = {
            "Onderzoek": str(onderzoek),
            "Bevinding": "Bevinding",
            "Conclusie": f"Conclusie {getattr(getattr(rij, 'thema', None), 'naam', '')}",
            "Hoofdstuk": getattr(rij, "titel", ""),
        }[bron.soort]
        url = (
            reverse("inspecties:onderzoek_scoren", kwargs={"pk": onderzoek.pk})
            if intern
            else reverse("portaal:onderzoek", kwargs={"onderzoek_pk": onderzoek.pk})
        )
    return Treffer(
        soort=bron.soort, titel=titel, onderzoek=str(onderzoek), passage=passage, url=url
    )
