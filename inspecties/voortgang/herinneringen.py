"""Reminder e-mails to a municipality a few weeks (HERINNERING_WEKEN) before a due date: the
report's progress deadline and each plan's date. Run daily by `manage.py
herinneringen_versturen`; each reminder is recorded (Herinnering, unique `sleutel`), so running
it twice on a day, or on two machines at once, sends it once."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.formats import date_format

from inspecties.meldingen.adres import site_adres
from inspecties.onderzoeken.models import Onderzoek
from inspecties.voortgang.models import Herinnering, Verbeterplan
from inspecties.voortgang.selectors import voortgang_deadline_van


@dataclass(frozen=True)
class TeVersturen:
    sleutel: str
    onderzoek: Onderzoek
    uiterlijk: date
    onderwerp: str
    tekst: str


def _te_versturen(*, vandaag: date, grens: date):
    """What is due between today and the limit, and not done yet."""
    onderzoeken = (
        Onderzoek.objects.gepubliceerd()
        .exclude(vervolgonderzoeken__status=Onderzoek.Status.GEPUBLICEERD)
        .exclude(voortgangsrapportages__isnull=False)
        .select_related("aanpak__gemeente")
    )
    for o in onderzoeken:
        uiterlijk = voortgang_deadline_van(o)
        if uiterlijk and vandaag <= uiterlijk <= grens:
            yield TeVersturen(
                sleutel=f"rapport:{o.pk}:{uiterlijk.isoformat()}",
                onderzoek=o,
                uiterlijk=uiterlijk,
                onderwerp=f"Herinnering: voortgangsrapportage vóór {date_format(uiterlijk)}",
                tekst=(
                    f"Voor {o} verwachten de inspecties uiterlijk {date_format(uiterlijk)} uw "
                    "voortgangsrapportage."
                ),
            )
    plannen = (
        Verbeterplan.objects.filter(
            uiterlijk__gte=vandaag,
            uiterlijk__lte=grens,
            geaccepteerd_op__isnull=True,
            onderzoek__status=Onderzoek.Status.GEPUBLICEERD,
        )
        .exclude(voortgang=Verbeterplan.Voortgang.GEREED)
        .select_related("onderzoek__aanpak__gemeente")
    )
    for p in plannen:
        yield TeVersturen(
            sleutel=f"plan:{p.pk}:{p.uiterlijk.isoformat()}",
            onderzoek=p.onderzoek,
            uiterlijk=p.uiterlijk,
            onderwerp=f"Herinnering: verbeterplan gereed vóór {date_format(p.uiterlijk)}",
            tekst=(
                f"Uw plan voor het verbeterpunt ‘{p.indicator}’ ({p.onderzoek}) is uiterlijk "
                f"{date_format(p.uiterlijk)} gereed. Geef de voortgang aan in het portaal."
            ),
        )


def herinneringen_versturen(*, vandaag: date, weken: int | None = None) -> int:
    """Send every reminder that is due and not sent before; the number sent."""
    weken = settings.HERINNERING_WEKEN if weken is None else weken
    grens = vandaag + timedelta(weeks=weken)
    verstuurd = 0
    for item in _te_versturen(vandaag=vandaag, grens=grens):
        if Herinnering.objects.filter(sleutel=item.sleutel).exists():
            continue
        ontvangers = [
            u.email
            for u in item.onderzoek.aanpak.gemeente.gebruikers.filter(is_active=True)
            if u.email
        ]
        try:
            with transaction.atomic():  # the record and the mail: both or neither
                Herinnering.objects.create(
                    sleutel=item.sleutel,
                    onderzoek=item.onderzoek,
                    uiterlijk=item.uiterlijk,
                    ontvangers=len(ontvangers),
                    verstuurd_op=vandaag,
                )
                if ontvangers:
                    link = site_adres() + reverse(
                        "portaal:onderzoek", kwargs={"onderzoek_pk": item.onderzoek.pk}
                    )
                    send_mail(
                        subject=item.onderwerp,
                        message=f"{item.tekst}\n\nBekijk het in Toezicht: {link}\n",
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        recipient_list=ontvangers,
                    )
        except IntegrityError:
            continue  # another run sent it just now
        verstuurd += 1
    return verstuurd
