"""The statements the law asks for (issue 17), reachable without login and linked from every
page's footer: the accessibility statement (toegankelijkheidsverklaring, in the format of the
Dutch model statement of digitoegankelijk.nl) and the privacy statement.

The results section of the accessibility statement is made from GECONTROLEERDE_PAGINAS and
BEKENDE_AFWIJKINGEN, the same data tests/e2e/test_verklaringen_axe.py checks with axe-core on
every test run: a page only appears here if the test checks it, and an accepted violation only
passes the test if it is described here.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from inspecties.meldingen.adres import site_adres

# The axe-core version the tests run (axe-playwright-python bundles it; the test checks this).
AXE_VERSIE = "4.12.1"
WCAG_NIVEAU = "WCAG 2.1, niveau A en AA"


@dataclass(frozen=True)
class GecontroleerdePagina:
    omschrijving: str
    als: str  # the demo user the test logs in as; "" for a visitor who is not logged in
    pad: str  # may hold {gebruiker}, {gemeente} or {kader}: an object of the demo data

    @property
    def bekeken_als(self) -> str:
        rol = {"gouda": "gemeente"}.get(self.als, self.als)
        return rol or "bezoeker (niet ingelogd)"


GECONTROLEERDE_PAGINAS = (
    GecontroleerdePagina("Inloggen, ook met foutmeldingen", "", "/inloggen/"),
    GecontroleerdePagina("Toegankelijkheidsverklaring", "", "/toegankelijkheid/"),
    GecontroleerdePagina("Privacyverklaring", "", "/privacy/"),
    GecontroleerdePagina("Overzicht van onderzoeken", "inspecteur", "/onderzoeken/"),
    GecontroleerdePagina("Voortgangsrapportages", "inspecteur", "/voortgangsrapportages/"),
    GecontroleerdePagina(
        "Mijn account: tweede factor", "inspecteur", "/account/tweede-factor/apparaten/"
    ),
    GecontroleerdePagina("Mijn account: sessies", "inspecteur", "/account/sessies/"),
    GecontroleerdePagina("Overzichten", "medewerker", "/rapporten/overzichten/"),
    GecontroleerdePagina(
        "Heatmap", "medewerker", "/rapporten/overzichten/heatmap/?jaar=2013&kader={kader}"
    ),
    GecontroleerdePagina("Veldoverzicht", "medewerker", "/rapporten/overzichten/veld/"),
    GecontroleerdePagina("Exporteren", "medewerker", "/rapporten/exports/"),
    GecontroleerdePagina("Portaal van de gemeente", "gouda", "/portaal/"),
    GecontroleerdePagina("Beheer: startpagina", "beheerder", "/beheer/"),
    GecontroleerdePagina("Beheer: gebruikers", "beheerder", "/beheer/auth/user/"),
    GecontroleerdePagina(
        "Beheer: gebruiker wijzigen", "beheerder", "/beheer/auth/user/{gebruiker}/change/"
    ),
    GecontroleerdePagina(
        "Beheer: gemeente wijzigen", "beheerder", "/beheer/gemeenten/gemeente/{gemeente}/change/"
    ),
    GecontroleerdePagina(
        "Beheer: toetsingskader wijzigen",
        "beheerder",
        "/beheer/toetsingskader/toetsingskader/{kader}/change/",
    ),
    GecontroleerdePagina(
        "Beheer: beveiligingslog", "beheerder", "/beheer/beveiliging/beveiligingsgebeurtenis/"
    ),
)


@dataclass(frozen=True)
class Afwijking:
    """A violation axe still finds that we cannot reasonably fix ourselves."""

    pagina: str  # omschrijving of a GecontroleerdePagina
    regel: str  # the axe rule id
    succescriterium: str
    probleem: str
    gevolg: str
    oorzaak: str
    maatregel: str


# Empty while axe finds nothing on the pages above. The Django admin's own violations that we
# could fix are fixed in templates/admin/base_site.html, static/css/beheer.css,
# static/js/beheer.js and the admin classes (see docs/beheer.md).
BEKENDE_AFWIJKINGEN: tuple[Afwijking, ...] = ()

STATUSSEN = {
    "A": "Voldoet volledig",
    "B": "Voldoet gedeeltelijk",
    "C": "Eerste maatregelen genomen",
    "D": "Voldoet niet",
    "E": "Geen verklaring",
}


def _datum(waarde: str) -> date:
    return date.fromisoformat(waarde)


@require_GET
def toegankelijkheidsverklaring(request):
    status = settings.TOEGANKELIJKHEID_STATUS
    return render(
        request,
        "verklaringen/toegankelijkheid.html",
        {
            "organisatie": settings.ORGANISATIE_NAAM,
            "site_url": site_adres(),
            "status": status,
            "status_naam": STATUSSEN.get(status, status),
            "datum": _datum(settings.TOEGANKELIJKHEID_DATUM),
            "contact": settings.CONTACT_TOEGANKELIJKHEID,
            "paginas": GECONTROLEERDE_PAGINAS,
            "afwijkingen": BEKENDE_AFWIJKINGEN,
            "axe_versie": AXE_VERSIE,
            "wcag": WCAG_NIVEAU,
        },
    )


@require_GET
def privacyverklaring(request):
    return render(
        request,
        "verklaringen/privacy.html",
        {
            "organisatie": settings.ORGANISATIE_NAAM,
            "contact": settings.CONTACT_PRIVACY,
            "uploads_dagen": settings.BEWAARTERMIJN_UPLOADS_DAGEN,
            "log_dagen": settings.BEWAARTERMIJN_BEVEILIGINGSLOG_DAGEN,
            "export_dagen": settings.EXPORT_BEWAARDAGEN,
            "sessie_uren": settings.SESSIE_MAX_UREN,
            "inactief_minuten": settings.SESSIE_INACTIEF_MINUTEN,
            "sso": bool(settings.OIDC_ISSUER),
        },
    )
