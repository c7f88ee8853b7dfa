"""Everything that writes studies: keyword-only functions that validate, run in a transaction
and raise an OnderzoekFout (a ToezichtFout) with a Dutch message. Other code calls them as
`services.<name>` through this module."""

from inspecties.onderzoeken.fouten import (
    DelenGeweigerd,
    NietCompleet,
    OnderzoekFout,
    RijConflict,
    VersieConflict,
)
from inspecties.onderzoeken.services.aanmaken import onderzoek_aanmaken, vorig_onderzoek_toegestaan
from inspecties.onderzoeken.services.hoofdstukken import (
    hoofdstuk_opslaan,
    hoofdstuk_toevoegen,
    hoofdstuk_verplaatsen,
    hoofdstuk_verwijderen,
)
from inspecties.onderzoeken.services.scoren import (
    beoordeling_opslaan,
    beoordelingsrij_opslaan,
    bevinding_delen,
    bevinding_loskoppelen,
    bevinding_opslaan,
    conclusie_opslaan,
    onderzoek_teksten_opslaan,
)
from inspecties.onderzoeken.services.volgorde import rijvolgorde_opslaan
from inspecties.onderzoeken.services.workflow import (
    onderzoek_heropenen,
    onderzoek_ter_review_sturen,
    onderzoek_vaststellen,
    publicatie_registreren,
    publicatie_voorbereiden,
    status_zetten,
)

__all__ = [
    "DelenGeweigerd",
    "NietCompleet",
    "OnderzoekFout",
    "RijConflict",
    "VersieConflict",
    "beoordeling_opslaan",
    "beoordelingsrij_opslaan",
    "bevinding_delen",
    "bevinding_loskoppelen",
    "bevinding_opslaan",
    "conclusie_opslaan",
    "hoofdstuk_opslaan",
    "hoofdstuk_toevoegen",
    "hoofdstuk_verplaatsen",
    "hoofdstuk_verwijderen",
    "onderzoek_aanmaken",
    "onderzoek_heropenen",
    "onderzoek_teksten_opslaan",
    "onderzoek_ter_review_sturen",
    "onderzoek_vaststellen",
    "publicatie_registreren",
    "publicatie_voorbereiden",
    "rijvolgorde_opslaan",
    "status_zetten",
    "vorig_onderzoek_toegestaan",
]
