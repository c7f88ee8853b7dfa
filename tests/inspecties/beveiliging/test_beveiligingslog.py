"""The security audit log: logins, denied access, role and framework changes; read-only admin."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

import pytest

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.services import beveiligingslog_schrijven
from inspecties.models import Voortgangsrapportage
from tests.conftest import inloggen

Soort = BeveiligingsGebeurtenis.Soort


def rapportage_van(onderzoek, gebruiker, inhoud=b"%PDF-1.4 voortgang"):
    r = Voortgangsrapportage(
        onderzoek=onderzoek,
        oorspronkelijke_naam="voortgang.pdf",
        inhoudstype="application/pdf",
        grootte=len(inhoud),
        sha256="0" * 64,
        ingediend_door=gebruiker,
    )
    r.bestand.save("voortgang.pdf", ContentFile(inhoud), save=False)
    r.save()
    return r


@pytest.mark.django_db
def test_geweigerde_download_van_andere_gemeente_staat_in_het_log(client, demo):
    """The real portal download: another gemeente's file is a 404 and an audit entry."""
    from django.contrib.auth import get_user_model

    gouda = get_user_model().objects.get(username="gouda")
    oosterhout = demo[("Oosterhout", 2014)]
    rapportage = rapportage_van(oosterhout, gouda)
    inloggen(client, gouda)

    url = reverse("portaal:download", args=[rapportage.pk])
    response = client.get(url, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 404
    regel = BeveiligingsGebeurtenis.objects.get(soort=Soort.TOEGANG_GEWEIGERD)
    assert regel.gebruiker == gouda
    assert regel.gebruikersnaam == "gouda"
    assert regel.ip == "10.1.2.3"
    assert regel.pad == url
    assert regel.details == {"rapportage": rapportage.pk, "reden": "niet van eigen gemeente"}
    assert "PDF" not in str(regel.details)


@pytest.mark.django_db
def test_permission_denied_wordt_gelogd_door_middleware(client, medewerker):
    """A real page the role may not open (rol_vereist raises PermissionDenied)."""
    inloggen(client, medewerker)
    url = reverse("inspecties:onderzoek_nieuw")
    assert client.get(url).status_code == 403
    regel = BeveiligingsGebeurtenis.objects.get(soort=Soort.TOEGANG_GEWEIGERD)
    assert regel.gebruiker == medewerker and regel.pad == url


@pytest.mark.django_db
def test_gemeente_op_interne_pagina_wordt_gelogd(client, demo):
    from django.contrib.auth import get_user_model

    inloggen(client, get_user_model().objects.get(username="gouda"))
    assert client.get(reverse("inspecties:onderzoek_lijst")).status_code == 403
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=Soort.TOEGANG_GEWEIGERD, gebruikersnaam="gouda"
    ).exists()


@pytest.mark.django_db
def test_wachtwoorden_komen_nooit_in_het_log(inspecteur):
    regel = beveiligingslog_schrijven(
        soort=Soort.EXPORT, gebruiker=inspecteur, password="geheim", wachtwoord="x", formaat="pdf"
    )
    assert regel.details == {"formaat": "pdf"}


@pytest.mark.django_db
def test_rolwijziging_en_kaderwijziging_worden_gelogd(inspecteur, kaders):
    inspecteur.groups.add(Group.objects.get(name="beheerder"))
    regel = BeveiligingsGebeurtenis.objects.filter(soort=Soort.ROL_GEWIJZIGD).first()
    assert regel.details == {"doel": "insp1", "actie": "toegevoegd", "rollen": ["beheerder"]}
    inspecteur.groups.remove(Group.objects.get(name="beheerder"))
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=Soort.ROL_GEWIJZIGD, details__actie="verwijderd"
    ).exists()
    assert BeveiligingsGebeurtenis.objects.filter(soort=Soort.KADER_GEWIJZIGD).count() >= 2


@pytest.mark.django_db
def test_login_wordt_gelogd(client, inspecteur):
    client.post(reverse("login"), {"username": "insp1", "password": "toezicht-demo"})
    assert BeveiligingsGebeurtenis.objects.filter(soort=Soort.LOGIN, gebruiker=inspecteur).exists()


@pytest.mark.django_db
def test_beheerder_leest_het_log_maar_wijzigt_niets(client, beheerder, inspecteur):
    beveiligingslog_schrijven(soort=Soort.LOGIN, gebruiker=inspecteur)
    inloggen(client, beheerder)
    lijst = client.get("/beheer/beveiliging/beveiligingsgebeurtenis/")
    assert lijst.status_code == 200
    assert "insp1" in lijst.content.decode()
    assert client.get("/beheer/beveiliging/beveiligingsgebeurtenis/add/").status_code == 403
    regel = BeveiligingsGebeurtenis.objects.filter(gebruiker=inspecteur).first()
    wijzig = f"/beheer/beveiliging/beveiligingsgebeurtenis/{regel.pk}/delete/"
    assert client.post(wijzig, {"post": "yes"}).status_code == 403
    assert BeveiligingsGebeurtenis.objects.filter(pk=regel.pk).exists()


@pytest.mark.django_db
def test_portaal_weigert_download_van_andere_gemeente_en_logt_dat(client, kaders):
    from tests.factories import portaal_wereld

    wereld = portaal_wereld(kaders)
    inloggen(client, wereld.gouda_gebruiker)
    url = reverse("portaal:download", args=[wereld.andere_upload.pk])
    assert client.get(url, REMOTE_ADDR="10.9.8.7").status_code == 404
    regel = BeveiligingsGebeurtenis.objects.get(soort=Soort.TOEGANG_GEWEIGERD)
    assert regel.gebruiker == wereld.gouda_gebruiker
    assert regel.ip == "10.9.8.7" and regel.pad == url
    assert regel.details == {
        "rapportage": wereld.andere_upload.pk,
        "reden": "niet van eigen gemeente",
    }

    eigen = reverse("portaal:download", args=[wereld.upload.pk])
    assert client.get(eigen).status_code == 200
    assert BeveiligingsGebeurtenis.objects.filter(
        soort=Soort.DOWNLOAD, gebruiker=wereld.gouda_gebruiker, details__rapportage=wereld.upload.pk
    ).exists()
