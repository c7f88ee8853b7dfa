"""Improvement plans per point (issue 18, item 5): the municipality writes what, who and by
when for each open point, within the report's deadline; inspectors see and accept them."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from inspecties.models import Verbeterplan
from inspecties.voortgang.selectors import punten_van_onderzoek, voortgang_deadline_van
from inspecties.voortgang.services import (
    PlanConflict,
    VoortgangFout,
    verbeterplan_accepteren,
    verbeterplan_opslaan,
)
from tests.conftest import inloggen
from tests.factories import portaal_wereld


@pytest.fixture
def wereld(kaders, inspecteur):
    wereld = portaal_wereld(kaders, inspecteur=inspecteur)
    # The report asks for progress within half a year from now.
    wereld.gepubliceerd.voortgang_deadline = timezone.localdate() + timedelta(days=180)
    wereld.gepubliceerd.save(update_fields=["voortgang_deadline"])
    return wereld


def plan_post(punt_index: int, sleutel: str, **velden) -> dict:
    data = {
        "sleutel": sleutel,
        "maatregel": "Wij stellen een casusregisseur aan.",
        "verantwoordelijke": "Teamleider wijkteam",
        "uiterlijk": (timezone.localdate() + timedelta(days=60)).isoformat(),
        **velden,
    }
    return {f"punt{punt_index}-{k}": v for k, v in data.items()}


def test_gemeente_schrijft_een_plan_per_open_verbeterpunt(wereld, client):
    onderzoek = wereld.gepubliceerd
    punten = punten_van_onderzoek(onderzoek)
    assert len(punten) == 3
    inloggen(client, wereld.gouda_gebruiker)
    url = reverse("portaal:verbeterplan", args=[onderzoek.pk])
    html = client.get(url).content.decode()
    deadline = voortgang_deadline_van(onderzoek)
    assert str(deadline.year) in html and html.count('data-testid="plan-punt"') == 3
    for i, punt in enumerate(punten):
        antwoord = client.post(url, plan_post(i, punt.sleutel))
        assert antwoord.status_code == 302, antwoord.content.decode()[-4000:]
    plannen = Verbeterplan.objects.filter(onderzoek=onderzoek)
    assert sorted(p.sleutel for p in plannen) == sorted(p.sleutel for p in punten)
    # Later: progress, against the version shown.
    plan = plannen.get(sleutel=punten[0].sleutel)
    antwoord = client.post(
        url,
        plan_post(0, plan.sleutel, versie=plan.versie, voortgang="bezig", toelichting="Half af"),
    )
    assert antwoord.status_code == 302
    plan.refresh_from_db()
    assert (plan.voortgang, plan.toelichting, plan.versie) == ("bezig", "Half af", 2)


def test_een_datum_na_de_deadline_van_het_rapport_wordt_geweigerd(wereld, client):
    onderzoek = wereld.gepubliceerd
    punt = punten_van_onderzoek(onderzoek)[0]
    te_laat = voortgang_deadline_van(onderzoek) + timedelta(days=1)
    inloggen(client, wereld.gouda_gebruiker)
    antwoord = client.post(
        reverse("portaal:verbeterplan", args=[onderzoek.pk]),
        plan_post(0, punt.sleutel, uiterlijk=te_laat.isoformat(), maatregel="Mijn tekst"),
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert "na de uiterste datum uit het rapport" in html
    assert "Mijn tekst" in html  # nothing typed is lost
    assert not Verbeterplan.objects.exists()


def test_dubbel_verzonden_plan_geeft_een_plan(wereld):
    onderzoek = wereld.gepubliceerd
    punt = punten_van_onderzoek(onderzoek)[0]
    velden = {
        "maatregel": "Iets",
        "verantwoordelijke": "Wethouder",
        "uiterlijk": timezone.localdate() + timedelta(days=30),
    }
    for _ in range(2):
        verbeterplan_opslaan(
            onderzoek=onderzoek,
            sleutel=punt.sleutel,
            door=wereld.gouda_gebruiker,
            versie=None,
            **velden,
        )
    assert Verbeterplan.objects.count() == 1
    # A different new plan for the same point, sent from a second tab: refused, not merged.
    with pytest.raises(PlanConflict):
        verbeterplan_opslaan(
            onderzoek=onderzoek,
            sleutel=punt.sleutel,
            door=wereld.gouda_gebruiker,
            versie=None,
            **{**velden, "maatregel": "Iets anders"},
        )
    assert Verbeterplan.objects.get().maatregel == "Iets"


def test_wijziging_tegen_een_oude_versie_wordt_geweigerd(wereld):
    onderzoek = wereld.gepubliceerd
    punt = punten_van_onderzoek(onderzoek)[0]
    velden = {
        "maatregel": "Iets",
        "verantwoordelijke": "Wethouder",
        "uiterlijk": timezone.localdate() + timedelta(days=30),
    }
    door = wereld.gouda_gebruiker
    plan = verbeterplan_opslaan(
        onderzoek=onderzoek, sleutel=punt.sleutel, door=door, versie=None, **velden
    )
    verbeterplan_opslaan(
        onderzoek=onderzoek,
        sleutel=punt.sleutel,
        door=door,
        versie=1,
        **{**velden, "maatregel": "A"},
    )
    with pytest.raises(PlanConflict):
        verbeterplan_opslaan(
            onderzoek=onderzoek,
            sleutel=punt.sleutel,
            door=door,
            versie=1,
            **{**velden, "maatregel": "B"},
        )
    plan.refresh_from_db()
    assert plan.maatregel == "A"


def test_andere_gemeente_kan_plannen_niet_lezen_of_schrijven(wereld, client):
    onderzoek = wereld.gepubliceerd
    punt = punten_van_onderzoek(onderzoek)[0]
    inloggen(client, wereld.andere_gebruiker)
    url = reverse("portaal:verbeterplan", args=[onderzoek.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, plan_post(0, punt.sleutel)).status_code == 404
    with pytest.raises(VoortgangFout):
        verbeterplan_opslaan(
            onderzoek=onderzoek,
            sleutel=punt.sleutel,
            door=wereld.andere_gebruiker,
            versie=None,
            maatregel="x",
            verantwoordelijke="y",
            uiterlijk=timezone.localdate(),
        )
    assert not Verbeterplan.objects.exists()


def test_gemeente_kan_geen_plan_voor_een_onbekend_punt_of_concept_maken(wereld, client):
    inloggen(client, wereld.gouda_gebruiker)
    url = reverse("portaal:verbeterplan", args=[wereld.gepubliceerd.pk])
    antwoord = client.post(url, plan_post(0, "verzonnen.sleutel"))
    assert antwoord.status_code == 400 and not Verbeterplan.objects.exists()
    assert client.get(reverse("portaal:verbeterplan", args=[wereld.concept.pk])).status_code == 404


def test_gemeente_kan_geen_acceptatie_meesturen(wereld, client):
    onderzoek = wereld.gepubliceerd
    punt = punten_van_onderzoek(onderzoek)[0]
    inloggen(client, wereld.gouda_gebruiker)
    client.post(
        reverse("portaal:verbeterplan", args=[onderzoek.pk]),
        plan_post(0, punt.sleutel, geaccepteerd_op="2020-01-01", geaccepteerd_door=1),
    )
    plan = Verbeterplan.objects.get()
    assert plan.geaccepteerd_op is None and plan.geaccepteerd_door is None


def test_geaccepteerd_plan_is_niet_meer_verlopen(wereld, inspecteur):
    from inspecties.voortgang.selectors import punten_met_plan

    onderzoek = wereld.gepubliceerd
    punten = punten_van_onderzoek(onderzoek)
    plan = verbeterplan_opslaan(
        onderzoek=onderzoek,
        sleutel=punten[0].sleutel,
        door=wereld.gouda_gebruiker,
        versie=None,
        maatregel="x",
        verantwoordelijke="y",
        uiterlijk=timezone.localdate(),
    )
    later = timezone.localdate() + timedelta(days=3)
    rijen = punten_met_plan(onderzoek=onderzoek, punten=punten, vandaag=later)
    assert rijen[0].status == "verlopen"
    verbeterplan_accepteren(plan=plan, versie=plan.versie, door=inspecteur)
    rijen = punten_met_plan(onderzoek=onderzoek, punten=punten, vandaag=later)
    assert rijen[0].status == ""
    with pytest.raises(PlanConflict):  # a second inspector accepting the old version
        verbeterplan_accepteren(plan=plan, versie=plan.versie, door=inspecteur)


def test_plannenpaginas_lezen_een_vast_aantal_queries(
    wereld, client, inspecteur, django_assert_max_num_queries
):
    """The plan page (gemeente) and the study's progress page (inspector) cost the same for
    one plan as for every point with a plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    onderzoek = wereld.gepubliceerd
    punten = punten_van_onderzoek(onderzoek)
    paginas = [
        (wereld.gouda_gebruiker, reverse("portaal:verbeterplan", args=[onderzoek.pk])),
        (inspecteur, reverse("voortgang:inbox_onderzoek", args=[onderzoek.pk])),
    ]

    def plan(punt):
        verbeterplan_opslaan(
            onderzoek=onderzoek,
            sleutel=punt.sleutel,
            door=wereld.gouda_gebruiker,
            versie=None,
            maatregel=f"Plan {punt.sleutel}",
            verantwoordelijke="x",
            uiterlijk=timezone.localdate() + timedelta(days=10),
        )

    plan(punten[0])
    aantallen = []
    for gebruiker, url in paginas:
        inloggen(client, gebruiker)
        with CaptureQueriesContext(connection) as een:
            client.get(url)
        aantallen.append(len(een.captured_queries))
    for p in punten[1:]:
        plan(p)
    for (gebruiker, url), aantal in zip(paginas, aantallen, strict=True):
        inloggen(client, gebruiker)
        with django_assert_max_num_queries(aantal):
            html = client.get(url).content.decode()
        assert all(f"Plan {p.sleutel}" in html for p in punten)
