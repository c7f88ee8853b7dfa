"""Reads for the overviews. Only vastgesteld and published studies count unless a page lets
the user choose otherwise: a concept may still change."""

from inspecties.overzichten.selectors.heatmap import (
    SORTERINGEN,
    STATUS_TEKST,
    STATUSKEUZES,
    Heatmap,
    HeatmapFilters,
    heatmap_van,
)
from inspecties.overzichten.selectors.indicatoren import (
    IndicatorTelling,
    ontwikkeling_per_gemeente,
    verbeterpunten_per_indicator,
)
from inspecties.overzichten.selectors.veld import Veldoverzicht, veldoverzicht

__all__ = [
    "SORTERINGEN",
    "STATUSKEUZES",
    "STATUS_TEKST",
    "Heatmap",
    "HeatmapFilters",
    "IndicatorTelling",
    "Veldoverzicht",
    "heatmap_van",
    "ontwikkeling_per_gemeente",
    "verbeterpunten_per_indicator",
    "veldoverzicht",
]
