"""Notifying users (melden): a notification on their pages and one e-mail, once per event.

The workflow services of onderzoeken and voortgang call `melden` inside their transaction; the
e-mails go after it commits, so a rolled-back action sends nothing."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from inspecties.beveiliging.rollen import Rol
from inspecties.meldingen.adres import site_adres
from inspecties.meldingen.models import Melding

logger = logging.getLogger(__name__)

Soort = Melding.Soort

ONDERWERP = {
    Soort.TER_REVIEW: "Ter review: {onderzoek}",
    Soort.VASTGESTELD: "Vastgesteld: {onderzoek}",
    Soort.HEROPEND: "Heropend: {onderzoek}",
    Soort.GEPUBLICEERD: "Gepubliceerd: {onderzoek}",
    Soort.VOORTGANGSRAPPORTAGE: "Nieuwe voortgangsrapportage: {onderzoek}",
}

TEKST = {
    Soort.TER_REVIEW: "{door} vraagt u het onderzoek {onderzoek} te beoordelen en vast te stellen.",
    Soort.VASTGESTELD: "{door} heeft het onderzoek {onderzoek} vastgesteld.",
    Soort.HEROPEND: "{door} heeft het onderzoek {onderzoek} heropend.",
    Soort.GEPUBLICEERD: "{door} heeft het onderzoek {onderzoek} gepubliceerd.",
    Soort.VOORTGANGSRAPPORTAGE: (
        "De gemeente {gemeente} heeft een voortgangsrapportage ingediend voor {onderzoek}: "
        "{bestand}."
    ),
}


def naam(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else "Toezicht"


def melden(
    *,
    soort: str,
    ontvangers: Iterable,
    sleutel: str,
    onderzoek=None,
    rapportage=None,
    door=None,
    tekst: str | None = None,
    onderwerp: str | None = None,
    pad: str | None = None,
) -> list[Melding]:
    """Notify each active recipient (never the one who acted) of one event, named by `sleutel`
    (e.g. "onderzoek-12-v5"): a recipient already notified of it gets nothing again. Returns the
    new notifications; their e-mails are sent when the transaction commits.

    `tekst` and `onderwerp` (Dutch) default to the kind's own; `pad` (where the work is, e.g. a
    portal page for a municipality user) to the study's page, or the inbox for an upload."""
    onderzoek = onderzoek or rapportage.onderzoek
    gegevens = {
        "door": naam(door),
        "onderzoek": str(onderzoek),
        "gemeente": onderzoek.aanpak.gemeente.naam,
        "bestand": rapportage.oorspronkelijke_naam if rapportage else "",
    }
    tekst = (tekst or TEKST[soort].format(**gegevens))[
        : Melding._meta.get_field("tekst").max_length
    ]
    onderwerp = onderwerp or ONDERWERP[soort].format(**gegevens)
    pad = pad or standaard_pad(onderzoek=onderzoek, rapportage=rapportage)
    nieuw = []
    for ontvanger in {u.pk: u for u in ontvangers}.values():
        if not ontvanger.is_active or (door is not None and ontvanger.pk == door.pk):
            continue
        try:
            with transaction.atomic():
                melding, gemaakt = Melding.objects.get_or_create(
                    ontvanger=ontvanger,
                    sleutel=sleutel,
                    defaults={
                        "soort": soort,
                        "onderzoek": onderzoek,
                        "rapportage": rapportage,
                        "tekst": tekst,
                        "pad": pad,
                    },
                )
        except IntegrityError:  # the same event, notified at the same moment by another request
            continue
        if gemaakt:
            melding.ontvanger = ontvanger
            nieuw.append(melding)
    if nieuw:
        adres = site_adres()  # now, while the request that caused the event is known
        transaction.on_commit(lambda: _mailen(nieuw, onderwerp=onderwerp, adres=adres))
    return nieuw


def standaard_pad(*, onderzoek, rapportage=None) -> str:
    if rapportage is not None:
        return reverse("voortgang:inbox_onderzoek", kwargs={"onderzoek_pk": onderzoek.pk})
    return reverse("inspecties:onderzoek_scoren", kwargs={"pk": onderzoek.pk})


def _mailen(meldingen: list[Melding], *, onderwerp: str, adres: str) -> None:
    for melding in meldingen:
        if not melding.ontvanger.email:
            continue
        bericht = (
            f"Beste {naam(melding.ontvanger)},\n\n{melding.tekst}\n\n"
            f"Bekijk het in Toezicht: {adres}{melding.pad}\n\n"
            f"Al uw meldingen: {adres}/meldingen/\n"
        )
        try:
            send_mail(
                subject=onderwerp,
                message=bericht,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[melding.ontvanger.email],
            )
        except Exception:  # the action is done; a mail server that fails must not undo it
            logger.exception("melding_mail_mislukt", extra={"melding": melding.pk})


def onderzoek_melden(*, onderzoek, soort: str, door) -> list[Melding]:
    """A study's workflow event (call after its status changed): its inspectors hear of it; a
    review request with nobody else assigned goes to every inspector, since someone other than
    the sender must approve it. One event per status change (the study's version)."""
    ontvangers = list(onderzoek.inspecteurs.filter(is_active=True))
    if soort == Soort.TER_REVIEW and not [u for u in ontvangers if u.pk != door.pk]:
        ontvangers = list(
            get_user_model().objects.filter(groups__name=Rol.INSPECTEUR, is_active=True)
        )
    return melden(
        soort=soort,
        ontvangers=ontvangers,
        sleutel=f"onderzoek-{onderzoek.pk}-v{onderzoek.versie}-{soort}",
        onderzoek=onderzoek,
        door=door,
    )


def rapportage_melden(*, rapportage) -> list[Melding]:
    """A municipality's upload: the study's inspectors hear of it, once per file (the same file
    sent twice is one event)."""
    onderzoek = rapportage.onderzoek
    return melden(
        soort=Soort.VOORTGANGSRAPPORTAGE,
        ontvangers=onderzoek.inspecteurs.filter(is_active=True),
        sleutel=f"rapportage-{onderzoek.pk}-{rapportage.sha256[:32]}",
        rapportage=rapportage,
        door=rapportage.ingediend_door,
    )


def meldingen_gelezen(*, ontvanger, ids: list[int] | None = None) -> int:
    """Mark the recipient's notifications read: these ids (only their own), or all."""
    qs = Melding.objects.filter(ontvanger=ontvanger, gelezen_op__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(gelezen_op=timezone.now())
