import pytest

from inspecties.rollen import Rol
from tests.factories import gebruiker


def test_medewerker_ziet_rapport_als_pagina_en_pdf(demo, medewerker, client_als):
    client = client_als(medewerker)
    onderzoek = demo[("Oosterhout", 2014)]
    r = client.get(f"/rapporten/onderzoek/{onderzoek.pk}/")
    assert r.status_code == 200
    assert "Uitkomsten verbeterpunten toezichtonderzoek Oosterhout" in r.content.decode()
    r = client.get(f"/rapporten/onderzoek/{onderzoek.pk}/pdf/")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    r = client.get("/rapporten/scores.csv")
    assert r.status_code == 200 and b"Oosterhout" in r.content


@pytest.mark.django_db
def test_gemeente_gebruiker_mag_niet(demo, client_als):
    gemeente = gebruiker(Rol.GEMEENTE, username="gem1")
    onderzoek = demo[("Gouda", 2013)]
    r = client_als(gemeente).get(f"/rapporten/onderzoek/{onderzoek.pk}/pdf/")
    assert r.status_code == 403
