"""Retention (issue 17): what is kept longer than its configured period is deleted, and the
audit log records how much (counts, never names or contents). Run daily by
`manage.py bewaartermijnen_toepassen`; running it again deletes nothing more.

- Progress reports (uploaded documents) older than BEWAARTERMIJN_UPLOADS_DAGEN after they were
  submitted: the record and its file.
- Audit log entries (with IP addresses) older than BEWAARTERMIJN_BEVEILIGINGSLOG_DAGEN, and
  django-axes' records of login attempts (username, IP address, browser) just as old.
- Sessions past their expiry and the session list's rows without a session (IP address,
  browser).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.beveiliging.services import beveiligingslog_schrijven
from inspecties.voortgang.models import Voortgangsrapportage


def _bestanden_verwijderen(bestanden) -> None:
    for bestand in bestanden:
        if bestand.name:
            bestand.storage.delete(bestand.name)  # a file that is already gone is no error


def bewaartermijnen_toepassen(*, nu=None) -> dict[str, int]:
    """Delete what is past its retention period; returns the counts (also in the audit log)."""
    nu = nu or timezone.now()
    uploads_dagen = settings.BEWAARTERMIJN_UPLOADS_DAGEN
    log_dagen = settings.BEWAARTERMIJN_BEVEILIGINGSLOG_DAGEN
    grens_uploads = nu - timedelta(days=uploads_dagen)
    grens_log = nu - timedelta(days=log_dagen)

    with transaction.atomic():
        oud = Voortgangsrapportage.objects.filter(ingediend_op__lt=grens_uploads)
        bestanden = [r.bestand for r in oud.only("bestand")]
        uploads = oud.delete()[0]
        # The files go once the records are gone for good (never a record without its file).
        transaction.on_commit(lambda: _bestanden_verwijderen(bestanden))

        log = BeveiligingsGebeurtenis.objects.filter(moment__lt=grens_log).delete()[0]
        inlogpogingen = sum(
            model.objects.filter(attempt_time__lt=grens_log).delete()[0]
            for model in (AccessLog, AccessAttempt, AccessFailureLog)
        )
        sessies = Session.objects.filter(expire_date__lt=nu).delete()[0]
        sessies += UserSessie.objects.exclude(
            session_key__in=Session.objects.values("session_key")
        ).delete()[0]
        aantallen = {
            "voortgangsrapportages": uploads,
            "beveiligingslog": log,
            "inlogpogingen": inlogpogingen,
            "sessies": sessies,
        }
        beveiligingslog_schrijven(
            soort=BeveiligingsGebeurtenis.Soort.BEWAARTERMIJN,
            **aantallen,
            termijn_uploads_dagen=uploads_dagen,
            termijn_beveiligingslog_dagen=log_dagen,
        )
    return aantallen
