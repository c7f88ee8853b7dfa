"""Notifications (issue 18): a notification and one e-mail per recipient and event, after the
action commits; links on the address the application runs on; only one's own notifications."""

from datetime import date

from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

import pytest

from inspecties.meldingen.models import Melding
from inspecties.meldingen.services import meldingen_gelezen
from inspecties.models import Onderzoek
from inspecties.onderzoeken.services import (
    OnderzoekFout,
    onderzoek_heropenen,
    onderzoek_ter_review_sturen,
    onderzoek_vaststellen,
    publicatie_registreren,
)
from tests.conftest import inloggen
from tests.factories import OnderzoekFactory, gebruiker, pdf_upload, portaal_wereld

Soort = Melding.Soort


@pytest.fixture
def onderzoek(kaders, inspecteur, tweede_inspecteur):
    return OnderzoekFactory(gescoord=True, inspecteurs=[inspecteur, tweede_inspecteur])


def status(client, onderzoek, actie, **extra):
    return client.post(reverse("inspecties:status_wijzigen", args=[onderzoek.pk, actie]), **extra)


def test_ter_review_meldt_de_tweede_inspecteur_met_een_link_naar_de_gediende_host(
    client, onderzoek, inspecteur, tweede_inspecteur, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""  # the default: the host and port the request came in on
    settings.ALLOWED_HOSTS = ["toezicht.test"]
    inloggen(client, inspecteur)
    with django_capture_on_commit_callbacks(execute=True):
        response = status(client, onderzoek, "ter-review", HTTP_HOST="toezicht.test:8123")
    assert response.status_code == 302

    melding = Melding.objects.get()
    assert melding.ontvanger == tweede_inspecteur  # not the sender
    assert melding.soort == Soort.TER_REVIEW
    assert inspecteur.get_full_name() in melding.tekst
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [tweede_inspecteur.email]
    assert bericht.subject.startswith("Ter review: ")
    assert f"http://toezicht.test:8123/onderzoeken/{onderzoek.pk}/" in bericht.body


def test_site_url_gaat_voor_de_host_van_het_verzoek(
    client, onderzoek, inspecteur, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://toezicht.example.nl"
    inloggen(client, inspecteur)
    with django_capture_on_commit_callbacks(execute=True):
        status(client, onderzoek, "ter-review")
    assert f"https://toezicht.example.nl/onderzoeken/{onderzoek.pk}/" in mail.outbox[0].body


def test_buiten_een_verzoek_de_standaard_van_de_instellingen(
    onderzoek, inspecteur, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
    assert f"http://127.0.0.1:8000/onderzoeken/{onderzoek.pk}/" in mail.outbox[0].body


def test_dubbel_verstuurd_is_een_melding_en_een_mail(
    client, onderzoek, inspecteur, django_capture_on_commit_callbacks
):
    inloggen(client, inspecteur)
    with django_capture_on_commit_callbacks(execute=True):
        status(client, onderzoek, "ter-review")
        status(client, onderzoek, "ter-review")  # the second click: refused, nothing sent
    assert Melding.objects.count() == 1
    assert len(mail.outbox) == 1


def test_dezelfde_gebeurtenis_twee_keer_gemeld_blijft_een_melding(
    onderzoek, inspecteur, django_capture_on_commit_callbacks
):
    from inspecties.meldingen.services import onderzoek_melden

    onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
    onderzoek.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        opnieuw = onderzoek_melden(onderzoek=onderzoek, soort=Soort.TER_REVIEW, door=inspecteur)
    assert opnieuw == []
    assert Melding.objects.count() == 1
    assert mail.outbox == []


def test_mislukte_actie_stuurt_niets(onderzoek, inspecteur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
        transaction.set_rollback(True)
    assert Melding.objects.count() == 0
    assert mail.outbox == []


def test_vaststellen_heropenen_publiceren_melden_de_andere_inspecteur(
    onderzoek, inspecteur, tweede_inspecteur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
        onderzoek_vaststellen(onderzoek=onderzoek, door=tweede_inspecteur)
        onderzoek_heropenen(onderzoek=onderzoek, door=tweede_inspecteur, reden="Typfout")
        onderzoek_ter_review_sturen(onderzoek=onderzoek, door=tweede_inspecteur)
        onderzoek_vaststellen(onderzoek=onderzoek, door=inspecteur)
        o = Onderzoek.objects.get(pk=onderzoek.pk)
        with transaction.atomic():
            publicatie_registreren(
                onderzoek=o,
                door=inspecteur,
                publicatiedatum=date(2014, 3, 1),
                voortgang_deadline=date(2015, 3, 1),
            )
    soorten = {(m.ontvanger.username, m.soort) for m in Melding.objects.select_related("ontvanger")}
    assert soorten == {
        (tweede_inspecteur.username, Soort.TER_REVIEW),
        (inspecteur.username, Soort.VASTGESTELD),
        (inspecteur.username, Soort.HEROPEND),
        (inspecteur.username, Soort.TER_REVIEW),
        (tweede_inspecteur.username, Soort.VASTGESTELD),
        (tweede_inspecteur.username, Soort.GEPUBLICEERD),
    }
    assert len(mail.outbox) == 6


def test_review_zonder_tweede_inspecteur_gaat_naar_alle_inspecteurs(
    kaders, inspecteur, tweede_inspecteur, django_capture_on_commit_callbacks
):
    alleen = OnderzoekFactory(gescoord=True, inspecteurs=[inspecteur])
    with django_capture_on_commit_callbacks(execute=True):
        onderzoek_ter_review_sturen(onderzoek=alleen, door=inspecteur)
    assert [m.ontvanger for m in Melding.objects.all()] == [tweede_inspecteur]


def test_upload_meldt_de_inspecteurs_een_keer_per_bestand(
    kaders, inspecteur, django_capture_on_commit_callbacks
):
    from inspecties.voortgang.services import voortgangsrapportage_indienen

    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    Melding.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # the same file sent twice (a double submit): one event
            voortgangsrapportage_indienen(
                onderzoek=wereld.gepubliceerd,
                bestand=pdf_upload("plan.pdf", b"%PDF-1.4\n% plan\n%%EOF\n"),
                door=wereld.gouda_gebruiker,
            )
    melding = Melding.objects.get()
    assert melding.soort == Soort.VOORTGANGSRAPPORTAGE
    assert melding.ontvanger == inspecteur
    assert "plan.pdf" in melding.tekst and "Gouda-test" in melding.tekst
    assert len(mail.outbox) == 1
    link = reverse("voortgang:inbox_onderzoek", args=[wereld.gepubliceerd.pk])
    assert link in mail.outbox[0].body


def test_meldingenpagina_toont_alleen_eigen_en_markeert_gelezen(
    client, onderzoek, inspecteur, tweede_inspecteur, django_capture_on_commit_callbacks
):
    onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
    eigen = Melding.objects.get(ontvanger=tweede_inspecteur)
    derde = gebruiker("inspecteur", username="insp3")
    inloggen(client, derde)
    pagina = client.get(reverse("meldingen:lijst")).content.decode()
    assert eigen.tekst not in pagina
    # An attacker marking someone else's notification read: nothing changes.
    client.post(reverse("meldingen:gelezen"), {"melding": eigen.pk})
    eigen.refresh_from_db()
    assert eigen.gelezen_op is None

    inloggen(client, tweede_inspecteur)
    pagina = client.get(reverse("meldingen:lijst")).content.decode()
    assert eigen.tekst in pagina
    assert 'Meldingen <span class="badge text-bg-primary">1' in pagina
    client.post(reverse("meldingen:gelezen"), {"melding": eigen.pk})
    eigen.refresh_from_db()
    assert eigen.gelezen_op is not None
    pagina = client.get(reverse("meldingen:lijst")).content.decode()
    assert 'Meldingen <span class="badge' not in pagina


def test_vijandige_invoer_bij_gelezen_markeren(client, inspecteur):
    inloggen(client, inspecteur)
    for waarde in ("abc", "-1", "9" * 30, "1\x00"):
        response = client.post(reverse("meldingen:gelezen"), {"melding": waarde})
        assert response.status_code in (302, 400)


def test_alles_gelezen_raakt_alleen_de_eigen_meldingen(onderzoek, inspecteur, tweede_inspecteur):
    onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
    assert meldingen_gelezen(ontvanger=inspecteur) == 0
    assert Melding.objects.filter(gelezen_op__isnull=True).count() == 1
    assert meldingen_gelezen(ontvanger=tweede_inspecteur) == 1


def test_ongelezen_teller_is_een_query(client, onderzoek, inspecteur, tweede_inspecteur):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
    inloggen(client, tweede_inspecteur)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("meldingen:lijst"))
    tellingen = [q["sql"] for q in queries if "inspecties_melding" in q["sql"]]
    assert len(tellingen) == 2  # the page's list and the menu's count, nothing per row
    assert any("COUNT(" in sql for sql in tellingen)


def test_anoniem_ziet_geen_meldingen(db):
    response = Client().get(reverse("meldingen:lijst"))
    assert response.status_code == 302


def test_twee_inspecteurs_stellen_tegelijk_vast_een_melding(
    onderzoek, inspecteur, tweede_inspecteur, django_capture_on_commit_callbacks
):
    derde = gebruiker("inspecteur", username="insp3")
    onderzoek.inspecteurs.add(derde)
    onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
    Melding.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        onderzoek_vaststellen(onderzoek=onderzoek, door=tweede_inspecteur)
        with pytest.raises(OnderzoekFout):
            onderzoek_vaststellen(onderzoek=onderzoek, door=derde)
    assert sorted(m.ontvanger.username for m in Melding.objects.all()) == ["insp1", "insp3"]
    assert len(mail.outbox) == 2


def test_melden_met_eigen_tekst_en_portaallink_voor_een_gemeente(
    kaders, settings, django_capture_on_commit_callbacks
):
    """How the municipality's side (a reminder, an assessed report) calls melden."""
    from inspecties.meldingen.services import melden

    settings.SITE_URL = "https://toezicht.example.nl"
    wereld = portaal_wereld(kaders)
    pad = reverse("portaal:onderzoek", args=[wereld.gepubliceerd.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # the daily command run twice: one reminder
            melden(
                soort=Soort.HERINNERING,
                ontvangers=[wereld.gouda_gebruiker],
                sleutel=f"herinnering-{wereld.gepubliceerd.pk}-2026-05-01",
                onderzoek=wereld.gepubliceerd,
                tekst="Uw voortgangsrapportage wordt uiterlijk 1 mei 2026 verwacht.",
                onderwerp="Herinnering: voortgangsrapportage",
                pad=pad,
            )
    melding = Melding.objects.get(soort=Soort.HERINNERING)
    assert melding.pad == pad
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Herinnering: voortgangsrapportage"
    assert f"https://toezicht.example.nl{pad}" in mail.outbox[0].body


def test_melding_openen_markeert_gelezen_en_gaat_naar_het_werk(
    client, onderzoek, inspecteur, tweede_inspecteur
):
    onderzoek_ter_review_sturen(onderzoek=onderzoek, door=inspecteur)
    melding = Melding.objects.get()
    inloggen(client, inspecteur)  # not theirs: 404, still unread
    assert client.get(reverse("meldingen:openen", args=[melding.pk])).status_code == 404
    melding.refresh_from_db()
    assert melding.gelezen_op is None
    inloggen(client, tweede_inspecteur)
    response = client.get(reverse("meldingen:openen", args=[melding.pk]))
    assert response["Location"] == reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])
    melding.refresh_from_db()
    assert melding.gelezen_op is not None
