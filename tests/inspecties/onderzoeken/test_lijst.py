"""The list of studies: one page at a time, filtered in the database (issue 16)."""

from django.test import Client
from django.urls import reverse

import pytest

from inspecties.onderzoeken.selectors import lijsten
from tests.conftest import inloggen
from tests.factories import OnderzoekFactory, scoren

URL = reverse("inspecties:onderzoek_lijst")


@pytest.fixture
def vijf(kaders, monkeypatch):
    """Five studies of five years (2013-2017), two to a page; the first one fully scored."""
    monkeypatch.setattr(lijsten, "PER_PAGINA", 2)
    onderzoeken = [OnderzoekFactory(jaar=2013 + i) for i in range(5)]
    scoren(onderzoeken[0])
    return onderzoeken


def _rijen(antwoord) -> int:
    return antwoord.content.decode().count('data-testid="onderzoek-rij"')


def test_lijst_toont_een_pagina_met_navigatie(client_als, medewerker, vijf):
    client = client_als(medewerker)
    eerste = client.get(URL)
    html = eerste.content.decode()
    assert _rijen(eerste) == 2
    assert 'aria-label="Paginering"' in html
    assert "Pagina 1 van 3" in html and "Volgende" in html and "Vorige" not in html
    assert 'aria-current="page"' in html
    laatste = client.get(URL, {"pagina": 3})
    assert _rijen(laatste) == 1
    # Newest year first: the study of 2013 (scored, 30 of 30) is on the last page, counted.
    assert "2013" in laatste.content.decode() and "30 / 30" in laatste.content.decode()
    assert "Vorige" in laatste.content.decode() and "Volgende" not in laatste.content.decode()


def test_filters_blijven_in_de_paginalinks(client_als, medewerker, vijf):
    for o in vijf:
        o.aanpak.naam = "Veilig Thuis " + o.aanpak.naam
        o.aanpak.save()
    OnderzoekFactory(jaar=2018)  # not matching the filter
    antwoord = client_als(medewerker).get(URL, {"zoek": "Veilig Thuis"})
    html = antwoord.content.decode()
    assert "Pagina 1 van 3" in html
    assert "?zoek=Veilig+Thuis&amp;pagina=2" in html


def test_geen_treffers_zegt_dat_in_het_nederlands(client_als, medewerker, vijf):
    html = client_als(medewerker).get(URL, {"jaar": 1999}).content.decode()
    assert "Geen onderzoeken gevonden met deze filters." in html
    assert "Paginering" not in html


@pytest.mark.parametrize("pagina", ["abc", "-1", "0", "99999999999999999999", "1'; DROP"])
def test_vijandige_paginanummers_geven_een_gewone_pagina(client_als, medewerker, vijf, pagina):
    antwoord = client_als(medewerker).get(URL, {"pagina": pagina})
    assert antwoord.status_code == 200
    assert _rijen(antwoord) in (1, 2)


def test_twee_gebruikers_tegelijk_op_verschillende_paginas(medewerker, inspecteur, vijf):
    """A study made between two page loads of one user shows up for the other, at the top."""
    a, b = inloggen(Client(), medewerker), inloggen(Client(), inspecteur)
    assert _rijen(a.get(URL)) == 2
    nieuw = OnderzoekFactory(jaar=2030)
    assert nieuw.aanpak.naam in b.get(URL).content.decode()
    assert _rijen(a.get(URL, {"pagina": 3})) == 2


def test_lijst_zonder_pagina_blijft_op_drie_queries_plus_sessie(
    client_als, medewerker, vijf, django_assert_max_num_queries
):
    client = client_als(medewerker)
    client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL, {"pagina": 2})
