"""Search (issue 18): finds a word in a finding, chapter or conclusion, shows the passage, and
never what the user may not see. Runs on SQLite (icontains) and, with DATABASE_URL set, on
PostgreSQL (full-text search, Dutch configuration)."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

import pytest

from inspecties.models import Bevinding
from inspecties.zoeken.selectors import zoeken
from tests.conftest import inloggen
from tests.factories import AanpakFactory, OnderzoekFactory, portaal_wereld


def zoek(client, tekst):
    response = client.get(reverse("zoeken:zoeken"), {"zoek": tekst})
    assert response.status_code == 200
    return response.content.decode()


def test_zrm_vindt_de_passage_in_bergen_op_zoom(client, demo, db):
    inspecteur = get_user_model().objects.get(username="inspecteur")
    inloggen(client, inspecteur)
    html = zoek(client, "ZRM")
    assert "Bergen op Zoom" in html
    assert "<mark>ZRM</mark>" in html
    onderzoek = demo[("Bergen op Zoom", 2017)]
    assert f'href="{reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])}"' in html


def test_gemeente_vindt_eigen_maar_nooit_andermans_woorden(client, demo, db):
    users = get_user_model().objects
    bergen = inloggen(client, users.get(username="bergenopzoom"))
    html = zoek(bergen, "ZRM")
    onderzoek = demo[("Bergen op Zoom", 2017)]
    assert f'href="{reverse("portaal:onderzoek", args=[onderzoek.pk])}"' in html
    gouda = inloggen(client, users.get(username="gouda"))
    html = zoek(gouda, "ZRM")
    assert "0 resultaten" in html and "Bergen" not in html.split("<main")[1]


@pytest.fixture
def wereld(kaders, inspecteur):
    return portaal_wereld(kaders, inspecteur=inspecteur)


@pytest.mark.parametrize(
    "woord",
    [
        "Andere-aanpak",  # another gemeente's published finding
        "Geheim-concept",  # own gemeente, concept
        "Geheim-review",
        "Geheim-vastgesteld",  # own gemeente, not published
        "ander.pdf",  # another gemeente's upload
    ],
)
def test_gemeente_vindt_niets_wat_ze_niet_mag_zien(wereld, inspecteur, woord):
    assert zoeken(gebruiker=wereld.gouda_gebruiker, tekst=woord) == []
    assert zoeken(gebruiker=inspecteur, tekst=woord) != []  # the word is there to find


def test_gemeente_vindt_eigen_gepubliceerde_bevinding_en_upload(wereld):
    treffers = zoeken(gebruiker=wereld.gouda_gebruiker, tekst="MPG-test")
    assert {t.soort for t in treffers} >= {"Bevinding", "Onderzoek"}
    assert all(
        t.url == reverse("portaal:onderzoek", args=[wereld.gepubliceerd.pk]) for t in treffers
    )
    uploads = zoeken(gebruiker=wereld.gouda_gebruiker, tekst="gouda.pdf")
    assert [t.soort for t in uploads] == ["Voortgangsrapportage"]


def test_rolloze_gebruiker_vindt_niets(wereld):
    user = get_user_model().objects.create_user("zonderrol")
    assert zoeken(gebruiker=user, tekst="MPG-test") == []


def test_passage_is_ontsnapt(wereld, client, inspecteur):
    Bevinding.objects.create(
        onderzoek=wereld.concept, tekst="Het <script>alert(1)</script> Wijkplan werkt."
    )
    inloggen(client, inspecteur)
    html = zoek(client, "Wijkplan")
    assert "<script>alert(1)</script>" not in html
    assert "<mark>Wijkplan</mark>" in html
    if connection.vendor != "postgresql":  # PostgreSQL's headline leaves tags out altogether
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize("tekst", ["' OR 1=1 --", "%", "_", "<b>", "a" * 200, "!!! & | :*"])
def test_vijandige_zoekvragen_geven_een_pagina(wereld, client, inspecteur, tekst):
    inloggen(client, inspecteur)
    zoek(client, tekst)


def test_te_lange_zoekvraag_krijgt_een_nederlandse_melding(wereld, client, inspecteur):
    inloggen(client, inspecteur)
    html = zoek(client, "a" * 500)
    assert "Zoek met hoogstens 200 tekens." in html


def test_aantal_queries_onafhankelijk_van_het_aantal_onderzoeken(
    client, kaders, inspecteur, django_assert_max_num_queries
):
    def onderzoeken(n, begin):
        for i in range(begin, begin + n):
            OnderzoekFactory(
                gescoord=True, prefix="Gezinsplan ", aanpak=AanpakFactory(naam=f"Aanpak-{i}")
            )

    onderzoeken(1, 0)
    inloggen(client, inspecteur)
    # 10 today: session, user, second factor, roles, one per kind of text, the menu's count.
    with django_assert_max_num_queries(12) as klein:
        zoek(client, "Gezinsplan")
    onderzoeken(5, 1)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        html = zoek(client, "Gezinsplan")
    assert "20 resultaten" in html or "Aanpak-5" in html


def test_database_bepaalt_de_zoekmethode(wereld, inspecteur):
    """On PostgreSQL, the Dutch stemmer finds another form of the word; SQLite does not."""
    Bevinding.objects.create(onderzoek=wereld.concept, tekst="De inspecteurs zagen het plan.")
    treffers = zoeken(gebruiker=inspecteur, tekst="inspecteur")
    if connection.vendor == "postgresql":
        assert any("<mark>inspecteurs</mark>" in t.passage for t in treffers)
        assert zoeken(gebruiker=inspecteur, tekst="specteur") == []  # words, not substrings
    else:
        assert any("<mark>inspecteur</mark>s" in t.passage for t in treffers)


def test_elke_treffer_opent_voor_wie_hem_vindt(wereld, client, inspecteur, beheerder, medewerker):
    """Every result links to a page the finder may open; uploads only for inspectors."""
    for user in (inspecteur, beheerder, medewerker, wereld.gouda_gebruiker):
        inloggen(client, user)
        treffers = zoeken(gebruiker=user, tekst="gouda.pdf") + zoeken(
            gebruiker=user, tekst="MPG-test"
        )
        for t in treffers:
            assert client.get(t.url).status_code == 200, (user.username, t.url)
    assert zoeken(gebruiker=medewerker, tekst="gouda.pdf") == []
