"""Reminders before a due date (issue 18, item 6): sent once, idempotent per day, only to the
study's own municipality, and not for what is done."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from inspecties.models import Herinnering, Verbeterplan
from inspecties.voortgang.herinneringen import herinneringen_versturen
from inspecties.voortgang.selectors import punten_van_onderzoek
from inspecties.voortgang.services import verbeterplan_accepteren, verbeterplan_opslaan
from tests.factories import portaal_wereld


@pytest.fixture
def wereld(kaders, inspecteur):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    wereld.gouda_gebruiker.email = "gouda@example.org"
    wereld.gouda_gebruiker.save()
    wereld.andere_gebruiker.email = "ander@example.org"
    wereld.andere_gebruiker.save()
    wereld.gepubliceerd.voortgang_deadline = timezone.localdate() + timedelta(days=40)
    wereld.gepubliceerd.save(update_fields=["voortgang_deadline"])
    mail.outbox.clear()  # the uploads' notices to the inspectors
    return wereld


def plan(wereld, dagen: int) -> Verbeterplan:
    return verbeterplan_opslaan(
        onderzoek=wereld.gepubliceerd,
        sleutel=punten_van_onderzoek(wereld.gepubliceerd)[0].sleutel,
        door=wereld.gouda_gebruiker,
        versie=None,
        maatregel="x",
        verantwoordelijke="y",
        uiterlijk=timezone.localdate() + timedelta(days=dagen),
    )


def test_herinnering_voor_een_plan_gaat_een_keer_naar_de_eigen_gemeente(wereld, settings):
    settings.HERINNERING_WEKEN = 2
    # Gouda's report was already submitted (the world has an upload): no report reminder.
    plan(wereld, dagen=7)
    vandaag = timezone.localdate()
    assert herinneringen_versturen(vandaag=vandaag) == 1
    assert [m.to for m in mail.outbox] == [["gouda@example.org"]]
    assert "verbeterplan" in mail.outbox[0].subject
    # Run again the same day (and the next): nothing twice.
    assert herinneringen_versturen(vandaag=vandaag) == 0
    assert herinneringen_versturen(vandaag=vandaag + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1 and Herinnering.objects.count() == 1


def test_het_commando_is_idempotent_per_dag(wereld, settings):
    settings.HERINNERING_WEKEN = 2
    wereld.upload.delete()  # no report yet: its deadline (in 10 days) is within two weeks
    wereld.gepubliceerd.voortgang_deadline = timezone.localdate() + timedelta(days=10)
    wereld.gepubliceerd.save(update_fields=["voortgang_deadline"])
    call_command("herinneringen_versturen")
    call_command("herinneringen_versturen")
    assert len(mail.outbox) == 1
    assert "voortgangsrapportage" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["gouda@example.org"]


def test_buiten_het_venster_of_geaccepteerd_geen_herinnering(wereld, settings, inspecteur):
    settings.HERINNERING_WEKEN = 1
    p = plan(wereld, dagen=30)
    assert herinneringen_versturen(vandaag=timezone.localdate()) == 0
    verbeterplan_accepteren(plan=p, versie=p.versie, door=inspecteur)
    assert herinneringen_versturen(vandaag=timezone.localdate() + timedelta(days=25)) == 0
    assert not mail.outbox
