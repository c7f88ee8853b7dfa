"""The study forms (they only parse input, the services decide), one module per part of the
pages; other code imports them from here."""

from .hoofdstukken import (
    HoofdstukForm,
    HoofdstukToevoegenForm,
    HoofdstukVerplaatsenForm,
    HoofdstukVerwijderenForm,
)
from .onderzoek import (
    HeropenenForm,
    OnderzoekAanmakenForm,
    OnderzoekFilterForm,
    OnderzoekTekstenForm,
)
from .scoren import (
    BeoordelingForm,
    BevindingDelenForm,
    ConclusieForm,
    LoskoppelenForm,
    RijvolgordeForm,
)
from .velden import (
    BootstrapVelden,
    DatumInvoer,
    MaandInvoer,
    MaandVeld,
    Meerkeuzelijst,
)

__all__ = [
    "BeoordelingForm",
    "BevindingDelenForm",
    "BootstrapVelden",
    "ConclusieForm",
    "DatumInvoer",
    "HeropenenForm",
    "HoofdstukForm",
    "HoofdstukToevoegenForm",
    "HoofdstukVerplaatsenForm",
    "HoofdstukVerwijderenForm",
    "LoskoppelenForm",
    "MaandInvoer",
    "MaandVeld",
    "Meerkeuzelijst",
    "OnderzoekAanmakenForm",
    "OnderzoekFilterForm",
    "OnderzoekTekstenForm",
    "RijvolgordeForm",
]
