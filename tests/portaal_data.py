"""Objects for portal and permission tests: two gemeenten, studies in every status, uploads."""

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from gemeenten.models import Gemeente
from inspecties.beveiliging.rollen import Rol
from inspecties.models import Bevinding, Onderzoek, Voortgangsrapportage
from inspecties.onderzoeken.services import onderzoek_aanmaken, status_zetten
from inspecties.voortgang.services import voortgangsrapportage_indienen
from tests.factories import AanpakFactory, GemeenteFactory, gebruiker

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(naam: str = "voortgang.pdf", inhoud: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


def scoren(onderzoek: Onderzoek, *, verbeterpunten: int = 3, prefix: str = "") -> None:
    """Score every indicator: the first `verbeterpunten` X with a finding, the rest √."""
    schaal = {o.code: o for o in onderzoek.kader.schaal.all()}
    for i, b in enumerate(onderzoek.beoordelingen.select_related("indicator").order_by("id")):
        x = i < verbeterpunten
        b.optie = schaal["verbeterpunt" if x else "voldoet"]
        b.bevinding = Bevinding.objects.create(
            onderzoek=onderzoek, tekst=f"{prefix}Bevinding {i}{' (verbeterpunt)' if x else ''}"
        )
        b.save()


def naar_status(onderzoek: Onderzoek, status: str) -> Onderzoek:
    for stap in ("ter_review", "vastgesteld", "gepubliceerd"):
        if Onderzoek.Status.values.index(stap) > Onderzoek.Status.values.index(status):
            break
        status_zetten(onderzoek=onderzoek, naar=stap)
    if status == "gepubliceerd":
        onderzoek.publicatiedatum = date(2014, 3, 1)
        onderzoek.save()
    return onderzoek


@dataclass
class PortaalWereld:
    gouda: Gemeente
    ander: Gemeente
    gouda_gebruiker: object
    andere_gebruiker: object
    gepubliceerd: Onderzoek  # Gouda, published
    concept: Onderzoek  # Gouda, concept
    ter_review: Onderzoek
    vastgesteld: Onderzoek
    ander_gepubliceerd: Onderzoek  # the other gemeente, published
    upload: Voortgangsrapportage  # Gouda's
    andere_upload: Voortgangsrapportage


def portaal_wereld(kaders, inspecteur=None) -> PortaalWereld:
    kader = kaders["ggsr-beleid"]
    gouda = GemeenteFactory(naam="Gouda-test")
    ander = GemeenteFactory(naam="Anderdorp")
    gouda_gebruiker = gebruiker(Rol.GEMEENTE, username="gem_gouda", gemeenten=[gouda])
    andere_gebruiker = gebruiker(Rol.GEMEENTE, username="gem_ander", gemeenten=[ander])

    def studie(gemeente, aanpaknaam, status, jaar=2013):
        o = onderzoek_aanmaken(
            aanpak=AanpakFactory(gemeente=gemeente, naam=aanpaknaam),
            kader=kader,
            soort="beleidstoets",
            jaar=jaar,
            inspecteurs=[inspecteur] if inspecteur else [],
        )
        scoren(o, prefix=f"{aanpaknaam}: ")
        return naar_status(o, status)

    gepubliceerd = studie(gouda, "MPG-test", "gepubliceerd")
    concept = studie(gouda, "Geheim-concept", "concept")
    ter_review = studie(gouda, "Geheim-review", "ter_review")
    vastgesteld = studie(gouda, "Geheim-vastgesteld", "vastgesteld")
    ander_gepubliceerd = studie(ander, "Andere-aanpak", "gepubliceerd")
    upload = voortgangsrapportage_indienen(
        onderzoek=gepubliceerd, bestand=pdf_upload("gouda.pdf"), door=gouda_gebruiker
    )
    andere_upload = voortgangsrapportage_indienen(
        onderzoek=ander_gepubliceerd, bestand=pdf_upload("ander.pdf"), door=andere_gebruiker
    )
    return PortaalWereld(
        gouda=gouda,
        ander=ander,
        gouda_gebruiker=gouda_gebruiker,
        andere_gebruiker=andere_gebruiker,
        gepubliceerd=gepubliceerd,
        concept=concept,
        ter_review=ter_review,
        vastgesteld=vastgesteld,
        ander_gepubliceerd=ander_gepubliceerd,
        upload=upload,
        andere_upload=andere_upload,
    )
