"""Making the national dataset: refuse a second run, generate, and clean up after a failure."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from gemeenten.models import Gemeente
from inspecties.demo.landelijk.generator import _Generator
from inspecties.demo.landelijk.opslaan import (
    Samenvatting,
)
from inspecties.demo.landelijk.plan import (
    EERSTE_NUMMER,
    STANDAARD_SEED,
    LandelijkeDatasetFout,
    cbs_codes,
)


def landelijke_dataset_maken(
    *,
    gemeenten: int = 342,
    jaren: int = 5,
    eerste_jaar: int | None = None,
    seed: int = STANDAARD_SEED,
    inspecteurs: int = 20,
    eerste_nummer: int = EERSTE_NUMMER,
    melden: Callable[[str], None] = lambda regel: None,
) -> Samenvatting:
    """Generate `gemeenten` municipalities (GM2001 onwards) with `jaren` years of studies each.

    Refuses (LandelijkeDatasetFout) when one of its CBS codes already exists, so running it twice
    never doubles the data; with another `eerste_nummer` it adds municipalities after an earlier
    run, each exactly as it would be in one larger run. Published studies get no frozen PDF
    here: `manage.py landelijke_dataset --bevriezen` has rapporten make them afterwards.
    """
    if jaren < 1:
        raise LandelijkeDatasetFout("Kies ten minste één jaar.")
    eerste_jaar = eerste_jaar or timezone.localdate().year - jaren  # up to last year
    codes = cbs_codes(aantal=gemeenten, eerste_nummer=eerste_nummer)
    bestaand = list(
        Gemeente.objects.filter(cbs_code__in=codes)
        .order_by("cbs_code")
        .values_list("cbs_code", flat=True)[:3]
    )
    if bestaand:
        raise LandelijkeDatasetFout(
            f"De database bevat al gemeenten met deze CBS-codes ({', '.join(bestaand)}, ...): de "
            "landelijke dataset is er al. Begin met een lege database, of kies met "
            "--eerste-nummer gemeenten die er nog niet zijn."
        )
    start = timezone.now()
    generator = _Generator(
        codes=codes,
        eerste_jaar=eerste_jaar,
        jaren=jaren,
        seed=seed,
        aantal_inspecteurs=max(2, inspecteurs),
        melden=melden,
    )
    try:
        with transaction.atomic():
            samenvatting = generator.draaien()
    except BaseException:
        generator.bestanden_opruimen()  # the rows are rolled back; their files go too
        raise
    samenvatting.cbs_codes = codes
    samenvatting.seconden = (timezone.now() - start).total_seconds()
    return samenvatting
