"""What every write to a study shares: the study must still be a concept, and a save made
against a version someone else has since replaced is refused (optimistic locking)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from simple_history.utils import get_history_manager_for_model

from inspecties.onderzoeken.fouten import OnderzoekFout, VersieConflict
from inspecties.onderzoeken.models import (
    Onderzoek,
)


def _moet_bewerkbaar_zijn(onderzoek: Onderzoek) -> None:
    if not onderzoek.is_bewerkbaar:
        raise OnderzoekFout(
            _("Dit onderzoek is %(status)s en kan niet meer worden gewijzigd.")
            % {"status": onderzoek.get_status_display().lower()}
        )


def opslaan(obj: models.Model, *, door, **kwargs) -> None:
    """save(), with `door` as the user of the history record simple-history writes (never the
    user of the request being handled: a service says who acts)."""
    obj._history_user = door
    obj.save(**kwargs)


def _voorwaardelijk_bijwerken(model, *, pk: int, versie: int, door, **velden) -> models.Model:
    """UPDATE ... WHERE versie = loaded version; refuse if another save came first.

    The history record is written by hand because QuerySet.update() bypasses save().
    """
    bijgewerkt = model.objects.filter(pk=pk, versie=versie).update(
        versie=models.F("versie") + 1, gewijzigd_op=timezone.now(), **velden
    )
    obj = model.objects.get(pk=pk)
    if not bijgewerkt:
        raise VersieConflict(obj)
    _historie_vastleggen(obj, door=door)
    return obj


def _historie_vastleggen(obj, *, door) -> None:
    manager = get_history_manager_for_model(obj)
    manager.model.objects.create(
        **{f.attname: getattr(obj, f.attname) for f in manager.model.tracked_fields},
        history_date=timezone.now(),
        history_type="~",
        history_user=door,
    )
