"""Reads of a user's notifications."""

from django.db.models import QuerySet

from inspecties.meldingen.models import Melding

LIJST_MAX = 200  # the notifications page shows the newest ones


def meldingen_van(*, ontvanger) -> QuerySet[Melding]:
    return Melding.objects.filter(ontvanger=ontvanger).order_by("-aangemaakt", "-id")


def aantal_ongelezen(*, ontvanger) -> int:
    return Melding.objects.filter(ontvanger=ontvanger, gelezen_op__isnull=True).count()
