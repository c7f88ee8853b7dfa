"""Writes around progress reports (voortgangsrapportages): submitting, reading, due dates."""

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from gemeenten.models import Gemeente
from inspecties.fouten import ToezichtFout
from inspecties.meldingen import services as meldingen
from inspecties.onderzoeken.models import Onderzoek
from inspecties.voortgang.models import MAX_BERICHT, Verbeterplan, Voortgangsrapportage
from inspecties.voortgang.selectors import open_verbeterpunten_van, voortgang_deadline_van
from inspecties.voortgang.uploads import (
    EXTENSIE,
    BestandFout,
    bestandstype_herkennen,
    naam_opschonen,
)


class VoortgangFout(ToezichtFout):
    """A progress report action that is not allowed, with a Dutch message for the user."""


def _sha256(f) -> str:
    f.seek(0)
    h = hashlib.sha256()
    for blok in iter(lambda: f.read(1024 * 1024), b""):
        h.update(blok)
    f.seek(0)
    return h.hexdigest()


def voortgangsrapportage_indienen(
    *, onderzoek: Onderzoek, bestand, bericht: str = "", door
) -> Voortgangsrapportage:
    """Store a checked upload under a random name and tell the study's inspectors.

    `bestand` is a Django UploadedFile (or any file object with `.name`). A submitted report
    is never changed; a newer one is simply added.
    """
    if onderzoek.status != Onderzoek.Status.GEPUBLICEERD:
        raise VoortgangFout("Voor dit onderzoek kunt u (nog) geen voortgangsrapportage indienen.")
    if not Gemeente.objects.voor_gebruiker(door).filter(pk=onderzoek.aanpak.gemeente_id).exists():
        raise VoortgangFout("U kunt alleen voor uw eigen gemeente een rapportage indienen.")
    bericht = (bericht or "").strip()
    if len(bericht) > MAX_BERICHT:
        raise VoortgangFout(f"Het bericht mag hoogstens {MAX_BERICHT} tekens lang zijn.")
    try:
        inhoudstype = bestandstype_herkennen(bestand)
    except BestandFout as exc:
        raise VoortgangFout(str(exc)) from exc
    bestand.seek(0, 2)
    grootte = bestand.tell()
    sha256 = _sha256(bestand)
    oorspronkelijke_naam = naam_opschonen(getattr(bestand, "name", "") or "")

    rapportage = Voortgangsrapportage(
        onderzoek=onderzoek,
        oorspronkelijke_naam=oorspronkelijke_naam or f"voortgang.{EXTENSIE[inhoudstype]}",
        inhoudstype=inhoudstype,
        grootte=grootte,
        sha256=sha256,
        bericht=bericht,
        ingediend_door=door,
    )
    rapportage.bestand.save("upload", File(bestand), save=False)
    try:
        with transaction.atomic():
            rapportage.full_clean()
            rapportage.save()
    except Exception:
        rapportage.bestand.storage.delete(rapportage.bestand.name)
        raise
    meldingen.rapportage_melden(rapportage=rapportage)  # e-mail and start page, after commit
    return rapportage


def voortgangsrapportage_gelezen(*, rapportage: Voortgangsrapportage, door) -> None:
    if rapportage.gelezen_op is not None:
        return
    rapportage.gelezen_op = timezone.now()
    rapportage.gelezen_door = door
    rapportage.save(update_fields=["gelezen_op", "gelezen_door"])


def voortgang_deadline_zetten(*, onderzoek: Onderzoek, deadline: date | None, door) -> None:
    """Change when the municipality's next progress report is due."""
    if deadline is not None and deadline < timezone.localdate():
        raise VoortgangFout("Deze datum ligt in het verleden. Kies een latere datum.")
    onderzoek.voortgang_deadline = deadline
    onderzoek._history_user = door  # simple-history records who changed the date
    onderzoek.save(update_fields=["voortgang_deadline", "gewijzigd_op"])


# --- Improvement plans (verbeterplannen) --------------------------------------------------------


class PlanConflict(VoortgangFout):
    """Someone saved this plan (or report) since it was loaded; nothing was written."""

    def __init__(self, actueel, bericht: str | None = None):
        super().__init__(
            bericht
            or "Iemand anders heeft dit intussen opgeslagen. Niets van uw versie is opgeslagen: "
            "bekijk de opgeslagen versie en pas die zo nodig aan."
        )
        self.actueel = actueel


def _plan_datum_controleren(*, onderzoek: Onderzoek, uiterlijk: date, vandaag: date) -> None:
    deadline = voortgang_deadline_van(onderzoek)
    if deadline and uiterlijk > deadline:
        raise VoortgangFout(
            "De datum ligt na de uiterste datum uit het rapport "
            f"({date_format(deadline)}). Kies een datum op of vóór die dag."
        )
    if uiterlijk < vandaag:
        raise VoortgangFout("De datum ligt in het verleden. Kies een datum vanaf vandaag.")


def _geldig(plan: Verbeterplan) -> None:
    try:
        plan.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise VoortgangFout(" ".join(exc.messages)) from exc


def verbeterplan_opslaan(
    *,
    onderzoek: Onderzoek,
    sleutel: str,
    door,
    versie: int | None,
    maatregel: str,
    verantwoordelijke: str,
    uiterlijk: date,
    voortgang: str = Verbeterplan.Voortgang.NIET_GESTART,
    toelichting: str = "",
) -> Verbeterplan:
    """Write (versie None: a new plan) or change the plan for one open improvement point of a
    published study of the user's own gemeente. The date is at most the report's deadline.

    Sending the same new plan twice (a double click) leaves one plan; a different plan saved in
    between, or a change against an old version, is refused with PlanConflict.
    """
    punt = next(
        (
            p
            for p in open_verbeterpunten_van(onderzoek=onderzoek, gebruiker=door)
            if p.sleutel == sleutel
        ),
        None,
    )
    if punt is None:
        raise VoortgangFout("Dit verbeterpunt staat niet (meer) open voor uw gemeente.")
    velden = {
        "maatregel": (maatregel or "").strip(),
        "verantwoordelijke": (verantwoordelijke or "").strip(),
        "uiterlijk": uiterlijk,
        "voortgang": voortgang,
        "toelichting": (toelichting or "").strip(),
    }
    vandaag = timezone.localdate()
    bestaand = Verbeterplan.objects.filter(onderzoek=onderzoek, sleutel=sleutel).first()
    if bestaand is None or bestaand.uiterlijk != uiterlijk:
        _plan_datum_controleren(onderzoek=onderzoek, uiterlijk=uiterlijk, vandaag=vandaag)
    if versie is None:
        plan = Verbeterplan(
            onderzoek=onderzoek,
            sleutel=sleutel,
            indicator=punt.indicator,
            opgesteld_door=door,
            **velden,
        )
        _geldig(plan)
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError:
            actueel = Verbeterplan.objects.get(onderzoek=onderzoek, sleutel=sleutel)
            if all(getattr(actueel, k) == v for k, v in velden.items()):
                return actueel  # the same plan sent twice
            raise PlanConflict(actueel) from None
        return plan
    if bestaand is None:
        raise VoortgangFout("Dit verbeterplan bestaat niet (meer).")
    Verbeterplan(
        onderzoek=onderzoek,
        sleutel=sleutel,
        indicator=punt.indicator,
        opgesteld_door=door,
        **velden,
    ).full_clean(
        exclude=["onderzoek", "opgesteld_door"], validate_unique=False, validate_constraints=False
    )
    bijgewerkt = Verbeterplan.objects.filter(pk=bestaand.pk, versie=versie).update(
        versie=F("versie") + 1, gewijzigd_op=timezone.now(), **velden
    )
    actueel = Verbeterplan.objects.get(pk=bestaand.pk)
    if not bijgewerkt:
        raise PlanConflict(actueel)
    return actueel


def verbeterplan_accepteren(*, plan: Verbeterplan, versie: int, door) -> Verbeterplan:
    """An inspector accepts the plan as it was shown (`versie`); the point is then no longer
    overdue."""
    bijgewerkt = Verbeterplan.objects.filter(pk=plan.pk, versie=versie).update(
        versie=F("versie") + 1, geaccepteerd_op=timezone.now(), geaccepteerd_door=door
    )
    actueel = Verbeterplan.objects.get(pk=plan.pk)
    if not bijgewerkt:
        raise PlanConflict(
            actueel,
            "De gemeente of een collega heeft dit plan intussen gewijzigd. "
            "Lees de nieuwe versie en accepteer opnieuw.",
        )
    return actueel


# --- Assessing a progress report ------------------------------------------------------------


def voortgangsrapportage_beoordelen(
    *, rapportage: Voortgangsrapportage, versie: int, beoordeling: str, door
) -> Voortgangsrapportage:
    """Record the inspector's short assessment, against the version that was shown: a colleague's
    assessment saved in between is never silently overwritten."""
    beoordeling = (beoordeling or "").strip()
    if not beoordeling:
        raise VoortgangFout("Schrijf een korte beoordeling.")
    if len(beoordeling) > MAX_BERICHT:
        raise VoortgangFout(f"De beoordeling mag hoogstens {MAX_BERICHT} tekens lang zijn.")
    nu = timezone.now()
    bijgewerkt = Voortgangsrapportage.objects.filter(pk=rapportage.pk, versie=versie).update(
        versie=F("versie") + 1,
        beoordeling=beoordeling,
        beoordeeld_op=nu,
        beoordeeld_door=door,
        gelezen_op=Coalesce("gelezen_op", Value(nu)),
        gelezen_door=Coalesce("gelezen_door", Value(door.pk)),
    )
    actueel = Voortgangsrapportage.objects.get(pk=rapportage.pk)
    if not bijgewerkt:
        raise PlanConflict(
            actueel,
            "Een collega heeft deze rapportage intussen beoordeeld of gekoppeld. Niets van uw "
            "versie is opgeslagen: lees de opgeslagen beoordeling hieronder.",
        )
    return actueel


def voortgangsrapportage_koppelen(
    *, rapportage: Voortgangsrapportage, versie: int, vervolgonderzoek: Onderzoek | None, door
) -> Voortgangsrapportage:
    """Link the report to the follow-up it informs (a follow-up of the report's study), or
    unlink it (None). Only an assessed report is linked."""
    if rapportage.beoordeeld_op is None and vervolgonderzoek is not None:
        raise VoortgangFout(
            "Beoordeel de rapportage voordat u haar aan een vervolgonderzoek koppelt."
        )
    if (
        vervolgonderzoek is not None
        and vervolgonderzoek.vorig_onderzoek_id != rapportage.onderzoek_id
    ):
        raise VoortgangFout(
            "Kies een vervolgonderzoek van het onderzoek waarover de rapportage gaat."
        )
    bijgewerkt = Voortgangsrapportage.objects.filter(pk=rapportage.pk, versie=versie).update(
        versie=F("versie") + 1, vervolgonderzoek=vervolgonderzoek
    )
    actueel = Voortgangsrapportage.objects.get(pk=rapportage.pk)
    if not bijgewerkt:
        raise PlanConflict(
            actueel,
            "Een collega heeft deze rapportage intussen gewijzigd. Niets is opgeslagen: "
            "bekijk de opgeslagen versie.",
        )
    return actueel
