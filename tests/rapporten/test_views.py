from django.urls import reverse

from tests.conftest import inloggen


def test_rapport_als_html_pagina_met_begrensd_aantal_queries(
    demo, client, inspecteur, django_assert_max_num_queries
):
    gouda = demo[("Gouda", 2013)]
    inloggen(client, inspecteur)
    with django_assert_max_num_queries(20):
        antwoord = client.get(reverse("rapporten:rapport", args=[gouda.pk]))
    assert antwoord.status_code == 200
    tekst = antwoord.text
    assert '<html lang="nl">' in tekst
    assert "Uitkomsten toezichtonderzoek Gouda" in tekst
    assert "<script" not in tekst and "CONCEPT" not in tekst
    assert "/static/css/rapport.css" in tekst


def test_vervolg_als_html_pagina(demo, client, medewerker, django_assert_max_num_queries):
    vervolg = demo[("Oosterhout", 2014)]
    inloggen(client, medewerker)
    with django_assert_max_num_queries(25):
        antwoord = client.get(reverse("rapporten:rapport", args=[vervolg.pk]))
    assert "Uitkomsten verbeterpunten toezichtonderzoek Oosterhout" in antwoord.text
    assert "Juni 2015" in antwoord.text


def test_exportpagina(demo, client, medewerker):
    inloggen(client, medewerker)
    antwoord = client.get(reverse("rapporten:exports"))
    assert antwoord.status_code == 200
    assert "Download CSV" in antwoord.text and "Maak ZIP" in antwoord.text
    assert "<script>" not in antwoord.text
