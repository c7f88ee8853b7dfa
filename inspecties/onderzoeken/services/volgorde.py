"""The order of a follow-up's rows in its report: the framework's, or the inspector's."""

from django.db import transaction
from django.utils.translation import gettext as _

from inspecties.onderzoeken.fouten import OnderzoekFout, VersieConflict
from inspecties.onderzoeken.models import Onderzoek
from inspecties.onderzoeken.services.versies import _moet_bewerkbaar_zijn, opslaan

HOOGSTE_POSITIE = 999


@transaction.atomic
def rijvolgorde_opslaan(
    *, onderzoek: Onderzoek, versie: int, volgorde: dict[int, int | None], door=None
) -> Onderzoek:
    """Set the position within its theme of each of these rows ({beoordeling id: position};
    None: the framework's place). A row left out keeps its position. Refused when the study
    changed since the form was loaded (its versie), is not a concept or not a follow-up, or a
    row is not the study's."""
    actueel = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    _moet_bewerkbaar_zijn(actueel)
    if not actueel.is_vervolg:
        raise OnderzoekFout(
            _("Alleen de rijen van een vervolgonderzoek krijgen een eigen volgorde.")
        )
    if actueel.versie != versie:
        raise VersieConflict(actueel)
    rijen = {b.pk: b for b in actueel.beoordelingen.all()}
    if set(volgorde) - set(rijen):
        raise OnderzoekFout(_("Een of meer rijen horen niet bij dit onderzoek."))
    for pk, positie in volgorde.items():
        if positie is not None and not 1 <= positie <= HOOGSTE_POSITIE:
            raise OnderzoekFout(
                _("Een positie is een getal van 1 tot en met %(max)d.") % {"max": HOOGSTE_POSITIE}
            )
        rij = rijen[pk]
        if rij.volgorde != positie:
            rij.volgorde = positie
            rij.versie += 1
            opslaan(rij, door=door, update_fields=["volgorde", "versie", "gewijzigd_op"])
    actueel.versie += 1
    opslaan(actueel, door=door, update_fields=["versie", "gewijzigd_op"])
    return actueel
