"""Scoring a study: scores, findings (also shared ones), theme conclusions and the study's own
texts. Each save carries the version it was loaded at."""

from django.db import transaction
from django.utils.translation import gettext as _

from inspecties.onderzoeken.fouten import DelenGeweigerd, OnderzoekFout, RijConflict, VersieConflict
from inspecties.onderzoeken.models import (
    ONDERZOEK_TEKSTEN,
    Beoordeling,
    Bevinding,
    Onderzoek,
    ThemaConclusie,
)
from inspecties.onderzoeken.services.versies import (
    _moet_bewerkbaar_zijn,
    _voorwaardelijk_bijwerken,
    opslaan,
)
from toetsingskader.models import Schaaloptie


@transaction.atomic
def beoordeling_opslaan(
    *,
    beoordeling: Beoordeling,
    optie: Schaaloptie | None,
    niet_getoetst: bool,
    versie: int,
    door=None,
) -> Beoordeling:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=beoordeling.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    if optie is not None and niet_getoetst:
        raise OnderzoekFout(_("Kies een oordeel of ‘niet getoetst’, niet allebei."))
    if optie is not None and optie.kader_id != onderzoek.kader_id:
        raise OnderzoekFout(_("Dit oordeel hoort niet bij het toetsingskader van dit onderzoek."))
    return _voorwaardelijk_bijwerken(
        Beoordeling,
        door=door,
        pk=beoordeling.pk,
        versie=versie,
        optie=optie,
        niet_getoetst=niet_getoetst,
    )


_NIET_GEGEVEN = object()


def _geladen(bevinding: Bevinding | None) -> tuple[int | None, int | None]:
    """What a page shows of a row's finding: its id and version (None, None: no finding)."""
    return (bevinding.pk, bevinding.versie) if bevinding is not None else (None, None)


@transaction.atomic
def bevinding_opslaan(
    *,
    beoordeling: Beoordeling,
    tekst: str,
    let_op: str,
    versie: int | None,
    bevinding_id=_NIET_GEGEVEN,
    door=None,
) -> Bevinding | None:
    """Write the finding of one indicator (shared findings change for every indicator).

    `bevinding_id` and `versie` are the finding the page was loaded with (both None: none yet).
    Another finding meanwhile (e.g. one shared over several rows) or a newer version of the same
    one is a conflict: the save would overwrite a text the user never saw. A page always sends
    both; code that has just read the row may give the version alone.
    """
    onderzoek = Onderzoek.objects.select_for_update().get(pk=beoordeling.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    actueel = (
        # Lock the row only: PostgreSQL cannot lock the nullable side of the join to its finding.
        Beoordeling.objects.select_for_update(of=("self",))
        .select_related("bevinding")
        .get(pk=beoordeling.pk)
    )
    if bevinding_id is _NIET_GEGEVEN:
        bevinding_id = actueel.bevinding_id if versie is not None else None
    if actueel.bevinding_id != bevinding_id:
        raise VersieConflict(actueel.bevinding or Bevinding(onderzoek=onderzoek, versie=0))
    if bevinding_id is None:
        if not tekst.strip() and not let_op.strip():
            return None
        bevinding = Bevinding(onderzoek=onderzoek, tekst=tekst, let_op=let_op)
        bevinding.full_clean()
        opslaan(bevinding, door=door)
        actueel.bevinding = bevinding
        opslaan(actueel, door=door, update_fields=["bevinding", "gewijzigd_op"])
        return bevinding
    return _voorwaardelijk_bijwerken(
        Bevinding, door=door, pk=bevinding_id, versie=versie, tekst=tekst, let_op=let_op
    )


@transaction.atomic
def beoordelingsrij_opslaan(
    *,
    beoordeling: Beoordeling,
    optie: Schaaloptie | None,
    niet_getoetst: bool,
    beoordeling_versie: int | None,
    bevinding: tuple[str, str] | None,
    bevinding_id: int | None,
    bevinding_versie: int | None,
    door=None,
) -> Beoordeling:
    """Save one row of the scoring page: what differs from the database, all or nothing.

    `bevinding` is (tekst, let_op), or None when the post did not carry the finding. Each part
    is saved only if it differs, so two inspectors changing different parts do not collide; a
    part someone else changed since the page was loaded is a RijConflict naming every part
    that conflicts, so the page can show both versions of each.
    """
    onderzoek = Onderzoek.objects.select_for_update().get(pk=beoordeling.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    actueel = (
        Beoordeling.objects.select_for_update(of=("self",))
        .select_related("bevinding", "optie")
        .get(pk=beoordeling.pk)
    )
    oordeel_anders = (optie.pk if optie else None, niet_getoetst) != (
        actueel.optie_id,
        actueel.niet_getoetst,
    )
    if bevinding is None:
        tekst_anders = False
    elif actueel.bevinding is None:
        tekst_anders = any(deel.strip() for deel in bevinding)
    else:
        tekst_anders = bevinding != (actueel.bevinding.tekst, actueel.bevinding.let_op)
    oordeel_conflict = oordeel_anders and actueel.versie != beoordeling_versie
    tekst_conflict = tekst_anders and _geladen(actueel.bevinding) != (
        bevinding_id,
        bevinding_versie,
    )
    if oordeel_conflict or tekst_conflict:
        raise RijConflict(actueel=actueel, oordeel=oordeel_conflict, tekst=tekst_conflict)
    if oordeel_anders:
        beoordeling_opslaan(
            beoordeling=actueel,
            optie=optie,
            niet_getoetst=niet_getoetst,
            versie=actueel.versie,
            door=door,
        )
    if tekst_anders:
        tekst, let_op = bevinding
        bevinding_opslaan(
            beoordeling=actueel,
            tekst=tekst,
            let_op=let_op,
            bevinding_id=actueel.bevinding_id,
            versie=actueel.bevinding.versie if actueel.bevinding else None,
            door=door,
        )
    return Beoordeling.objects.select_related("bevinding", "optie").get(pk=beoordeling.pk)


@transaction.atomic
def bevinding_delen(
    *,
    beoordelingen: list[Beoordeling],
    tekst: str,
    let_op: str = "",
    geladen: dict[int, tuple[int | None, int | None]] | None = None,
    vervangen_bevestigd: bool = False,
    door=None,
) -> Bevinding:
    """One finding for several indicators of the same criterion, written once.

    `geladen` holds, per row, the finding the page showed (id, version); a row missing from it
    had none. A row whose finding changed since, or gained one, is refused; a row's existing
    finding is only replaced when the user confirmed that after seeing it.
    """
    if len(beoordelingen) < 2:
        raise OnderzoekFout(_("Kies ten minste twee indicatoren om een bevinding te delen."))
    onderzoek_ids = {b.onderzoek_id for b in beoordelingen}
    criteria = {b.indicator.criterium_id for b in beoordelingen}
    if len(onderzoek_ids) != 1 or len(criteria) != 1:
        raise OnderzoekFout(
            _("Een gedeelde bevinding hoort bij indicatoren van hetzelfde criterium.")
        )
    if not tekst.strip():
        raise OnderzoekFout(_("Schrijf de bevinding."))
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek_ids.pop())
    _moet_bewerkbaar_zijn(onderzoek)
    geladen = geladen or {}
    rijen = list(
        Beoordeling.objects.select_for_update(of=("self",))
        .filter(pk__in=[b.pk for b in beoordelingen])
        .select_related("bevinding", "indicator")
        .order_by("indicator__volgorde", "pk")
    )
    gewijzigd = {b.pk for b in rijen if _geladen(b.bevinding) != geladen.get(b.pk, (None, None))}
    te_vervangen = [
        b
        for b in rijen
        if b.bevinding is not None and (b.bevinding.tekst.strip() or b.bevinding.let_op.strip())
    ]
    if gewijzigd or (te_vervangen and not vervangen_bevestigd):
        raise DelenGeweigerd(
            rijen=[b for b in rijen if b.bevinding is not None], gewijzigd=gewijzigd
        )
    bevinding = Bevinding(onderzoek=onderzoek, tekst=tekst, let_op=let_op)
    bevinding.full_clean()
    opslaan(bevinding, door=door)
    # The rows' own versions guard their scores, which do not change here.
    for b in rijen:
        b.bevinding = bevinding
        opslaan(b, door=door, update_fields=["bevinding", "gewijzigd_op"])
    return bevinding


@transaction.atomic
def bevinding_loskoppelen(
    *, beoordeling: Beoordeling, bevinding_id: int | None, versie: int | None, door=None
) -> Bevinding:
    """Stop sharing a finding for one indicator: it gets its own copy of the text (to edit
    on its own from now on); the other indicators keep the shared finding as it is.

    `bevinding_id` and `versie` are the finding the page showed; if it changed since, the
    user has not seen what would be copied, and the request is a conflict.
    """
    onderzoek = Onderzoek.objects.select_for_update().get(pk=beoordeling.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    actueel = (
        Beoordeling.objects.select_for_update(of=("self",))
        .select_related("bevinding")
        .get(pk=beoordeling.pk)
    )
    if _geladen(actueel.bevinding) != (bevinding_id, versie):
        raise VersieConflict(actueel.bevinding or Bevinding(onderzoek=onderzoek, versie=0))
    gedeeld = Beoordeling.objects.filter(bevinding_id=actueel.bevinding_id).exclude(pk=actueel.pk)
    if actueel.bevinding is None or not gedeeld.exists():
        raise OnderzoekFout(_("Deze bevinding hoort alleen bij deze indicator."))
    eigen = Bevinding(
        onderzoek=onderzoek, tekst=actueel.bevinding.tekst, let_op=actueel.bevinding.let_op
    )
    opslaan(eigen, door=door)
    actueel.bevinding = eigen
    opslaan(actueel, door=door, update_fields=["bevinding", "gewijzigd_op"])
    return eigen


@transaction.atomic
def conclusie_opslaan(
    *, conclusie: ThemaConclusie, gaat_goed: str, kan_beter: str, versie: int, door=None
) -> ThemaConclusie:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=conclusie.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    return _voorwaardelijk_bijwerken(
        ThemaConclusie,
        door=door,
        pk=conclusie.pk,
        versie=versie,
        gaat_goed=gaat_goed,
        kan_beter=kan_beter,
    )


# The municipality names at most three network partners who answer the questionnaire (DOMAIN.md).
MAX_RESPONDENTEN = 3


def _respondenten_controleren(respondenten, *, gemeente_id: int) -> None:
    if len(respondenten) > MAX_RESPONDENTEN:
        raise OnderzoekFout(
            _("Kies hoogstens %(max)d netwerkpartners die de vragenlijst invulden.")
            % {"max": MAX_RESPONDENTEN}
        )
    vreemd = [r.naam for r in respondenten if r.gemeente_id not in (None, gemeente_id)]
    if vreemd:
        raise OnderzoekFout(
            _("Deze netwerkpartner hoort bij een andere gemeente: %(namen)s.")
            % {"namen": ", ".join(vreemd)}
        )


@transaction.atomic
def onderzoek_teksten_opslaan(
    *, onderzoek: Onderzoek, versie: int, respondenten=None, door=None, **teksten
) -> Onderzoek:
    actueel = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    _moet_bewerkbaar_zijn(actueel)
    velden = {k: v for k, v in teksten.items() if k in ONDERZOEK_TEKSTEN}
    if respondenten is not None:
        respondenten = list(respondenten)
        _respondenten_controleren(respondenten, gemeente_id=actueel.aanpak.gemeente_id)
    resultaat = _voorwaardelijk_bijwerken(
        Onderzoek, door=door, pk=onderzoek.pk, versie=versie, **velden
    )
    if respondenten is not None:
        resultaat.respondenten.set(respondenten)
    return resultaat
