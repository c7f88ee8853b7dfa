"""Reads of frameworks that more than one place needs."""

from django.db.models import Prefetch

from toetsingskader.models import Criterium, Indicator, Thema, Toetsingskader
from toetsingskader.yaml_io import (
    CriteriumData,
    IndicatorData,
    KaderData,
    SchaalData,
    ThemaData,
)


def kader_met_inhoud(*, kader_id: int) -> Toetsingskader:
    """A framework with its scale, themes, criteria and indicators in four queries."""
    return Toetsingskader.objects.prefetch_related(
        "schaal",
        Prefetch(
            "themas",
            queryset=Thema.objects.prefetch_related(
                Prefetch(
                    "criteria",
                    queryset=Criterium.objects.order_by("volgorde", "id").prefetch_related(
                        Prefetch(
                            "indicatoren", queryset=Indicator.objects.order_by("volgorde", "id")
                        )
                    ),
                )
            ).order_by("volgorde", "id"),
        ),
    ).get(pk=kader_id)


def kader_naar_data(*, kader: Toetsingskader) -> KaderData:
    """The plain structure of a stored framework, as `lees_kader` would return it."""
    kader = kader_met_inhoud(kader_id=kader.pk)
    return KaderData(
        sleutel=kader.sleutel,
        versie=kader.versie,
        naam=kader.naam,
        uitgever=kader.uitgever,
        definitie=kader.definitie,
        schaal=[
            SchaalData(o.code, o.symbool, o.label, o.is_verbeterpunt) for o in kader.schaal.all()
        ],
        themas=[
            ThemaData(
                sleutel=t.sleutel,
                naam=t.naam,
                omschrijving=t.omschrijving,
                criteria=[
                    CriteriumData(
                        sleutel=c.sleutel,
                        naam=c.naam,
                        indicatoren=[
                            IndicatorData(i.sleutel, i.tekst, i.operationalisering)
                            for i in c.indicatoren.all()
                        ],
                    )
                    for c in t.criteria.all()
                ],
            )
            for t in kader.themas.all()
        ],
    )
