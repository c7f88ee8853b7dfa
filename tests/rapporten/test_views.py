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


def test_een_bevinding_met_een_script_staat_als_tekst_in_het_rapport(kaders, client, inspecteur):
    """What an inspector types is text in every report: markup in a finding is escaped."""
    from inspecties.onderzoeken import services
    from tests.factories import AanpakFactory

    onderzoek = services.onderzoek_aanmaken(
        aanpak=AanpakFactory(), kader=kaders["ggsr-beleid"], soort="beleidstoets", jaar=2013
    )
    b = onderzoek.beoordelingen.first()
    services.bevinding_opslaan(
        beoordeling=b, tekst='<script>alert("x")</script>', let_op="", versie=None, door=inspecteur
    )
    inloggen(client, inspecteur)
    tekst = client.get(reverse("rapporten:rapport", args=[onderzoek.pk])).text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in tekst
    assert "<script" not in tekst
