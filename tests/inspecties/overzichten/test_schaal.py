"""The heatmap and the field summary stay within a fixed number of queries at national size
(issue 15): the same pages are loaded with 3 generated municipalities (15 studies) and again
after the national generator added 57 more (300 studies, with scores, findings and
follow-ups); the number of queries must not change, and stays under one bound. Rolled back
afterwards."""

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from inspecties.beveiliging.rollen import Rol
from inspecties.demo.landelijk import landelijke_dataset_maken
from inspecties.models import Onderzoek
from tests.conftest import inloggen
from tests.factories import gebruiker
from toetsingskader.management.commands.laad_toetsingskader import MEEGELEVERD
from toetsingskader.services import toetsingskader_laden

KLEIN, GROOT, JAREN, EERSTE_JAAR = 3, 60, 5, 2020
GRENS = 15
pytestmark = pytest.mark.django_db

PAGINAS = {
    "heatmap": "/rapporten/overzichten/heatmap/",
    "heatmap-provincie": "/rapporten/overzichten/heatmap/?provincie=Utrecht&sorteer=x",
    "heatmap-alle-statussen": f"/rapporten/overzichten/heatmap/?status=alle&jaar={EERSTE_JAAR + 4}",
    "heatmap-csv": "/rapporten/overzichten/heatmap.csv",
    "veldoverzicht": "/rapporten/overzichten/veld/",
    "veldoverzicht-jaar": f"/rapporten/overzichten/veld/?jaar={EERSTE_JAAR + 2}",  # vs 2020
    "veldoverzicht-csv": "/rapporten/overzichten/veld.csv",
    "overzichten": "/rapporten/overzichten/",
}


def _meten(client: Client) -> dict[str, tuple[int, bytes]]:
    uit = {}
    for naam, url in PAGINAS.items():
        with CaptureQueriesContext(connection) as ctx:
            antwoord = client.get(url)
        assert antwoord.status_code == 200, (url, antwoord.status_code)
        uit[naam] = (len(ctx.captured_queries), antwoord.content)
    return uit


@pytest.fixture(scope="module")
def metingen(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        for pad in sorted(MEEGELEVERD.glob("*.yaml")):
            toetsingskader_laden(tekst=pad.read_text(encoding="utf-8"), vaststellen=True)
        landelijke_dataset_maken(
            gemeenten=KLEIN, jaren=JAREN, eerste_jaar=EERSTE_JAAR, inspecteurs=4
        )
        client = inloggen(Client(), gebruiker(Rol.MEDEWERKER, username="schaal-medewerker"))
        _meten(client)  # a session's first requests write its bookkeeping once
        klein = _meten(client)
        landelijke_dataset_maken(
            gemeenten=GROOT - KLEIN,
            jaren=JAREN,
            eerste_jaar=EERSTE_JAAR,
            inspecteurs=4,
            eerste_nummer=2001 + KLEIN,
        )
        assert Onderzoek.objects.count() == GROOT * JAREN
        groot = _meten(client)
        transaction.set_rollback(True)
    return klein, groot


@pytest.mark.parametrize("naam", list(PAGINAS))
def test_evenveel_queries_bij_300_als_bij_15_onderzoeken(metingen, naam):
    klein, groot = metingen
    assert groot[naam][0] == klein[naam][0] <= GRENS, (naam, klein[naam][0], groot[naam][0])


def test_de_heatmap_toont_bij_landelijke_omvang_alle_gemeenten(metingen):
    _klein, groot = metingen
    html = groot["heatmap"][1].decode()
    assert html.count('<tr><th scope="row">') == GROOT + 4  # a row per municipality + 4 totals
    assert html.count('<td class="hm-') == GROOT * 30 or html.count('<td class="hm-') % GROOT == 0
    veld = groot["veldoverzicht-jaar"][1].decode()
    assert 'data-testid="veld-indicatoren"' in veld and "pp</td>" in veld
