"""The menu shows every page a role can reach (issue 17): per role, the pages the permission
matrix (tests/test_toegangsmatrix.py) lets it open without arguments are linked from the main
menu, from the account menu, or from the one page named below; and every menu link is a page
that role may open."""

import re
from contextlib import suppress

from django.urls import Resolver404, resolve, reverse

import pytest

from inspecties.beveiliging.rollen import Rol
from tests.conftest import inloggen
from tests.factories import gebruiker, portaal_wereld
from tests.test_toegangsmatrix import MATRIX, te_controleren

# Reachable, but not a menu item: logging in (done), machine endpoints, the statements (in the
# footer of every page, tests/test_verklaringen.py).
NIET_IN_MENU = {"login", "gezondheid", "gezondheid_leeft", "toegankelijkheid", "privacy"}
# Pages one click away from a page that is in the menu: (page, linked from).
VIA = {
    "inspecties:onderzoek_nieuw": "inspecties:onderzoek_lijst",
    "rapporten:export_csv": "rapporten:exports",
    "planning:agenda_link": "planning:kalender",
    "rapporten:export_xlsx": "rapporten:exports",
    "rapporten:overzichten_csv": "rapporten:overzichten",
    "rapporten:overzichten_pdf": "rapporten:overzichten",
    "rapporten:heatmap_csv": "rapporten:heatmap",
    "rapporten:heatmap_pdf": "rapporten:heatmap",
    "rapporten:veldoverzicht_csv": "rapporten:veldoverzicht",
    "rapporten:veldoverzicht_pdf": "rapporten:veldoverzicht",
    "beveiliging:tweefactor_instellen": "beveiliging:apparaten",  # without a second factor
    "beveiliging:apparaat_vervangen": "beveiliging:apparaten",  # with one
}


def menu_links(html: str) -> set[str]:
    """URL names of the links in the main menu and, on an account page, the account menu."""
    delen = re.findall(r'<nav[^>]*aria-label="(?:Hoofdmenu|Account)".*?</nav>', html, re.S)
    assert delen, "geen menu op de pagina"
    return {
        resolve((href or zoek).split("?")[0]).view_name
        for deel in delen
        # links, and the search box (a GET form; the logout form is not a page)
        for href, zoek in re.findall(r'href="(/[^"]*)"|action="(/[^"]*)" role="search"', deel)
    }


def links_op(client, naam: str) -> set[str]:
    """URL names that the page `naam` links to or sends a form to."""
    html = client.get(reverse(naam)).content.decode()
    namen = set()
    for doel in re.findall(r'(?:href|action)="(/[^"#]*)"', html):
        with suppress(Resolver404):  # static files
            namen.add(resolve(doel.split("?")[0]).view_name)
    return namen


def bereikbaar(rol: str) -> set[str]:
    """Pages without URL arguments that the matrix lets `rol` open with a GET."""
    return {
        naam
        for _route, naam, kwargs in te_controleren()
        if not kwargs and MATRIX[naam].get("_methode") != "post" and MATRIX[naam][rol] == 200
    } - NIET_IN_MENU


@pytest.fixture
def per_rol(kaders, inspecteur, beheerder, medewerker):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    return {
        "inspecteur": inspecteur,
        "beheerder": beheerder,
        "medewerker": medewerker,
        "gemeente_gouda": wereld.gouda_gebruiker,
    }


@pytest.mark.parametrize("rol", ["inspecteur", "beheerder", "medewerker", "gemeente_gouda"])
def test_menu_toont_alles_wat_de_rol_mag_openen(client, per_rol, rol):
    user = per_rol[rol]
    inloggen(client, user)
    menu = menu_links(client.get(reverse("beveiliging:apparaten")).content.decode())

    ontbreekt = []
    for naam in sorted(bereikbaar(rol)):
        if naam in menu:
            continue
        if naam in VIA and VIA[naam] in menu and naam in links_op(client, VIA[naam]):
            continue
        ontbreekt.append(naam)
    assert not ontbreekt, f"{rol} kan deze pagina's openen maar vindt ze niet: {ontbreekt}"

    eigen = {"start", "admin:index"}
    verboden = [n for n in menu - eigen if MATRIX[n][rol] != 200]
    assert not verboden, f"{rol} ziet menulinks naar pagina's zonder toegang: {verboden}"
    # The admin (outside the matrix) is in the menu exactly for those it lets in.
    assert ("admin:index" in menu) == user.is_staff
    if user.is_staff:
        assert client.get(reverse("admin:index")).status_code == 200


def test_gemeente_met_tweede_factor_ziet_geen_instellen_maar_wel_het_apparaat(client, kaders):
    """The account page shows what fits: with a device, no setup link."""
    from tests.conftest import totp_apparaat

    wereld = portaal_wereld(kaders)
    totp_apparaat(wereld.gouda_gebruiker)
    inloggen(client, wereld.gouda_gebruiker)
    assert "beveiliging:tweefactor_instellen" not in links_op(client, "beveiliging:apparaten")


def test_rolloze_gebruiker_ziet_alleen_account(client, db):
    user = gebruiker(Rol.INSPECTEUR)
    user.groups.clear()
    inloggen(client, user)
    menu = menu_links(client.get(reverse("beveiliging:apparaten")).content.decode())
    assert menu == {
        "start",
        "beveiliging:apparaten",
        "beveiliging:sessies",
        "beveiliging:wachtwoord_wijzigen",
    }
