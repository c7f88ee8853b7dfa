"""A progress report leads somewhere (issue 18, item 6): read → assessed (a short note) →
linked to the follow-up it informs, which shows it on its scoring page beside the plans."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from inspecties.models import Voortgangsrapportage
from inspecties.onderzoeken.services import onderzoek_aanmaken
from inspecties.voortgang.selectors import punten_van_onderzoek
from inspecties.voortgang.services import (
    PlanConflict,
    VoortgangFout,
    verbeterplan_opslaan,
    voortgangsrapportage_beoordelen,
    voortgangsrapportage_koppelen,
)
from tests.conftest import inloggen
from tests.factories import pdf_upload, portaal_wereld


@pytest.fixture
def wereld(kaders, inspecteur):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    wereld.gepubliceerd.voortgang_deadline = timezone.localdate() + timedelta(days=180)
    wereld.gepubliceerd.save(update_fields=["voortgang_deadline"])
    return wereld


def vervolg_van(onderzoek, inspecteur):
    return onderzoek_aanmaken(
        aanpak=onderzoek.aanpak,
        kader=onderzoek.kader,
        soort="vervolgonderzoek",
        jaar=onderzoek.jaar + 1,
        inspecteurs=[inspecteur],
        vorig_onderzoek=onderzoek,
    )


def test_lezen_beoordelen_koppelen_en_zien_bij_het_scoren(wereld, client, inspecteur):
    upload = wereld.upload
    punt = punten_van_onderzoek(wereld.gepubliceerd)[0]
    verbeterplan_opslaan(
        onderzoek=wereld.gepubliceerd,
        sleutel=punt.sleutel,
        door=wereld.gouda_gebruiker,
        versie=None,
        maatregel="Casusregie invoeren",
        verantwoordelijke="Teamleider",
        uiterlijk=timezone.localdate() + timedelta(days=30),
    )
    vervolg = vervolg_van(wereld.gepubliceerd, inspecteur)
    inloggen(client, inspecteur)
    assert client.get(reverse("voortgang:rapportage", args=[upload.pk])).status_code == 200
    upload.refresh_from_db()
    assert upload.gelezen_door == inspecteur
    antwoord = client.post(
        reverse("voortgang:beoordelen", args=[upload.pk]),
        {"versie": upload.versie, "beoordeling": "Goede stappen bij casusregie."},
    )
    assert antwoord.status_code == 302
    upload.refresh_from_db()
    antwoord = client.post(
        reverse("voortgang:koppelen", args=[upload.pk]),
        {"versie": upload.versie, "vervolgonderzoek": vervolg.pk},
    )
    assert antwoord.status_code == 302
    upload.refresh_from_db()
    assert upload.vervolgonderzoek == vervolg and upload.beoordeeld_door == inspecteur

    html = client.get(reverse("inspecties:onderzoek_scoren", args=[vervolg.pk])).content.decode()
    assert 'data-testid="gekoppelde-rapportages"' in html and "Goede stappen" in html
    assert html.count('data-testid="verbeterplan"') == 1 and "Casusregie invoeren" in html

    # The municipality sees that its report was read and assessed (not the inspector's note).
    client.logout()
    inloggen(client, wereld.gouda_gebruiker)
    html = client.get(reverse("portaal:home")).content.decode()
    assert "beoordeeld door de inspecties op" in html


def test_scoorpagina_leest_plannen_een_keer(
    wereld, client, inspecteur, django_assert_max_num_queries
):
    """The plans beside the rows cost the same queries for one plan as for three."""
    vervolg = vervolg_van(wereld.gepubliceerd, inspecteur)
    inloggen(client, inspecteur)
    url = reverse("inspecties:onderzoek_scoren", args=[vervolg.pk])
    punten = punten_van_onderzoek(wereld.gepubliceerd)

    def plan(punt):
        verbeterplan_opslaan(
            onderzoek=wereld.gepubliceerd,
            sleutel=punt.sleutel,
            door=wereld.gouda_gebruiker,
            versie=None,
            maatregel=f"Plan {punt.sleutel}",
            verantwoordelijke="x",
            uiterlijk=timezone.localdate() + timedelta(days=10),
        )

    plan(punten[0])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        client.get(url)
    for p in punten[1:]:
        plan(p)
    with django_assert_max_num_queries(len(een.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count('data-testid="verbeterplan"') == 3


def test_twee_inspecteurs_beoordelen_tegelijk_geen_stille_overschrijving(
    wereld, client, inspecteur, tweede_inspecteur
):
    upload = wereld.upload
    versie = upload.versie
    voortgangsrapportage_beoordelen(
        rapportage=upload, versie=versie, beoordeling="Eerste", door=inspecteur
    )
    with pytest.raises(PlanConflict):
        voortgangsrapportage_beoordelen(
            rapportage=upload, versie=versie, beoordeling="Tweede", door=tweede_inspecteur
        )
    inloggen(client, tweede_inspecteur)
    antwoord = client.post(
        reverse("voortgang:beoordelen", args=[upload.pk]),
        {"versie": versie, "beoordeling": "Tweede via het scherm"},
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 409
    assert "Eerste" in html and "Tweede via het scherm" in html  # both versions on the page
    upload.refresh_from_db()
    assert upload.beoordeling == "Eerste"


def test_koppelen_alleen_aan_een_vervolg_van_hetzelfde_onderzoek(wereld, inspecteur):
    upload = wereld.upload
    ander_vervolg = vervolg_van(wereld.ander_gepubliceerd, inspecteur)
    upload = voortgangsrapportage_beoordelen(
        rapportage=upload, versie=upload.versie, beoordeling="ok", door=inspecteur
    )
    with pytest.raises(VoortgangFout):
        voortgangsrapportage_koppelen(
            rapportage=upload, versie=upload.versie, vervolgonderzoek=ander_vervolg, door=inspecteur
        )


def test_gemeente_kan_geen_inspecteursvelden_zetten(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    upload = wereld.upload
    for naam in ("voortgang:rapportage", "voortgang:beoordelen", "voortgang:koppelen"):
        verstuur = client.get if naam == "voortgang:rapportage" else client.post
        assert (
            verstuur(
                reverse(naam, args=[upload.pk]), {"versie": 1, "beoordeling": "zelf"}
            ).status_code
            == 403
        )
    # Fields of the inspector sent along with an upload are ignored.
    antwoord = client.post(
        reverse("portaal:uploaden", args=[wereld.gepubliceerd.pk]),
        {
            "bestand": pdf_upload("nieuw.pdf"),
            "beoordeling": "Zelf beoordeeld",
            "beoordeeld_op": "2020-01-01",
            "vervolgonderzoek": wereld.concept.pk,
        },
    )
    assert antwoord.status_code == 302
    nieuw = Voortgangsrapportage.objects.get(oorspronkelijke_naam="nieuw.pdf")
    assert (nieuw.beoordeling, nieuw.beoordeeld_op, nieuw.vervolgonderzoek) == ("", None, None)


def test_andere_gemeente_ziet_de_status_van_goudas_rapportage_niet(wereld, client):
    inloggen(client, wereld.andere_gebruiker)
    assert client.get(reverse("portaal:download", args=[wereld.upload.pk])).status_code == 404
    html = client.get(reverse("portaal:home")).content.decode()
    assert "gouda.pdf" not in html


def test_niet_meer_verlopen_zodra_het_vervolgonderzoek_is_gepubliceerd(wereld, inspecteur):
    from inspecties.models import Onderzoek
    from inspecties.voortgang.selectors import met_deadline, open_verbeterpunten_van

    onderzoek = wereld.gepubliceerd
    later = timezone.localdate() + timedelta(days=365)
    assert met_deadline([onderzoek], later)[0].deadline_status == "verlopen"
    vervolg = vervolg_van(onderzoek, inspecteur)
    assert met_deadline([onderzoek], later)[0].deadline_status == "verlopen"  # a concept
    Onderzoek.objects.filter(pk=vervolg.pk).update(status=Onderzoek.Status.GEPUBLICEERD)
    assert met_deadline([onderzoek], later)[0].deadline_status == ""
    # Its points live on in the follow-up: no plan is asked for them any more.
    assert open_verbeterpunten_van(onderzoek=onderzoek, gebruiker=wereld.gouda_gebruiker) == []
