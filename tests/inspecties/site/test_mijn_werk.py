"""Mijn werk (issue 18): the inspector's start page shows what needs them now, each item one
click from where the work is done, in a number of queries that does not grow with the data."""

from django.urls import reverse
from django.utils import timezone

import pytest

from inspecties.beveiliging.rollen import Rol
from inspecties.onderzoeken.services import onderzoek_ter_review_sturen
from inspecties.site.selectors import mijn_werk
from inspecties.voortgang.services import (
    voortgangsrapportage_gelezen,
    voortgangsrapportage_indienen,
)
from tests.conftest import inloggen
from tests.factories import AanpakFactory, OnderzoekFactory, gebruiker, pdf_upload, portaal_wereld


def test_inspecteur_begint_op_mijn_werk_de_anderen_niet(client, inspecteur, beheerder, kaders):
    wereld = portaal_wereld(kaders)
    inloggen(client, inspecteur)
    assert client.get(reverse("start"))["Location"] == reverse("mijn_werk")
    inloggen(client, beheerder)
    assert client.get(reverse("start"))["Location"] == reverse("inspecties:onderzoek_lijst")
    inloggen(client, wereld.gouda_gebruiker)
    assert client.get(reverse("start"))["Location"] == reverse("portaal:home")


def werk_maken(kaders, ik, ander, n: int = 1, *, begin: int = 0):
    """`n` of everything Mijn werk lists for `ik`, and as much that it must not list."""
    wereld = portaal_wereld(kaders, inspecteur=ik) if begin == 0 else None
    for i in range(begin, begin + n):
        concept = OnderzoekFactory(inspecteurs=[ik], aanpak=AanpakFactory(naam=f"Mijn-concept-{i}"))
        OnderzoekFactory(inspecteurs=[ander], aanpak=AanpakFactory(naam=f"Ander-concept-{i}"))
        review = OnderzoekFactory(
            gescoord=True, inspecteurs=[ik, ander], aanpak=AanpakFactory(naam=f"Te-reviewen-{i}")
        )
        onderzoek_ter_review_sturen(onderzoek=review, door=ander)
        eigen_review = OnderzoekFactory(
            gescoord=True, inspecteurs=[ik, ander], aanpak=AanpakFactory(naam=f"Zelf-gestuurd-{i}")
        )
        onderzoek_ter_review_sturen(onderzoek=eigen_review, door=ik)
        met_upload = OnderzoekFactory(
            gepubliceerd=True, inspecteurs=[ik], aanpak=AanpakFactory(naam=f"Upload-{i}")
        )
        gemeente = gebruiker(
            Rol.GEMEENTE, username=f"gem-{i}", gemeenten=[met_upload.aanpak.gemeente]
        )
        voortgangsrapportage_indienen(
            onderzoek=met_upload, bestand=pdf_upload(f"upload-{i}.pdf"), door=gemeente
        )
        gepubliceerd = OnderzoekFactory(
            gepubliceerd=True, inspecteurs=[ik], aanpak=AanpakFactory(naam=f"Verlopen-{i}")
        )
        opgevolgd = OnderzoekFactory(
            gepubliceerd=True, inspecteurs=[ik], aanpak=AanpakFactory(naam=f"Opgevolgd-{i}")
        )
        OnderzoekFactory(vervolg=True, vorig_onderzoek=opgevolgd, aanpak=opgevolgd.aanpak)
        del concept, gepubliceerd
    return wereld


@pytest.fixture
def werk(kaders, inspecteur, tweede_inspecteur):
    return werk_maken(kaders, inspecteur, tweede_inspecteur)


def test_mijn_werk_toont_wat_op_mij_wacht_en_niet_meer(client, werk, inspecteur):
    inloggen(client, inspecteur)
    html = client.get(reverse("mijn_werk")).content.decode()
    assert "Mijn-concept-0" in html and "Ander-concept-0" not in html
    assert "Te-reviewen-0" in html and "Zelf-gestuurd-0" not in html
    assert "0 van 30" in html  # the concept's progress: scored of all its indicators
    assert "gouda.pdf" in html  # an unread upload of my gemeente; the other gemeente's, too
    assert "ander.pdf" in html  # (both studies are mine in this world)
    # Published in 2014 with improvement points and no report since: over the date, and a
    # follow-up due; the one that has a follow-up is neither.
    verlopen = html.split('id="kop-verlopen"')[1].split('id="kop-vervolg"')[0]
    assert "Verlopen-0" in verlopen and "Opgevolgd-0" not in verlopen
    assert "MPG-test" not in verlopen  # a report was sent after publication
    vervolg = html.split('id="kop-vervolg"')[1]
    assert "Verlopen-0" in vervolg and "MPG-test" in vervolg and "Opgevolgd-0" not in vervolg


def test_elk_item_is_een_klik_van_het_werk(client, werk, inspecteur):
    werk_ = mijn_werk(user=inspecteur, vandaag=timezone.localdate())
    inloggen(client, inspecteur)
    html = client.get(reverse("mijn_werk")).content.decode()
    review = werk_.te_reviewen[0]
    assert f'href="{reverse("inspecties:onderzoek_scoren", args=[review.pk])}"' in html
    rapportage = werk_.ongelezen_rapportages[0]
    assert f'href="{reverse("voortgang:inbox_onderzoek", args=[rapportage.onderzoek_id])}"' in html
    vervolg = werk_.vervolg_plannen[0]
    plannen = f"{reverse('inspecties:onderzoek_nieuw')}?vorig={vervolg.pk}"
    assert f'href="{plannen}"' in html
    formulier = client.get(plannen).content.decode()  # the follow-up's form, filled in
    assert f'<option value="{vervolg.pk}" selected>' in formulier


def test_gelezen_rapportage_verdwijnt(werk, inspecteur):
    werk_ = mijn_werk(user=inspecteur, vandaag=timezone.localdate())
    for r in werk_.ongelezen_rapportages:
        voortgangsrapportage_gelezen(rapportage=r, door=inspecteur)
    assert mijn_werk(user=inspecteur, vandaag=timezone.localdate()).ongelezen_rapportages == []


def test_review_zonder_tweede_inspecteur_staat_bij_iedere_inspecteur(
    kaders, inspecteur, tweede_inspecteur
):
    alleen = OnderzoekFactory(gescoord=True, inspecteurs=[tweede_inspecteur])
    onderzoek_ter_review_sturen(onderzoek=alleen, door=tweede_inspecteur)
    assert [o.pk for o in mijn_werk(user=inspecteur, vandaag=timezone.localdate()).te_reviewen] == [
        alleen.pk
    ]
    assert mijn_werk(user=tweede_inspecteur, vandaag=timezone.localdate()).te_reviewen == []


def test_andere_rollen_komen_er_niet_in(client, beheerder, medewerker, kaders):
    wereld = portaal_wereld(kaders)
    for user in (beheerder, medewerker, wereld.gouda_gebruiker):
        inloggen(client, user)
        assert client.get(reverse("mijn_werk")).status_code == 403


def test_aantal_queries_groeit_niet_met_het_werk(
    client, kaders, inspecteur, tweede_inspecteur, django_assert_max_num_queries
):
    werk_maken(kaders, inspecteur, tweede_inspecteur, n=1)
    inloggen(client, inspecteur)
    # 10 today: session, user, second factor, roles, five lists, the menu's unread count.
    with django_assert_max_num_queries(12) as klein:
        assert client.get(reverse("mijn_werk")).status_code == 200
    werk_maken(kaders, inspecteur, tweede_inspecteur, n=4, begin=1)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        html = client.get(reverse("mijn_werk")).content.decode()
    assert "Mijn-concept-4" in html and "upload-4.pdf" in html and "Te-reviewen-4" in html
