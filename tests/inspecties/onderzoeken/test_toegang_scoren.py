"""Only inspecteurs change studies: every write URL, every other role, DB unchanged."""

from django.urls import reverse

import pytest

from gemeenten.models import Gemeente
from inspecties.beveiliging.rollen import Rol
from inspecties.models import Beoordeling, Bevinding, Onderzoek, StatusWijziging, ThemaConclusie
from tests.factories import OnderzoekFactory, gebruiker


@pytest.fixture
def onderzoek(kaders):
    return OnderzoekFactory()


def schrijf_verzoeken(onderzoek):
    b1, b2 = list(onderzoek.beoordelingen.all()[:2])
    conclusie = onderzoek.conclusies.first()
    optie = onderzoek.kader.schaal.first()
    return [
        (
            reverse("inspecties:onderzoek_nieuw"),
            {
                "aanpak": onderzoek.aanpak_id,
                "kader": onderzoek.kader_id,
                "soort": "beleidstoets",
                "jaar": 2020,
            },
        ),
        (
            reverse("inspecties:beoordeling_opslaan", args=[onderzoek.pk, b1.pk]),
            {"oordeel": optie.pk, "beoordeling_versie": 1, "tekst": "x", "bevinding_versie": ""},
        ),
        (
            reverse("inspecties:bevinding_delen", args=[onderzoek.pk]),
            {"beoordelingen": [b1.pk, b2.pk], "tekst": "x"},
        ),
        (
            reverse("inspecties:conclusie_opslaan", args=[onderzoek.pk, conclusie.pk]),
            {"versie": 1, "gaat_goed": "x", "kan_beter": "y"},
        ),
        (
            reverse("inspecties:teksten_opslaan", args=[onderzoek.pk]),
            {"versie": onderzoek.versie, "context": "x"},
        ),
        *[
            (reverse("inspecties:status_wijzigen", args=[onderzoek.pk, actie]), {"reden": "x"})
            for actie in ("ter-review", "vaststellen", "heropenen")
        ],
        (reverse("rapporten:publiceren", args=[onderzoek.pk]), {}),
    ]


def staat():
    return (
        Onderzoek.objects.count(),
        list(Beoordeling.objects.values_list("optie", "niet_getoetst", "bevinding", "versie")),
        Bevinding.objects.count(),
        list(ThemaConclusie.objects.values_list("gaat_goed", "versie")),
        list(Onderzoek.objects.values_list("context", "status", "versie")),
        StatusWijziging.objects.count(),
    )


@pytest.mark.parametrize("rol", [Rol.BEHEERDER, Rol.MEDEWERKER, Rol.GEMEENTE, None])
def test_niet_inspecteurs_kunnen_niets_wijzigen(client_als, client, onderzoek, rol):
    if rol is not None:
        extra = {"gemeenten": [onderzoek.aanpak.gemeente]} if rol == Rol.GEMEENTE else {}
        client = client_als(gebruiker(rol, **extra))
    voor = staat()
    for url, data in schrijf_verzoeken(onderzoek):
        for headers in ({}, {"HX-Request": "true"}):
            antwoord = client.post(url, data, headers=headers)
            if rol is None:
                assert antwoord.status_code == 302 and "/inloggen/" in antwoord.url, url
            else:
                assert antwoord.status_code == 403, (url, rol)
    assert staat() == voor


@pytest.mark.parametrize("rol", [Rol.BEHEERDER, Rol.MEDEWERKER])
def test_medewerker_en_beheerder_lezen_alleen(client_als, onderzoek, rol):
    client = client_als(gebruiker(rol))
    html = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk])).content.decode()
    assert 'data-testid="alleen-lezen"' in html
    assert "Ter review sturen" not in html


def test_gemeente_ziet_de_schermen_niet(client_als, onderzoek):
    gemeente: Gemeente = onderzoek.aanpak.gemeente
    client = client_als(gebruiker(Rol.GEMEENTE, gemeenten=[gemeente]))
    for url in (
        reverse("inspecties:onderzoek_lijst"),
        reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]),
        reverse("inspecties:onderzoek_historie", args=[onderzoek.pk]),
        reverse("inspecties:onderzoek_nieuw"),
    ):
        assert client.get(url).status_code == 403
