"""Scoring screens: saving, conflicts, workflow, bounded queries."""

from django.urls import reverse

import pytest

from inspecties.models import Bevinding, Onderzoek
from inspecties.onderzoeken import services
from tests.factories import AanpakFactory, OnderzoekFactory

HX = {"HX-Request": "true"}


@pytest.fixture
def onderzoek(kaders, inspecteur):
    return OnderzoekFactory(inspecteurs=[inspecteur])


def rij_url(b):
    return reverse("inspecties:beoordeling_opslaan", args=[b.onderzoek_id, b.pk])


def test_beleidstoets_heeft_30_indicatoren(onderzoek):
    assert onderzoek.beoordelingen.count() == 30


def test_htmx_opslaan_geeft_de_rij_terug_en_bewaart(client_als, inspecteur, onderzoek):
    b = onderzoek.beoordelingen.first()
    optie = onderzoek.kader.schaal.get(code="voldoet")
    client = client_als(inspecteur)
    antwoord = client.post(
        rij_url(b),
        {
            "oordeel": optie.pk,
            "beoordeling_versie": b.versie,
            "tekst": "Goed geregeld.",
            "let_op": "Let op de wachtlijst.",
            "bevinding_versie": "",
        },
        headers=HX,
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "<html" not in html and f'id="rij-{b.pk}"' in html
    assert 'id="teller"' in html
    b.refresh_from_db()
    assert b.optie == optie and b.bevinding.tekst == "Goed geregeld."
    assert b.bevinding.let_op == "Let op de wachtlijst."


def test_zonder_javascript_redirect_terug_naar_de_rij(client_als, inspecteur, onderzoek):
    b = onderzoek.beoordelingen.first()
    client = client_als(inspecteur)
    antwoord = client.post(rij_url(b), {"oordeel": "niet_getoetst", "beoordeling_versie": 1})
    assert antwoord.status_code == 302 and antwoord.url.endswith(f"#rij-{b.pk}")
    b.refresh_from_db()
    assert b.niet_getoetst


def test_twee_sessies_zelfde_bevinding_tweede_wordt_geweigerd(
    client, inspecteur, tweede_inspecteur, onderzoek
):
    from django.test import Client

    from tests.conftest import inloggen

    b = onderzoek.beoordelingen.first()
    services.bevinding_opslaan(beoordeling=b, tekst="Begin", let_op="", versie=None)
    b.refresh_from_db()
    geladen_versie = b.bevinding.versie
    geladen_id = b.bevinding_id
    eerste = inloggen(Client(), inspecteur)
    tweede = inloggen(Client(), tweede_inspecteur)

    a1 = eerste.post(
        rij_url(b),
        {
            "beoordeling_versie": b.versie,
            "tekst": "Tekst van één",
            "let_op": "",
            "bevinding_id": geladen_id,
            "bevinding_versie": geladen_versie,
        },
        headers=HX,
    )
    assert a1.status_code == 200 and "conflict" not in a1.content.decode()
    a2 = tweede.post(
        rij_url(b),
        {
            "beoordeling_versie": b.versie,
            "tekst": "Tekst van twee",
            "let_op": "",
            "bevinding_id": geladen_id,
            "bevinding_versie": geladen_versie,
        },
        headers=HX,
    )
    html = a2.content.decode()
    assert 'data-testid="conflict"' in html
    assert "Tekst van één" in html and "Tekst van twee" in html
    bevinding = Bevinding.objects.get(pk=b.bevinding_id)
    assert bevinding.tekst == "Tekst van één" and bevinding.versie == geladen_versie + 1

    # Choosing "overwrite with mine" is a new save against the version now shown.
    a3 = tweede.post(
        rij_url(b),
        {
            "beoordeling_versie": b.versie,
            "tekst": "Tekst van twee",
            "let_op": "",
            "bevinding_id": bevinding.pk,
            "bevinding_versie": bevinding.versie,
        },
        headers=HX,
    )
    assert 'data-testid="conflict"' not in a3.content.decode()
    assert Bevinding.objects.get(pk=b.bevinding_id).tekst == "Tekst van twee"


def test_gedeelde_bevinding(client_als, inspecteur, onderzoek):
    b1, b2 = list(onderzoek.beoordelingen.all()[:2])
    assert b1.indicator.criterium_id == b2.indicator.criterium_id
    client_als(inspecteur).post(
        reverse("inspecties:bevinding_delen", args=[onderzoek.pk]),
        {"beoordelingen": [b1.pk, b2.pk], "tekst": "Samen"},
    )
    b1.refresh_from_db()
    b2.refresh_from_db()
    assert b1.bevinding_id == b2.bevinding_id and b1.bevinding.tekst == "Samen"


def _compleet(onderzoek):
    voldoet = onderzoek.kader.schaal.get(code="voldoet")
    for b in onderzoek.beoordelingen.all():
        services.beoordeling_opslaan(
            beoordeling=b, optie=voldoet, niet_getoetst=False, versie=b.versie
        )
        services.bevinding_opslaan(beoordeling=b, tekst="Bevinding", let_op="", versie=None)


def test_workflow_en_vier_ogen(client_als, inspecteur, tweede_inspecteur, onderzoek):
    client = client_als(inspecteur)
    url = lambda actie: reverse("inspecties:status_wijzigen", args=[onderzoek.pk, actie])  # noqa: E731
    antwoord = client.post(url("ter-review"))
    assert antwoord.status_code == 400 and "nog geen oordeel" in antwoord.content.decode()
    _compleet(onderzoek)
    client.post(url("ter-review"))
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.TER_REVIEW
    client.post(url("vaststellen"))
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.TER_REVIEW  # not by the sender
    client = client_als(tweede_inspecteur)
    client.post(url("vaststellen"))
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.VASTGESTELD
    b = onderzoek.beoordelingen.first()
    client.post(rij_url(b), {"oordeel": "niet_getoetst", "beoordeling_versie": b.versie})
    b.refresh_from_db()
    assert not b.niet_getoetst  # read-only
    client.post(reverse("rapporten:publiceren", args=[onderzoek.pk]))
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.GEPUBLICEERD
    assert onderzoek.publicatiedatum and onderzoek.voortgang_deadline
    client.post(url("heropenen"), {"reden": ""})
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.GEPUBLICEERD
    client.post(url("heropenen"), {"reden": "Tikfout in bevinding", "bevestigd": "on"})
    onderzoek.refresh_from_db()
    assert onderzoek.status == Onderzoek.Status.CONCEPT
    stappen = list(onderzoek.statuswijzigingen.values_list("naar", "door__username", "reden"))
    assert stappen[-1] == ("concept", "insp2", "Tikfout in bevinding")
    assert len(stappen) == 4


def test_historie_toont_wie_wat_wijzigde(client_als, inspecteur, onderzoek):
    client = client_als(inspecteur)
    b = onderzoek.beoordelingen.first()
    client.post(rij_url(b), {"beoordeling_versie": 1, "tekst": "Eerste", "bevinding_versie": ""})
    b.refresh_from_db()
    client.post(
        rij_url(b),
        {
            "beoordeling_versie": 1,
            "tekst": "Tweede",
            "bevinding_id": b.bevinding_id,
            "bevinding_versie": b.bevinding.versie,
        },
    )
    html = client.get(reverse("inspecties:onderzoek_historie", args=[onderzoek.pk])).content
    html = html.decode()
    assert "Eerste" in html and "Tweede" in html
    assert (inspecteur.get_full_name() or inspecteur.username) in html  # a name, not a username
    # Fields by their Dutch label, a score as the users write it.
    assert "<strong>bevinding</strong>: „Eerste” → „Tweede”" in html
    optie = onderzoek.kader.schaal.get(code="verbeterpunt")
    client.post(rij_url(b), {"beoordeling_versie": 1, "oordeel": optie.pk})
    html = client.get(reverse("inspecties:onderzoek_historie", args=[onderzoek.pk])).content
    assert "<strong>oordeel</strong>: „–” → „X Verbeterpunt”" in html.decode()


def test_scorepagina_heeft_begrensd_aantal_queries(
    client_als, inspecteur, onderzoek, django_assert_max_num_queries
):
    _compleet(onderzoek)
    client = client_als(inspecteur)
    url = reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])
    with django_assert_max_num_queries(20) as eerst:
        assert client.get(url).status_code == 200
    for jaar in range(200):
        services.onderzoek_aanmaken(
            aanpak=onderzoek.aanpak,
            kader=onderzoek.kader,
            soort="beleidstoets",
            jaar=2000 + jaar % 100,
        )
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        assert client.get(url).status_code == 200


def test_filters_op_de_lijst(client_als, medewerker, onderzoek):
    client = client_als(medewerker)
    url = reverse("inspecties:onderzoek_lijst")
    assert onderzoek.aanpak.naam in client.get(url, {"jaar": 2013}).content.decode()
    assert onderzoek.aanpak.naam not in client.get(url, {"jaar": 2014}).content.decode()
    assert (
        onderzoek.aanpak.naam in client.get(url, {"zoek": onderzoek.aanpak.naam}).content.decode()
    )


def test_verlopen_sessie_zonder_javascript_zet_invoer_terug_na_inloggen(
    client, inspecteur, onderzoek
):
    from tests.conftest import inloggen, sessie_laten_verlopen

    b = onderzoek.beoordelingen.first()
    # The session expired: the POST ends it and arrives anonymous.
    inloggen(client, inspecteur)
    sessie_laten_verlopen(client.session.session_key)
    antwoord = client.post(
        rij_url(b),
        {
            "oordeel": "niet_getoetst",
            "beoordeling_versie": 1,
            "tekst": "Mijn lange bevinding",
            "let_op": "Mijn opmerking",
            "bevinding_versie": "",
        },
    )
    scoren = reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])
    assert antwoord.status_code == 302 and "/inloggen/" in antwoord.url
    assert scoren in antwoord.url  # back to the page after logging in
    b.refresh_from_db()
    assert b.bevinding_id is None and not b.niet_getoetst  # nothing saved unseen

    inloggen(client, inspecteur)
    html = client.get(scoren).content.decode()
    assert 'data-testid="hersteld"' in html
    assert "Mijn lange bevinding</textarea>" in html and 'value="Mijn opmerking"' in html
    # Shown once: a reload shows the saved state again.
    assert 'data-testid="hersteld"' not in client.get(scoren).content.decode()


def test_conflict_op_het_oordeel_toont_beide(client_als, inspecteur, onderzoek):
    b = onderzoek.beoordelingen.first()
    voldoet = onderzoek.kader.schaal.get(code="voldoet")
    verbeterpunt = onderzoek.kader.schaal.get(code="verbeterpunt")
    services.beoordeling_opslaan(beoordeling=b, optie=voldoet, niet_getoetst=False, versie=1)
    client = client_als(inspecteur)
    html = client.post(
        rij_url(b), {"oordeel": verbeterpunt.pk, "beoordeling_versie": 1, "tekst": ""}, headers=HX
    ).content.decode()
    assert 'data-testid="hun-oordeel"' in html and "√" in html
    b.refresh_from_db()
    assert b.optie == voldoet


def test_conflict_op_een_conclusie(client_als, inspecteur, onderzoek):
    conclusie = onderzoek.conclusies.first()
    services.conclusie_opslaan(conclusie=conclusie, gaat_goed="Eerst", kan_beter="", versie=1)
    client = client_als(inspecteur)
    antwoord = client.post(
        reverse("inspecties:conclusie_opslaan", args=[onderzoek.pk, conclusie.pk]),
        {"versie": 1, "gaat_goed": "Later", "kan_beter": ""},
    )
    assert antwoord.status_code == 409
    html = antwoord.content.decode()
    assert "Eerst" in html and "Later" in html
    conclusie.refresh_from_db()
    assert conclusie.gaat_goed == "Eerst"


def test_nieuw_vervolgonderzoek_zonder_vorig_geeft_nederlandse_fout(client_als, inspecteur, kaders):
    aanpak = AanpakFactory()
    antwoord = client_als(inspecteur).post(
        reverse("inspecties:onderzoek_nieuw"),
        {
            "aanpak": aanpak.pk,
            "kader": kaders["ggsr-beleid"].pk,
            "soort": "vervolgonderzoek",
            "jaar": 2015,
        },
    )
    assert antwoord.status_code == 200
    assert "Kies het eerdere onderzoek" in antwoord.content.decode()
    assert not Onderzoek.objects.exists()


def test_lege_gedeelde_bevinding_wordt_geweigerd(client_als, inspecteur, onderzoek):
    b1, b2 = list(onderzoek.beoordelingen.all()[:2])
    antwoord = client_als(inspecteur).post(
        reverse("inspecties:bevinding_delen", args=[onderzoek.pk]),
        {"beoordelingen": [b1.pk, b2.pk], "tekst": " "},
        follow=True,
    )
    assert "Schrijf de bevinding." in antwoord.content.decode()
    assert not Bevinding.objects.exists()


def test_teksten_opslaan_en_conflict(client_als, inspecteur, onderzoek):
    client = client_als(inspecteur)
    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    versie = onderzoek.versie
    assert client.post(url, {"versie": versie, "context": "Eerste context"}).status_code == 302
    antwoord = client.post(url, {"versie": versie, "context": "Tweede context"})
    assert antwoord.status_code == 409
    html = antwoord.content.decode()
    assert "Eerste context" in html and "Tweede context" in html
    onderzoek.refresh_from_db()
    assert onderzoek.context == "Eerste context" and onderzoek.versie == versie + 1


# --- Issue 13: the acting user is the service's `door`, recorded in the history --------------


def test_de_historie_noemt_wie_de_service_als_door_kreeg(
    onderzoek, inspecteur, tweede_inspecteur, rf
):
    """Not the user of whatever request is being handled (simple-history's thread-local):
    here no request at all, and then a request of another user."""
    from simple_history.models import HistoricalRecords

    b = onderzoek.beoordelingen.first()
    voldoet = onderzoek.kader.schaal.get(code="voldoet")
    services.beoordeling_opslaan(
        beoordeling=b, optie=voldoet, niet_getoetst=False, versie=b.versie, door=inspecteur
    )
    bevinding = services.bevinding_opslaan(
        beoordeling=b, tekst="Eerste", let_op="", versie=None, door=inspecteur
    )
    verzoek = rf.post("/")
    verzoek.user = tweede_inspecteur
    HistoricalRecords.context.request = verzoek
    try:
        services.bevinding_opslaan(
            beoordeling=b, tekst="Tweede", let_op="", versie=bevinding.versie, door=inspecteur
        )
        services.onderzoek_teksten_opslaan(
            onderzoek=onderzoek, versie=onderzoek.versie, context="Nieuw", door=inspecteur
        )
    finally:
        del HistoricalRecords.context.request
    assert {r.history_user for r in b.history.all()} == {inspecteur}
    assert {r.history_user for r in Bevinding.history.filter(id=bevinding.pk)} == {inspecteur}
    laatste = Onderzoek.history.filter(id=onderzoek.pk).latest("history_date")
    assert laatste.context == "Nieuw" and laatste.history_user == inspecteur


def test_onderzoekfactory_maakt_studies_zoals_de_applicatie(kaders):
    """The factory's traits give what the workflow would: scores, statuses, a follow-up that
    re-scores exactly the earlier study's X."""
    from tests.factories import OnderzoekFactory

    concept = OnderzoekFactory(concept=True)
    assert concept.status == Onderzoek.Status.CONCEPT and concept.beoordelingen.count() == 30
    assert not concept.beoordelingen.gescoord().exists()
    gepubliceerd = OnderzoekFactory(gepubliceerd=True, verbeterpunten=4)
    assert gepubliceerd.status == Onderzoek.Status.GEPUBLICEERD and gepubliceerd.publicatiedatum
    assert gepubliceerd.beoordelingen.gescoord().count() == 30
    assert [w.naar for w in gepubliceerd.statuswijzigingen.all()] == [
        "ter_review",
        "vastgesteld",
        "gepubliceerd",
    ]
    vervolg = OnderzoekFactory(vervolg=True)
    assert vervolg.vorig_onderzoek.aanpak == vervolg.aanpak
    assert vervolg.jaar == vervolg.vorig_onderzoek.jaar + 1
    assert vervolg.beoordelingen.count() == 3  # the earlier study's verbeterpunten


def test_een_rij_ontsnapt_html_in_bevinding_en_let_op(client_als, inspecteur, onderzoek):
    """The rows are rendered by Jinja2 (issue 16): a finding or LET OP with markup shows as
    text in the htmx answer, on the page and read-only, never as markup."""
    b = onderzoek.beoordelingen.first()
    optie = onderzoek.kader.schaal.get(code="voldoet")
    client = client_als(inspecteur)
    kwaad = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    antwoord = client.post(
        rij_url(b),
        {
            "oordeel": optie.pk,
            "beoordeling_versie": b.versie,
            "tekst": kwaad,
            "let_op": '" autofocus onfocus="alert(2)',
            "bevinding_versie": "",
        },
        headers=HX,
    )
    pagina = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]))
    Onderzoek.objects.filter(pk=onderzoek.pk).update(status=Onderzoek.Status.GEPUBLICEERD)
    alleen_lezen = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]))

    for html in (antwoord.content.decode(), pagina.content.decode()):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
        assert 'value="&#34; autofocus onfocus=&#34;alert(2)"' in html
    html = alleen_lezen.content.decode()
    assert 'data-testid="bevinding">Bevinding: &lt;script&gt;' in html
    assert "<script>alert" not in html
