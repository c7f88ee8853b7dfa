"""Reads of studies that more than one place needs: the scoring page, the portal, reports,
exports. Other code calls them through this module."""

from inspecties.onderzoeken.selectors.historie import HistorieRegel, onderzoek_historie
from inspecties.onderzoeken.selectors.lijsten import (
    gepubliceerd_zonder_publicatie,
    gescoorde_beoordelingen,
    in_portaal,
    met_voortgang,
    onderzoeken_gefilterd,
    onderzoeken_overzicht,
    onderzoeken_pagina,
)
from inspecties.onderzoeken.selectors.rapport import (
    CriteriumBlok,
    OnderzoekInhoud,
    Rij,
    ThemaBlok,
    VorigeScore,
    onderzoek_met_relaties,
    onderzoek_voor_rapport,
)
from inspecties.onderzoeken.selectors.review import (
    mag_vaststellen,
    ontbrekend,
    ter_review_gestuurd_door,
)

__all__ = [
    "CriteriumBlok",
    "HistorieRegel",
    "OnderzoekInhoud",
    "Rij",
    "ThemaBlok",
    "VorigeScore",
    "gepubliceerd_zonder_publicatie",
    "gescoorde_beoordelingen",
    "in_portaal",
    "mag_vaststellen",
    "onderzoek_historie",
    "onderzoek_met_relaties",
    "onderzoek_voor_rapport",
    "onderzoeken_gefilterd",
    "onderzoeken_overzicht",
    "met_voortgang",
    "onderzoeken_pagina",
    "ontbrekend",
    "ter_review_gestuurd_door",
]
