"""The load test's traffic (bench/verkeer.py) against the real app: a save it counts as
confirmed must be one the page confirmed, so a changed row markup cannot turn every save of the
load test into 'niet bevestigd' unnoticed (it did once: issue 18 changed the confirmation)."""

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import loadtest  # noqa: E402
from verkeer import Meting, Sessie, inloggen, inspecteur_bladeren, inspecteur_opslaan  # noqa: E402

from inspecties.models import Beoordeling  # noqa: E402
from toetsingskader.models import Schaaloptie  # noqa: E402


@pytest.mark.django_db(transaction=True)
def test_opslaan_van_de_loadtest_wordt_door_de_pagina_bevestigd(kaders, live_server):
    inspecteurs, _ = loadtest.gebruikers_voorbereiden(1, 0)
    naam, apparaat, rijen = inspecteurs[0]
    opties = list(
        Schaaloptie.objects.filter(kader__sleutel="ggsr-beleid", kader__versie="2013")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    meting = Meting()
    s = Sessie(live_server.url, meting)
    inloggen(s, naam, apparaat)
    s.token = s.csrf(f"/onderzoeken/{rijen[0].onderzoek}/")
    rij = rijen[0]

    assert inspecteur_opslaan(s, rij, opties[0], "loadtest eerste")
    # The second save carries the versions the first answer returned: no conflict.
    assert inspecteur_opslaan(s, rij, opties[1], "loadtest tweede")
    inspecteur_bladeren(s, rij)

    assert meting.fouten == {}
    beoordeling = Beoordeling.objects.select_related("bevinding").get(pk=rij.beoordeling)
    assert beoordeling.optie_id == opties[1]
    assert beoordeling.bevinding.tekst == "loadtest tweede"


@pytest.mark.django_db(transaction=True)
def test_een_verouderde_versie_telt_niet_als_bevestigd(kaders, live_server):
    inspecteurs, _ = loadtest.gebruikers_voorbereiden(1, 0)
    naam, apparaat, rijen = inspecteurs[0]
    opties = Schaaloptie.objects.filter(kader__sleutel="ggsr-beleid").values_list("pk", flat=True)
    s = Sessie(live_server.url, Meting())
    inloggen(s, naam, apparaat)
    s.token = s.csrf(f"/onderzoeken/{rijen[0].onderzoek}/")
    rij = rijen[0]
    geladen = (rij.beoordeling_versie, rij.bevinding_id, rij.bevinding_versie)
    assert inspecteur_opslaan(s, rij, opties[0], "eerst")
    # A second browser that loaded the page before that save sends another score and text.
    rij.beoordeling_versie, rij.bevinding_id, rij.bevinding_versie = geladen

    assert not inspecteur_opslaan(s, rij, opties[1], "daarna, verouderd")
    assert Beoordeling.objects.get(pk=rij.beoordeling).bevinding.tekst == "eerst"
