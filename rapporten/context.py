"""The template context of a report: one place, so the HTML page, the PDF and the frozen copy
all show the same thing."""

from inspecties.models import Onderzoek
from inspecties.selectors import onderzoek_voor_rapport

MAANDEN = [
    "Januari",
    "Februari",
    "Maart",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Augustus",
    "September",
    "Oktober",
    "November",
    "December",
]

VASTGESTELD = (Onderzoek.Status.VASTGESTELD, Onderzoek.Status.GEPUBLICEERD)


def template_van(onderzoek: Onderzoek) -> str:
    if onderzoek.is_vervolg:
        return "rapporten/verbeterpunten.html"
    return "rapporten/factsheet.html"


def maand_jaar(datum) -> str:
    """'Juni 2015', as the published reports date themselves."""
    return f"{MAANDEN[datum.month - 1]} {datum.year}" if datum else ""


def _vorige_samenvoegen(rijen) -> None:
    """In the earlier year's column, a finding shared by adjacent rows is printed once."""
    eerste = None
    for rij in rijen:
        rij.toon_vorige = True
        rij.vorige_rowspan = 1
        bevinding_id = rij.vorige.beoordeling.bevinding_id if rij.vorige else None
        if (
            eerste is not None
            and bevinding_id
            and eerste.vorige.beoordeling.bevinding_id == bevinding_id
            and eerste.vorige.beoordeling.optie_id == rij.vorige.beoordeling.optie_id
        ):
            eerste.vorige_rowspan += 1
            rij.toon_vorige = False
        else:
            eerste = rij if bevinding_id else None


def rapport_context(onderzoek: Onderzoek | int) -> tuple[str, dict]:
    """(template name, context) of a study's report."""
    inhoud = onderzoek_voor_rapport(onderzoek=onderzoek)
    onderzoek = inhoud.onderzoek
    vorig = onderzoek.vorig_onderzoek
    if onderzoek.is_vervolg:
        for blok in inhoud.themas:
            _vorige_samenvoegen(blok.rijen)
    definitie = onderzoek.kader.definitie or ""
    context = {
        "inhoud": inhoud,
        "onderzoek": onderzoek,
        "gemeente": onderzoek.aanpak.gemeente,
        "respondenten": list(onderzoek.respondenten.all()),
        "definitie_alineas": [a.strip() for a in definitie.split("\n\n") if a.strip()],
        "is_concept": onderzoek.status not in VASTGESTELD,
        "maand_jaar": maand_jaar(onderzoek.publicatiedatum),
        "vorig_jaar": vorig.jaar if vorig else None,
        "ontwikkeling_jaar": onderzoek.jaar,
        "vervangen": list(onderzoek.aanpak.vervangt.order_by("pk")) if vorig else [],
    }
    return template_van(onderzoek), context
