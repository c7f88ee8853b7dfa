"""Studies (onderzoeken) and what inspectors write in them: scores, findings, theme
conclusions, chapters, and the record of every workflow transition. One module per part;
other code imports them from here."""

from .hoofdstukken import Hoofdstuk, StatusWijziging
from .onderzoek import (
    AFGEROND,
    JAAR_MAX,
    JAAR_MIN,
    ONDERZOEK_TEKSTEN,
    ONDERZOEK_TEKSTVELDEN,
    Onderzoek,
    OnderzoekQuerySet,
    gescoord,
)
from .scores import Beoordeling, BeoordelingQuerySet, Bevinding, ThemaConclusie

__all__ = [
    "AFGEROND",
    "JAAR_MAX",
    "JAAR_MIN",
    "ONDERZOEK_TEKSTEN",
    "ONDERZOEK_TEKSTVELDEN",
    "Beoordeling",
    "BeoordelingQuerySet",
    "Bevinding",
    "Hoofdstuk",
    "Onderzoek",
    "OnderzoekQuerySet",
    "StatusWijziging",
    "ThemaConclusie",
    "gescoord",
]
