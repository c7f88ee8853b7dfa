"""The models of the inspecties app, as Django looks for them: each lives in its sub-package
(onderzoeken, voortgang); this module only gathers them."""

from inspecties.meldingen.models import Melding  # noqa: F401
from inspecties.onderzoeken.models import (  # noqa: F401
    AFGEROND,
    JAAR_MAX,
    JAAR_MIN,
    Beoordeling,
    Bevinding,
    Hoofdstuk,
    Onderzoek,
    OnderzoekQuerySet,
    StatusWijziging,
    ThemaConclusie,
)
from inspecties.planning.models import AgendaToken  # noqa: F401
from inspecties.voortgang.models import (  # noqa: F401
    MAX_BERICHT,
    Voortgangsrapportage,
    voortgangsrapportage_pad,  # migration 0001 names it here
)
