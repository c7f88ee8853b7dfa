"""Who may open which page: every URL of the project, with every role, against one matrix.

A URL name without an entry in MATRIX fails the test, so a new page cannot ship without a
decision about who sees it. To add a page: one entry in MATRIX (and, if its URL takes a new
keyword argument, one entry in `url_kwargs`).
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from inspecties.beveiliging.rollen import Rol
from inspecties.meldingen.models import Melding
from rapporten.models import BulkExport
from tests.conftest import inloggen
from tests.factories import gebruiker, portaal_wereld

ROLLEN = ("anoniem", "inspecteur", "beheerder", "medewerker", "gemeente_gouda", "gemeente_ander")

# Prefixes with their own access control: the Django admin, static files.
OVERGESLAGEN = ("beheer/", "static/")


def alle(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLLEN, status)


def intern(status_intern: int = 200) -> dict[str, int]:
    """Pages for inspecteur, beheerder and medewerker."""
    return {
        "anoniem": 302,
        "inspecteur": status_intern,
        "beheerder": status_intern,
        "medewerker": status_intern,
        "gemeente_gouda": 403,
        "gemeente_ander": 403,
    }


def alleen_inspecteur(status: int = 200) -> dict[str, int]:
    return {
        "anoniem": 302,
        "inspecteur": status,
        "beheerder": 403,
        "medewerker": 403,
        "gemeente_gouda": 403,
        "gemeente_ander": 403,
    }


def gemeente_eigen() -> dict[str, int]:
    """A portal page about Gouda's object: Gouda sees it, another gemeente gets 404."""
    return {
        "anoniem": 302,
        "inspecteur": 403,
        "beheerder": 403,
        "medewerker": 403,
        "gemeente_gouda": 200,
        "gemeente_ander": 404,
    }


def hoofdstuk_in_concept(wereld) -> dict[str, int]:
    """A concept toezichtonderzoek of Gouda with one chapter (created once per URL)."""
    from inspecties.models import Hoofdstuk
    from inspecties.onderzoeken.services import onderzoek_aanmaken
    from toetsingskader.models import Toetsingskader

    onderzoek = onderzoek_aanmaken(
        aanpak=wereld.concept.aanpak,
        kader=Toetsingskader.objects.get(sleutel="stelseltoezicht-wijkteams"),
        soort="toezichtonderzoek",
        jaar=2017,
    )
    hoofdstuk = Hoofdstuk.objects.create(onderzoek=onderzoek, titel="Eén Gezin", volgorde=1)
    return {"pk": onderzoek.pk, "hoofdstuk_pk": hoofdstuk.pk}


def verbeterplan_van_gouda(wereld) -> dict[str, int]:
    """A plan of Gouda for the first point of its published study (made once)."""
    from datetime import timedelta

    from django.utils import timezone

    from inspecties.models import Verbeterplan

    plan, _ = Verbeterplan.objects.get_or_create(
        onderzoek=wereld.gepubliceerd,
        sleutel="test-punt",
        defaults={
            "indicator": "Een indicator",
            "maatregel": "Iets",
            "verantwoordelijke": "Iemand",
            "uiterlijk": timezone.localdate() + timedelta(days=30),
            "opgesteld_door": wereld.gouda_gebruiker,
        },
    )
    return {"plan_pk": plan.pk}


# (url name) -> {role: expected status of a GET}. "_methode": "post" sends a POST instead;
# "_kwargs": a function of the test world giving URL arguments that differ from url_kwargs().
MATRIX: dict[str, dict] = {
    "start": alle(302),
    "mijn_werk": alleen_inspecteur(),  # issue 18: the inspector's start page
    "meldingen:lijst": {**alle(200), "anoniem": 302},
    "meldingen:gelezen": {**alle(302), "_methode": "post"},
    # The inspecteur's own notification (of the world's uploads): on to the work; others 404.
    "meldingen:openen": {
        **alle(404),
        "anoniem": 302,
        "inspecteur": 302,
        "_kwargs": lambda wereld: {
            "melding_pk": Melding.objects.filter(ontvanger__username="insp1").first().pk
        },
    },
    "zoeken:zoeken": {**alle(200), "anoniem": 302},
    "login": alle(200),
    "logout": alle(405),  # logging out is a POST
    "inspecties:onderzoek_lijst": intern(),
    # Studies and scoring (issue 3): `pk` is a concept study of Gouda
    "inspecties:onderzoek_nieuw": alleen_inspecteur(),
    "inspecties:onderzoek_scoren": intern(),
    "inspecties:onderzoek_historie": intern(),
    # An empty POST carries no version: the save is refused as a conflict (409), never applied.
    "inspecties:beoordeling_opslaan": {**alleen_inspecteur(409), "_methode": "post"},
    "inspecties:bevinding_delen": {**alleen_inspecteur(302), "_methode": "post"},
    # An empty POST un-shares nothing (the row's finding is not shared): back to the row.
    "inspecties:bevinding_loskoppelen": {**alleen_inspecteur(302), "_methode": "post"},
    "inspecties:conclusie_opslaan": {**alleen_inspecteur(409), "_methode": "post"},
    "inspecties:teksten_opslaan": {**alleen_inspecteur(400), "_methode": "post"},
    # An empty POST carries no version: refused with the error on the page.
    "inspecties:rijvolgorde_opslaan": {**alleen_inspecteur(400), "_methode": "post"},
    "inspecties:status_wijzigen": {**alleen_inspecteur(302), "_methode": "post"},
    # Publishing makes the publication (rapporten); a concept is refused with a message.
    "rapporten:publiceren": {**alleen_inspecteur(302), "_methode": "post"},
    # Chapters of an onderzoeksrapport. An empty POST adds nothing (no title: 400 with the
    # error beside the field), saves nothing (400), moves the only chapter nowhere (302 with an
    # error) and deletes nothing (no version: 302 with an error).
    "inspecties:hoofdstuk_toevoegen": {**alleen_inspecteur(400), "_methode": "post"},
    "inspecties:hoofdstuk_opslaan": {
        **alleen_inspecteur(400),
        "_methode": "post",
        "_kwargs": hoofdstuk_in_concept,
    },
    "inspecties:hoofdstuk_verplaatsen": {
        **alleen_inspecteur(302),
        "_methode": "post",
        "_kwargs": hoofdstuk_in_concept,
    },
    "inspecties:hoofdstuk_verwijderen": {
        **alleen_inspecteur(302),
        "_methode": "post",
        "_kwargs": hoofdstuk_in_concept,
    },
    # Framework versions side by side (issue 5): beheerders and inspecteurs
    "toetsingskader:verschil": {
        **alleen_inspecteur(),
        "beheerder": 200,
        "_kwargs": lambda w: {"pk": w.concept.kader_id, "ander_pk": w.concept.kader_id},
    },
    # Municipality portal (issue 4)
    "portaal:home": {**gemeente_eigen(), "gemeente_ander": 200},
    "portaal:onderzoek": gemeente_eigen(),
    "portaal:uploaden": gemeente_eigen(),
    "portaal:download": gemeente_eigen(),
    # Improvement plans per point (issue 18): only the study's own gemeente
    "portaal:verbeterplan": gemeente_eigen(),
    # Inspectors' inbox of progress reports (issue 4)
    "voortgang:inbox": alleen_inspecteur(),
    "voortgang:inbox_onderzoek": alleen_inspecteur(),
    "voortgang:download": alleen_inspecteur(),
    "voortgang:gelezen": {**alleen_inspecteur(302), "_methode": "post"},
    # Assessing a report and linking it to a follow-up (issue 18). Opening marks it read; an
    # empty POST assesses and links nothing (400, errors beside the fields).
    "voortgang:rapportage": alleen_inspecteur(),
    "voortgang:beoordelen": {**alleen_inspecteur(400), "_methode": "post"},
    "voortgang:koppelen": {**alleen_inspecteur(400), "_methode": "post"},
    # Accepting a municipality's plan: an empty POST carries no version, nothing is accepted.
    "voortgang:plan_accepteren": {
        **alleen_inspecteur(302),
        "_methode": "post",
        "_kwargs": verbeterplan_van_gouda,
    },
    # Development per municipality and the inspection calendar (issue 15)
    "ontwikkeling:index": intern(),
    "ontwikkeling:gemeente": {**intern(), "_kwargs": lambda w: {"gemeente_pk": w.gouda.pk}},
    "ontwikkeling:csv": {**intern(), "_kwargs": lambda w: {"gemeente_pk": w.gouda.pk}},
    "rapporten:ontwikkeling_pdf": {**intern(), "_kwargs": lambda w: {"gemeente_pk": w.gouda.pk}},
    "planning:kalender": intern(),
    "planning:agenda_link": alleen_inspecteur(),
    # The feed has no login, only its token (?sleutel=): without one it is 404 for everyone.
    "planning:feed": alle(404),
    # Reports and exports (issue 6): `pk` is a concept study (a CONCEPT-marked PDF)
    "rapporten:rapport": intern(),
    "rapporten:rapport_pdf": intern(),
    "rapporten:uitwisselbestand": intern(),
    "rapporten:portaal_pdf": gemeente_eigen(),
    "rapporten:overzichten": intern(),
    # The overviews of issue 15, each also as CSV and PDF: internal roles, like Overzichten.
    "rapporten:overzichten_csv": intern(),
    "rapporten:overzichten_pdf": intern(),
    "rapporten:heatmap": intern(),
    "rapporten:heatmap_csv": intern(),
    "rapporten:heatmap_pdf": intern(),
    "rapporten:veldoverzicht": intern(),
    "rapporten:veldoverzicht_csv": intern(),
    "rapporten:veldoverzicht_pdf": intern(),
    "rapporten:exports": intern(),
    "rapporten:export_csv": intern(),
    "rapporten:export_xlsx": intern(),
    # The export in url_kwargs is the inspecteur's own and not finished; a colleague gets 404.
    "rapporten:bulk_status": {**intern(404), "inspecteur": 200},
    "rapporten:bulk_download": intern(404),
    # Retrying is for a failed export; this one is waiting, so its requester is sent back to it.
    "rapporten:bulk_opnieuw": {**intern(404), "inspecteur": 302, "_methode": "post"},
    # Account security (issue 7). Internal roles have passed 2FA, so setup/verify redirect them;
    # a gemeente user may set up a second factor (optional for them).
    "beveiliging:tweefactor_instellen": {**alle(302), "gemeente_gouda": 200, "gemeente_ander": 200},
    "beveiliging:tweefactor_verifieren": alle(302),
    # Everyone sees their own devices; replacing or removing one needs a session that passed the
    # second factor (a gemeente user without one is sent to set one up). An empty POST removes
    # nothing (400).
    "beveiliging:apparaten": {**alle(200), "anoniem": 302},
    "beveiliging:apparaat_vervangen": {**intern(200), "gemeente_gouda": 302, "gemeente_ander": 302},
    "beveiliging:apparaat_verwijderen": {
        **intern(400),
        "gemeente_gouda": 302,
        "gemeente_ander": 302,
        "_methode": "post",
    },
    "beveiliging:sessies": {**alle(200), "anoniem": 302},
    "beveiliging:wachtwoord_wijzigen": {**alle(200), "anoniem": 302},
    # The invitation's link to choose a password (issue 18): for anyone with the link; a wrong
    # or used link says so (200).
    "beveiliging:wachtwoord_instellen": {
        **alle(200),
        "_kwargs": lambda w: {"uidb64": "MQ", "token": "ongeldig"},
    },
    # Single sign-on (issue 17): not found while OIDC_ISSUER is not set, as here
    # (tests/beveiliging/test_oidc.py runs them against a real provider).
    "oidc:inloggen": alle(404),
    "oidc:callback": alle(404),
    # Health endpoints for the ops team's probes (issue 17): no login, no data.
    "gezondheid": alle(200),
    "gezondheid_leeft": alle(200),
    # The accessibility and privacy statements (issue 17): for everyone, without login.
    "toegankelijkheid": alle(200),
    "privacy": alle(200),
}


def url_patronen(patronen=None, prefix="", namespace=""):
    """(full route, url name, keyword argument names) of every URL pattern, recursively."""
    if patronen is None:
        patronen = get_resolver().url_patterns
    for p in patronen:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from url_patronen(p.url_patterns, route, ns)
        elif isinstance(p, URLPattern):
            naam = f"{namespace}{p.name}" if p.name else None
            yield route, naam, p.pattern.regex.groupindex.keys() | _kwargs_van_prefix(prefix)


def _kwargs_van_prefix(prefix: str) -> set[str]:
    return set(re.findall(r"<(?:\w+:)?(\w+)>", prefix))


def te_controleren():
    for route, naam, kwargs in url_patronen():
        if route.startswith(OVERGESLAGEN):
            continue
        yield route, naam, sorted(kwargs)


@pytest.fixture
def gebruikers(kaders, inspecteur, beheerder, medewerker):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    return wereld, {
        "anoniem": None,
        "inspecteur": inspecteur,
        "beheerder": beheerder,
        "medewerker": medewerker,
        "gemeente_gouda": wereld.gouda_gebruiker,
        "gemeente_ander": wereld.andere_gebruiker,
    }


def url_kwargs(wereld) -> dict[str, int | str]:
    """Objects that fill URL keyword arguments: all belong to Gouda."""
    return {
        "onderzoek_pk": wereld.gepubliceerd.pk,
        "rapportage_pk": wereld.upload.pk,
        "pk": wereld.concept.pk,
        "beoordeling_pk": wereld.concept.beoordelingen.first().pk,
        "conclusie_pk": wereld.concept.conclusies.first().pk,
        "actie": "ter-review",
        "bulk_pk": BulkExport.objects.create(
            totaal=1, aangevraagd_door=wereld.concept.inspecteurs.get()
        ).pk,
    }


def test_elke_url_heeft_een_naam_en_een_regel_in_de_matrix():
    ontbrekend = [
        f"{naam or '(zonder naam)'} ({route})"
        for route, naam, _ in te_controleren()
        if naam not in MATRIX
    ]
    assert not ontbrekend, "Geen regel in de toegangsmatrix voor: " + ", ".join(ontbrekend)


def test_toegang_per_rol_volgens_de_matrix(gebruikers, client):
    wereld, per_rol = gebruikers
    waarden = url_kwargs(wereld)
    fouten = []
    geteld = 0
    for route, naam, kwargs in te_controleren():
        assert naam in MATRIX, f"URL '{naam}' ({route}) heeft geen regel in de toegangsmatrix"
        regel = MATRIX[naam]
        onbekend = [k for k in kwargs if k not in waarden and "_kwargs" not in regel]
        assert not onbekend, f"URL '{naam}': geen testobject voor {onbekend} in url_kwargs()"
        eigen = regel["_kwargs"](wereld) if "_kwargs" in regel else {}
        url = reverse(naam, kwargs={**{k: waarden[k] for k in kwargs if k in waarden}, **eigen})
        for rol in ROLLEN:
            client.logout()
            if per_rol[rol] is not None:
                inloggen(client, per_rol[rol])
            verstuur = client.post if regel.get("_methode") == "post" else client.get
            response = verstuur(url)
            geteld += 1
            # Nothing behind a login may be stored by a browser or proxy cache (issue 12).
            if (
                per_rol[rol] is not None or "sessionid" in response.cookies
            ) and "no-store" not in response.get("Cache-Control", ""):
                fouten.append(f"{naam} als {rol}: geen Cache-Control: no-store")
            if response.status_code != regel[rol]:
                fouten.append(f"{naam} als {rol}: {response.status_code}, verwacht {regel[rol]}")
            elif (
                rol == "anoniem"
                and response.status_code == 302
                and not response["Location"].startswith(reverse("login"))
            ):
                fouten.append(f"{naam} als anoniem stuurt niet naar het inloggen")
    assert not fouten, "\n".join(fouten)
    assert geteld >= len(MATRIX) * len(ROLLEN)


def test_gemeente_krijgt_404_voor_ongepubliceerde_onderzoeken_op_elke_onderzoek_url(
    gebruikers, client
):
    """Every URL that takes a study and that Gouda may open answers 404 for an unpublished one."""
    wereld, per_rol = gebruikers
    waarden = url_kwargs(wereld)
    inloggen(client, per_rol["gemeente_gouda"])
    gecontroleerd = []
    for _route, naam, kwargs in te_controleren():
        if "onderzoek_pk" not in kwargs or MATRIX[naam].get("gemeente_gouda") != 200:
            continue
        for onderzoek in (wereld.concept, wereld.ter_review, wereld.vastgesteld):
            url = reverse(
                naam, kwargs={**{k: waarden[k] for k in kwargs}, "onderzoek_pk": onderzoek.pk}
            )
            assert client.get(url).status_code == 404, f"{naam} toont {onderzoek.status}"
            assert client.post(url).status_code in (404, 405), f"{naam} POST {onderzoek.status}"
        gecontroleerd.append(naam)
    assert "portaal:onderzoek" in gecontroleerd and "portaal:uploaden" in gecontroleerd


def test_gemeentegebruiker_zonder_gemeente_ziet_geen_onderzoeken(gebruikers, client):
    zonder_gemeente = gebruiker(Rol.GEMEENTE, username="geen_gemeente")
    inloggen(client, zonder_gemeente)
    response = client.get(reverse("portaal:home"))
    assert response.status_code == 200
    assert "Er zijn nog geen gepubliceerde onderzoeken" in response.content.decode()
