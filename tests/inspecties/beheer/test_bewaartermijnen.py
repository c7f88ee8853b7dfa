"""Retention (issue 17): uploads, audit entries, login records and sessions past their
configured period are deleted by `manage.py bewaartermijnen_toepassen`, counted in the audit
log, and a second run deletes nothing more."""

from datetime import timedelta
from io import StringIO

from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

import pytest
from axes.models import AccessAttempt, AccessLog

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.models import Voortgangsrapportage
from inspecties.voortgang.services import voortgangsrapportage_indienen
from tests.conftest import inloggen
from tests.factories import pdf_upload, portaal_wereld

Soort = BeveiligingsGebeurtenis.Soort


@pytest.fixture
def toepassen(django_capture_on_commit_callbacks):
    """The command, with what it does after its transaction commits (the files)."""

    def draai() -> str:
        uit = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("bewaartermijnen_toepassen", stdout=uit)
        return uit.getvalue()

    return draai


def ouder_maken(queryset, veld: str, dagen: int) -> None:
    queryset.update(**{veld: timezone.now() - timedelta(days=dagen)})


@pytest.fixture
def wereld(kaders):
    return portaal_wereld(kaders)


def test_oude_gegevens_weg_recente_blijven_en_het_log_telt(wereld, client, settings, toepassen):
    settings.BEWAARTERMIJN_UPLOADS_DAGEN = 730
    settings.BEWAARTERMIJN_BEVEILIGINGSLOG_DAGEN = 180
    oud = voortgangsrapportage_indienen(
        onderzoek=wereld.gepubliceerd,
        bestand=pdf_upload("oud-Familie-De-Groot.pdf"),
        door=wereld.gouda_gebruiker,
    )
    ouder_maken(Voortgangsrapportage.objects.filter(pk=oud.pk), "ingediend_op", 731)
    ouder_maken(
        Voortgangsrapportage.objects.filter(pk=wereld.andere_upload.pk), "ingediend_op", 729
    )
    oud_bestand = oud.bestand.name
    assert default_storage.exists(oud_bestand)

    # A logged-in session (axes logs the login and tidies its own old attempts then).
    inloggen(client, wereld.gouda_gebruiker)
    client.get("/portaal/")
    BeveiligingsGebeurtenis.objects.create(
        soort=Soort.LOGIN, gebruikersnaam="vroeger", ip="10.0.0.1"
    )
    ouder_maken(BeveiligingsGebeurtenis.objects.filter(gebruikersnaam="vroeger"), "moment", 181)
    BeveiligingsGebeurtenis.objects.create(soort=Soort.LOGIN, gebruikersnaam="onlangs")
    ouder_maken(BeveiligingsGebeurtenis.objects.filter(gebruikersnaam="onlangs"), "moment", 179)
    AccessLog.objects.create(username="vroeger", ip_address="10.0.0.1", user_agent="x")
    ouder_maken(AccessLog.objects.filter(username="vroeger"), "attempt_time", 200)
    AccessAttempt.objects.create(username="vroeger", ip_address="10.0.0.1", failures_since_start=2)
    ouder_maken(AccessAttempt.objects.all(), "attempt_time", 200)

    # One that expired (with its row in the session list).
    verlopen = Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(hours=1)
    )
    UserSessie.objects.create(user=wereld.gouda_gebruiker, session_key=verlopen.session_key)
    actief = set(Session.objects.exclude(pk=verlopen.pk).values_list("pk", flat=True))

    uit = toepassen()
    assert "1 voortgangsrapportage(s) ouder dan 730 dagen" in uit
    assert not Voortgangsrapportage.objects.filter(pk=oud.pk).exists()
    assert not default_storage.exists(oud_bestand)
    assert Voortgangsrapportage.objects.filter(pk=wereld.andere_upload.pk).exists()
    assert default_storage.exists(wereld.andere_upload.bestand.name)
    assert Voortgangsrapportage.objects.filter(pk=wereld.upload.pk).exists()
    namen = set(BeveiligingsGebeurtenis.objects.values_list("gebruikersnaam", flat=True))
    assert "vroeger" not in namen and "onlangs" in namen
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.filter(username="vroeger").exists()
    assert set(Session.objects.values_list("pk", flat=True)) == actief
    assert not UserSessie.objects.filter(session_key=verlopen.session_key).exists()
    assert client.get("/portaal/").status_code == 200  # the live session survived

    entry = BeveiligingsGebeurtenis.objects.get(soort=Soort.BEWAARTERMIJN)
    assert entry.details == {
        "voortgangsrapportages": 1,
        "beveiligingslog": 1,
        "inlogpogingen": 2,
        "sessies": 2,
        "termijn_uploads_dagen": 730,
        "termijn_beveiligingslog_dagen": 180,
    }
    assert "De-Groot" not in str(entry.details)


def test_tweede_keer_verwijdert_niets_meer(wereld, toepassen):
    ouder_maken(
        Voortgangsrapportage.objects.filter(pk=wereld.upload.pk), "ingediend_op", 5 * 365 + 1
    )
    toepassen()
    assert Voortgangsrapportage.objects.count() == 1
    uit = toepassen()
    assert "0 voortgangsrapportage(s) ouder dan 1825 dagen" in uit
    tellingen = [
        e.details["voortgangsrapportages"]
        for e in BeveiligingsGebeurtenis.objects.filter(soort=Soort.BEWAARTERMIJN).order_by("id")
    ]
    assert tellingen == [1, 0]


def test_een_bestand_dat_al_weg_is_stopt_de_opschoning_niet(wereld, toepassen):
    default_storage.delete(wereld.upload.bestand.name)
    ouder_maken(Voortgangsrapportage.objects.all(), "ingediend_op", 5 * 365 + 1)
    toepassen()
    assert not Voortgangsrapportage.objects.exists()


def test_een_upload_van_vandaag_blijft_terwijl_de_opschoning_loopt(wereld, toepassen):
    """A gemeente submits while retention runs: a new report is never past its period."""
    ouder_maken(Voortgangsrapportage.objects.all(), "ingediend_op", 5 * 365 + 1)
    nieuw = voortgangsrapportage_indienen(
        onderzoek=wereld.gepubliceerd, bestand=pdf_upload("nieuw.pdf"), door=wereld.gouda_gebruiker
    )
    toepassen()
    assert list(Voortgangsrapportage.objects.values_list("pk", flat=True)) == [nieuw.pk]
    assert default_storage.exists(nieuw.bestand.name)
