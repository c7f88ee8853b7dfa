"""Writes of the reports app: freezing what a study published (its PDF and its portal page).

One path freezes, `rapport_bevriezen`, for publishing and for loading the demo. It renders
first, outside any transaction (WeasyPrint takes seconds, and on SQLite a write transaction
holds the lock on the whole file), writes the new PDF under a fresh name, and then in one short
transaction checks that the study did not change meanwhile and points the record at the new
file. An older file is deleted only after that commits; if anything fails, the new file goes.

No GET writes: a published study without a frozen copy (published by an older version of
Toezicht) is rendered fresh for each download, not stored, and a warning is logged.
"""

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from inspecties.demo.laden import demo_cbs_codes
from inspecties.models import Onderzoek
from inspecties.onderzoeken.selectors import gepubliceerd_zonder_publicatie
from inspecties.onderzoeken.services import (
    OnderzoekFout,
    publicatie_registreren,
    publicatie_voorbereiden,
)
from inspecties.portaal.selectors import verbeterpunten_van
from inspecties.uitwisseling.importeren import ImportResultaat, onderzoeken_importeren
from rapporten.context import rapport_context
from rapporten.models import GepubliceerdRapport
from rapporten.pdf import StatischBestandOntbreekt, render_pdf

logger = logging.getLogger(__name__)

PORTAAL_TEMPLATE = "portaal/onderzoek.html"


class PublicatieFout(OnderzoekFout):
    """The study changed while its publication was being rendered."""


@dataclass(frozen=True)
class Publicatie:
    """Everything a publication shows, rendered before anything is written."""

    pdf: bytes
    portaal_kop: str
    portaal_inhoud: str
    verbeterpunten: list[dict]


def rapport_pdf(*, onderzoek: Onderzoek | int) -> bytes:
    """A fresh rendering of the study's report (for concepts, previews, bulk of unpublished)."""
    template, context = rapport_context(onderzoek)
    return render_pdf(template, context)[1]


def publicatie_renderen(*, onderzoek: Onderzoek | int, **bij_publicatie) -> Publicatie:
    """Render the study as it will be published (`bij_publicatie`: the fields publishing sets,
    see rapport_context). Reads only: call it outside any transaction."""
    template, context = rapport_context(onderzoek, **bij_publicatie)
    pdf = render_pdf(template, context)[1]
    inhoud = context["inhoud"]
    portaal = {"inhoud": inhoud, "onderzoek": inhoud.onderzoek}
    return Publicatie(
        pdf=pdf,
        portaal_kop=render_to_string(f"{PORTAAL_TEMPLATE}#kop", portaal),
        portaal_inhoud=render_to_string(f"{PORTAAL_TEMPLATE}#inhoud", portaal),
        verbeterpunten=[
            dataclasses.asdict(p) for p in verbeterpunten_van(r.beoordeling for r in inhoud.rijen)
        ],
    )


def rapport_bevriezen(
    *,
    onderzoek: Onderzoek,
    publiceren: Callable[[Onderzoek], None] | None = None,
    **bij_publicatie,
) -> GepubliceerdRapport:
    """Freeze the study's publication; replaces an older one (a study reopened and published
    again) once the transaction commits.

    Without `publiceren` the study must already be published (the demo). With it, `publiceren`
    runs in the short transaction on the locked study and publishes it; `bij_publicatie` are
    the values it sets, so the rendering shows them. Raises PublicatieFout when the study
    changed (another publication, a reopening) while rendering.
    """
    gelezen = Onderzoek.objects.get(pk=onderzoek.pk)
    try:
        publicatie = publicatie_renderen(onderzoek=gelezen.pk, **bij_publicatie)
    except StatischBestandOntbreekt as fout:
        logger.exception("Rapport van onderzoek %s niet vastgelegd", gelezen.pk)
        raise PublicatieFout(
            _(
                "Het rapport kon niet worden opgemaakt: een stijlblad of lettertype ontbreekt op "
                "de server. Er is niets gepubliceerd; meld dit bij de beheerder."
            )
        ) from fout
    rapport = GepubliceerdRapport(
        onderzoek_id=gelezen.pk,
        sha256=hashlib.sha256(publicatie.pdf).hexdigest(),
        portaal_kop=publicatie.portaal_kop,
        portaal_inhoud=publicatie.portaal_inhoud,
        verbeterpunten=publicatie.verbeterpunten,
    )
    rapport.pdf.save("rapport.pdf", ContentFile(publicatie.pdf), save=False)
    try:
        with transaction.atomic():
            actueel = Onderzoek.objects.select_for_update().get(pk=gelezen.pk)
            if actueel.versie != gelezen.versie:
                raise PublicatieFout(
                    _("Het onderzoek is intussen gewijzigd (door een ander?). Probeer het opnieuw.")
                )
            if publiceren is not None:
                publiceren(actueel)
            elif actueel.status != Onderzoek.Status.GEPUBLICEERD:
                raise PublicatieFout(_("Alleen een gepubliceerd onderzoek wordt vastgelegd."))
            oud = GepubliceerdRapport.objects.filter(onderzoek_id=actueel.pk).first()
            if oud is not None:
                oud.delete()
                transaction.on_commit(partial(oud.pdf.storage.delete, oud.pdf.name), robust=True)
            rapport.save()
    except BaseException:
        rapport.pdf.storage.delete(rapport.pdf.name)
        raise
    return rapport


def onderzoek_publiceren(*, onderzoek: Onderzoek, door) -> Onderzoek:
    """Publish a vastgesteld study: publishing is producing its publication (the PDF and the
    portal page, frozen). Not one transaction: the publication is rendered first, as it will be
    published, and the status change (inspecties' publicatie_registreren) and the frozen copy
    are then saved together in one short transaction, so no write lock is held while
    rendering."""
    gelezen = Onderzoek.objects.get(pk=onderzoek.pk)
    gegevens = publicatie_voorbereiden(onderzoek=gelezen, op=timezone.localdate())
    rapport_bevriezen(
        onderzoek=gelezen,
        publiceren=lambda actueel: publicatie_registreren(
            onderzoek=actueel,
            door=door,
            publicatiedatum=gegevens["publicatiedatum"],
            publicatiemaand=gegevens["publicatiemaand"],
            voortgang_deadline=gegevens["voortgang_deadline"],
        ),
        **gegevens,
    )
    gelezen.refresh_from_db()
    return gelezen


def publicaties_bevriezen(
    *, onderzoeken, melden: Callable[[str], None] = lambda regel: None
) -> list[Onderzoek]:
    """Freeze the publication of each of these published studies (loaded, not published here:
    the demo, the national dataset), each in its own short transaction after the loading one
    has committed: rendering takes about a second per study."""
    bevroren = []
    for onderzoek in onderzoeken:
        rapport_bevriezen(onderzoek=onderzoek)
        bevroren.append(onderzoek)
        if len(bevroren) % 50 == 0:
            melden(f"  {len(bevroren)} PDF's bevroren")
    return bevroren


def demo_bevriezen() -> list[Onderzoek]:
    """Freeze every published demo study that has no frozen publication yet, so no download
    ever has to."""
    return publicaties_bevriezen(
        onderzoeken=gepubliceerd_zonder_publicatie(cbs_codes=demo_cbs_codes())
    )


def gepubliceerde_pdf(*, onderzoek: Onderzoek) -> bytes:
    """The PDF the study published: its frozen bytes. Published without a frozen copy: a
    fresh rendering, not stored (a GET never writes), and a warning in the log."""
    rapport = GepubliceerdRapport.objects.filter(onderzoek_id=onderzoek.pk).first()
    if rapport is None:
        logger.warning(
            "Gepubliceerd onderzoek %s heeft geen bevroren rapport; vers gerenderd, niet "
            "opgeslagen. Publiceer het opnieuw om het vast te leggen.",
            onderzoek.pk,
        )
        return rapport_pdf(onderzoek=onderzoek)
    with rapport.pdf.open("rb") as f:
        return f.read()


def onderzoeken_importeren_en_bevriezen(
    *, tekst: str, door=None, melden: Callable[[str], None] = lambda regel: None
) -> ImportResultaat:
    """Import an exchange file (all or nothing, inspecties.uitwisseling) and then freeze the
    publication of each published study it added, each after the import committed (rendering
    takes about a second per study). Raises UitwisselFout with every problem of a bad file."""
    resultaat = onderzoeken_importeren(tekst=tekst, door=door)
    publicaties_bevriezen(
        onderzoeken=[o for o in resultaat.nieuw if o.status == Onderzoek.Status.GEPUBLICEERD],
        melden=melden,
    )
    return resultaat
