"""Pages stay query-bound at national size (issue 16).

The same pages, for the same user and the same study, are loaded once in a small data set (3
municipalities, 15 studies) and once after the generator has added 57 more municipalities
(300 studies in all, with scores, findings, follow-ups and progress reports): a page whose
number of queries grows with the data would take a query per row at 1,700 studies. The data
are made once for the module by `landelijke_dataset_maken` and rolled back afterwards.
"""

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from gemeenten.models import Aanpak
from inspecties.beveiliging.rollen import Rol
from inspecties.demo.landelijk import concept_beleidstoets_maken, landelijke_dataset_maken
from inspecties.models import Onderzoek
from tests.conftest import inloggen
from tests.factories import gebruiker
from toetsingskader.management.commands.laad_toetsingskader import MEEGELEVERD
from toetsingskader.services import toetsingskader_laden

KLEIN = 3
GROOT = 60
JAREN = 5
EERSTE_JAAR = 2020
# The test database is set up for tests that use it; the data come from the module fixture.
pytestmark = pytest.mark.django_db

# A bound per page, so a page cannot quietly gain queries at any size either.
GRENS = 30


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return [q["sql"] for q in ctx.captured_queries]


def _paginas() -> dict[str, tuple[str, str]]:
    """Page name -> (who, url). The subjects are GM2001's, identical at both sizes."""
    eerste = Aanpak.objects.filter(gemeente__cbs_code="GM2001").order_by("pk").first()
    gepubliceerd = Onderzoek.objects.gepubliceerd().filter(aanpak__gemeente__cbs_code="GM2001")
    factsheet = gepubliceerd.filter(soort=Onderzoek.Soort.BELEIDSTOETS).order_by("jaar").first()
    vervolg = gepubliceerd.filter(soort=Onderzoek.Soort.VERVOLGONDERZOEK).order_by("jaar").first()
    concept = Onderzoek.objects.get(aanpak=eerste, jaar=EERSTE_JAAR + JAREN)
    return {
        "onderzoekenlijst": ("intern", "/onderzoeken/"),
        "scoren": ("intern", f"/onderzoeken/{concept.pk}/"),
        "overzichten": ("intern", "/rapporten/overzichten/"),
        "overzichten-jaar": ("intern", f"/rapporten/overzichten/?jaar={EERSTE_JAAR + 2}"),
        "rapport-html": ("intern", f"/rapporten/onderzoeken/{factsheet.pk}/"),
        "rapport-html-vervolg": ("intern", f"/rapporten/onderzoeken/{vervolg.pk}/"),
        "voortgang-inbox": ("intern", "/voortgangsrapportages/"),
        "portaal": ("gemeente", "/portaal/"),
        "portaal-onderzoek": ("gemeente", f"/portaal/onderzoeken/{factsheet.pk}/"),
        "portaal-vervolg": ("gemeente", f"/portaal/onderzoeken/{vervolg.pk}/"),
        # Issue 18: the inspector's start page and search, for both sides.
        "mijn-werk": ("intern", "/mijn-werk/"),
        "zoeken": ("intern", "/zoeken/?zoek=gezin"),
        "zoeken-gemeente": ("gemeente", "/zoeken/?zoek=gezin"),
    }


def _meten(clients: dict[str, Client], paginas) -> dict[str, list[str]]:
    return {naam: _queries(clients[wie], url) for naam, (wie, url) in paginas.items()}


@pytest.fixture(scope="module")
def tellingen(django_db_setup, django_db_blocker):
    """{page: (queries in the small set, queries in the large set, rows in the large list)}."""
    with django_db_blocker.unblock(), transaction.atomic():
        for pad in sorted(MEEGELEVERD.glob("*.yaml")):
            toetsingskader_laden(tekst=pad.read_text(encoding="utf-8"), vaststellen=True)
        landelijke_dataset_maken(
            gemeenten=KLEIN, jaren=JAREN, eerste_jaar=EERSTE_JAAR, inspecteurs=4
        )
        inspecteur = gebruiker(Rol.INSPECTEUR, username="schaal-inspecteur")
        eerste = Aanpak.objects.filter(gemeente__cbs_code="GM2001").order_by("pk").first()
        concept_beleidstoets_maken(
            aanpak=eerste, jaar=EERSTE_JAAR + JAREN, inspecteurs=[inspecteur]
        )
        gemeente = gebruiker(Rol.GEMEENTE, username="schaal-gemeente", gemeenten=[eerste.gemeente])
        clients = {
            "intern": inloggen(Client(), inspecteur),
            "gemeente": inloggen(Client(), gemeente),
        }
        paginas = _paginas()
        _meten(clients, paginas)  # first requests of a session write its bookkeeping once
        klein = _meten(clients, paginas)

        landelijke_dataset_maken(
            gemeenten=GROOT - KLEIN,
            jaren=JAREN,
            eerste_jaar=EERSTE_JAAR,
            inspecteurs=4,
            eerste_nummer=2001 + KLEIN,
        )
        assert Onderzoek.objects.count() == GROOT * JAREN + 1
        groot = _meten(clients, paginas)
        rijen = clients["intern"].get("/onderzoeken/").content.count(b'data-testid="onderzoek-rij"')
        transaction.set_rollback(True)
    return {naam: (klein[naam], groot[naam]) for naam in paginas} | {"lijstrijen": rijen}


def _constant(tellingen, naam: str) -> None:
    klein, groot = tellingen[naam]
    extra = "\n".join(groot[len(klein) :][:10])
    assert len(groot) == len(klein), (
        f"{naam}: {len(klein)} queries bij {KLEIN * JAREN} onderzoeken, {len(groot)} bij "
        f"{GROOT * JAREN}; o.a.:\n{extra}"
    )
    assert len(groot) <= GRENS, f"{naam}: {len(groot)} queries (grens {GRENS})"


@pytest.mark.parametrize(
    "naam",
    [
        "onderzoekenlijst",
        "scoren",
        "overzichten",
        "overzichten-jaar",
        "rapport-html",
        "rapport-html-vervolg",
        "voortgang-inbox",
        "portaal",
        "portaal-onderzoek",
        "portaal-vervolg",
        "mijn-werk",
        "zoeken",
        "zoeken-gemeente",
    ],
)
def test_pagina_doet_evenveel_queries_bij_300_als_bij_15_onderzoeken(tellingen, naam):
    _constant(tellingen, naam)


def test_onderzoekenlijst_toont_bij_landelijke_omvang_een_pagina_niet_alles(tellingen):
    assert tellingen["lijstrijen"] <= 100
