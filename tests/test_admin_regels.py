"""The admin keeps the domain's rules (issue 18, item 8): pickers offer only what fits, and a
duplicate key or another constraint violation is an error beside the field, never a 500."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.beveiliging.rollen import Rol
from inspecties.voortgang.forms import VoortgangDeadlineForm
from inspecties.voortgang.services import VoortgangFout, voortgang_deadline_zetten
from tests.conftest import inloggen
from tests.factories import AanpakFactory, GemeenteFactory, OnderzoekFactory, gebruiker


@pytest.fixture
def beheer(client, beheerder):
    inloggen(client, beheerder)
    return client


def inline_leeg(prefix: str = "aanpakken", totaal: int = 0, **velden) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(totaal),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        **velden,
    }


def gemeente_post(**velden) -> dict:
    return {"naam": "Goudriaan", "cbs_code": "GM9999", **inline_leeg(), **velden}


@pytest.mark.parametrize(
    ("url", "data", "fout"),
    [
        # A duplicate CBS code (unique field)
        ("admin:gemeenten_gemeente_add", gemeente_post(cbs_code="GM0513"), "CBS-code"),
        # A CBS code of the wrong form (check constraint)
        ("admin:gemeenten_gemeente_add", gemeente_post(cbs_code="XX"), "GM0513"),
        # Two approaches with one name in the inline (unique per gemeente)
        (
            "admin:gemeenten_gemeente_add",
            gemeente_post(
                **inline_leeg(totaal=2, **{"aanpakken-0-naam": "CJG", "aanpakken-1-naam": "CJG"})
            ),
            "dubbele",
        ),
        # An approach name the gemeente already has (unique constraint)
        ("admin:gemeenten_aanpak_add", {"gemeente": "GOUDA", "naam": "MPG"}, "al een aanpak"),
        # A network partner's duplicate name
        ("admin:gemeenten_netwerkpartner_add", {"naam": "GGD"}, "bestaat al"),
    ],
)
def test_schending_van_een_regel_is_een_fout_bij_het_veld(beheer, url, data, fout):
    gouda = GemeenteFactory(naam="Gouda", cbs_code="GM0513")
    Aanpak.objects.create(gemeente=gouda, naam="MPG")
    Netwerkpartner.objects.create(naam="GGD")
    data = {k: (gouda.pk if v == "GOUDA" else v) for k, v in data.items()}
    voor = (Gemeente.objects.count(), Aanpak.objects.count(), Netwerkpartner.objects.count())
    antwoord = beheer.post(reverse(url), data)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200, html[-2000:]
    assert "errorlist" in html and fout.lower() in html.lower()
    assert (
        Gemeente.objects.count(),
        Aanpak.objects.count(),
        Netwerkpartner.objects.count(),
    ) == voor


def test_gemeentegebruikers_kiezer_toont_alleen_gemeentegebruikers(beheer):
    gouda = GemeenteFactory(naam="Gouda")
    gemeente_gebruiker = gebruiker(Rol.GEMEENTE, username="gem_x", gemeenten=[])
    inspecteur = gebruiker(Rol.INSPECTEUR, username="insp_x")
    url = reverse("admin:gemeenten_gemeente_change", args=[gouda.pk])
    html = beheer.get(url).content.decode()
    assert f'value="{gemeente_gebruiker.pk}"' in html
    assert f'value="{inspecteur.pk}"' not in html
    # Sent anyway (a hand-made POST): refused beside the field.
    antwoord = beheer.post(
        url,
        {
            "naam": "Gouda",
            "cbs_code": gouda.cbs_code,
            "gebruikers": [inspecteur.pk],
            **inline_leeg(),
        },
    )
    assert antwoord.status_code == 200 and "errorlist" in antwoord.content.decode()
    assert not gouda.gebruikers.exists()


def test_voorgangers_van_een_aanpak_alleen_van_dezelfde_gemeente(beheer):
    gouda, ander = GemeenteFactory(naam="Gouda"), GemeenteFactory(naam="Anderdorp")
    oud = AanpakFactory(gemeente=gouda, naam="Gezinsmanagement")
    vreemd = AanpakFactory(gemeente=ander, naam="Vreemde aanpak")
    nieuw = AanpakFactory(gemeente=gouda, naam="Sociale Wijkteams")
    url = reverse("admin:gemeenten_aanpak_change", args=[nieuw.pk])
    html = beheer.get(url).content.decode()
    assert "Gezinsmanagement" in html and "Vreemde aanpak" not in html
    for verkeerd in (vreemd, nieuw):
        antwoord = beheer.post(
            url, {"gemeente": gouda.pk, "naam": nieuw.naam, "vervangt": [verkeerd.pk]}
        )
        assert antwoord.status_code == 200 and "errorlist" in antwoord.content.decode()
    assert not nieuw.vervangt.exists()
    # On adding, the gemeente is chosen in the same form: checked when saved.
    antwoord = beheer.post(
        reverse("admin:gemeenten_aanpak_add"),
        {"gemeente": gouda.pk, "naam": "Nieuw", "vervangt": [vreemd.pk]},
    )
    assert "dezelfde gemeente" in antwoord.content.decode()
    antwoord = beheer.post(url, {"gemeente": gouda.pk, "naam": nieuw.naam, "vervangt": [oud.pk]})
    assert antwoord.status_code == 302 and list(nieuw.vervangt.all()) == [oud]


def test_een_deadline_in_het_verleden_wordt_geweigerd(kaders, inspecteur):
    gisteren = timezone.localdate() - timedelta(days=1)
    form = VoortgangDeadlineForm({"voortgang_deadline": gisteren.isoformat()})
    assert not form.is_valid() and "verleden" in str(form.errors)
    onderzoek = OnderzoekFactory(kader=kaders["ggsr-beleid"], gepubliceerd=True)
    with pytest.raises(VoortgangFout):
        voortgang_deadline_zetten(onderzoek=onderzoek, deadline=gisteren, door=inspecteur)
    morgen = timezone.localdate() + timedelta(days=1)
    voortgang_deadline_zetten(onderzoek=onderzoek, deadline=morgen, door=inspecteur)
    onderzoek.refresh_from_db()
    assert onderzoek.voortgang_deadline == morgen


def test_netwerkpartners_per_gemeente_en_een_gedeelde_landelijke_lijst(beheer):
    gouda, ander = GemeenteFactory(naam="Gouda"), GemeenteFactory(naam="Anderdorp")
    Netwerkpartner.objects.create(naam="Wijkteam Noord", gemeente=gouda)
    url = reverse("admin:gemeenten_netwerkpartner_add")
    # The same name in another gemeente is another organisation.
    assert beheer.post(url, {"naam": "Wijkteam Noord", "gemeente": ander.pk}).status_code == 302
    antwoord = beheer.post(url, {"naam": "Wijkteam Noord", "gemeente": gouda.pk})
    assert antwoord.status_code == 200 and "al een netwerkpartner met deze naam" in (
        antwoord.content.decode()
    )
    assert Netwerkpartner.objects.filter(naam="Wijkteam Noord").count() == 2


def test_hoogstens_drie_respondenten_van_de_eigen_gemeente_of_landelijk(kaders, inspecteur):
    from inspecties.onderzoeken.fouten import OnderzoekFout
    from inspecties.onderzoeken.services import onderzoek_teksten_opslaan

    onderzoek = OnderzoekFactory(kader=kaders["ggsr-beleid"], inspecteurs=[inspecteur])
    eigen = onderzoek.aanpak.gemeente
    landelijk = [Netwerkpartner.objects.create(naam=f"Landelijk {i}") for i in range(3)]
    vreemd = Netwerkpartner.objects.create(naam="Elders", gemeente=GemeenteFactory(naam="Elders"))
    eigen_partner = Netwerkpartner.objects.create(naam="Eigen", gemeente=eigen)
    for keuze, fout in (
        ([*landelijk, eigen_partner], "hoogstens 3"),
        ([vreemd], "andere gemeente"),
    ):
        with pytest.raises(OnderzoekFout, match=fout):
            onderzoek_teksten_opslaan(
                onderzoek=onderzoek, versie=onderzoek.versie, respondenten=keuze, door=inspecteur
            )
    onderzoek_teksten_opslaan(
        onderzoek=onderzoek,
        versie=onderzoek.versie,
        respondenten=[*landelijk[:2], eigen_partner],
        door=inspecteur,
    )
    assert onderzoek.respondenten.count() == 3
    assert set(Netwerkpartner.objects.voor_gemeente(eigen)) == {*landelijk, eigen_partner}
