"""A national-scale data set (issue 16): 342 municipalities with five years of studies.

Fills a database that holds the frameworks (and optionally the demo) with generated
municipalities, approaches, studies in every status, scores, findings, theme conclusions,
chapters, status history, progress reports and users, so that pages, exports and overviews can be
measured and query-bound tested at the size the inspectorates work at. Each study is made by
`onderzoek_aanmaken`, which decides its rows (a follow-up re-scores exactly last time's X); the
volume of scores and findings is then written in bulk, with simple-history records as the app's
own saves would leave them. `manage.py landelijke_dataset` runs it.
"""

from inspecties.demo.landelijk.maken import landelijke_dataset_maken
from inspecties.demo.landelijk.opslaan import Samenvatting, concept_beleidstoets_maken
from inspecties.demo.landelijk.plan import (
    AFGEROND,
    EERSTE_NUMMER,
    STANDAARD_SEED,
    LandelijkeDatasetFout,
    cbs_codes,
    gemeente_plan,
    gemeentenaam,
    klein_pdf,
)

__all__ = [
    "AFGEROND",
    "EERSTE_NUMMER",
    "STANDAARD_SEED",
    "LandelijkeDatasetFout",
    "Samenvatting",
    "cbs_codes",
    "concept_beleidstoets_maken",
    "gemeente_plan",
    "gemeentenaam",
    "klein_pdf",
    "landelijke_dataset_maken",
]
