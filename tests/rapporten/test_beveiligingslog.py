"""Exports and every copy of a report (internal and in the portal) are recorded in the security
audit log, and so is a municipality asking for another one's report."""

from django.urls import reverse

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.models import Onderzoek


def gebeurtenissen(soort):
    return list(BeveiligingsGebeurtenis.objects.filter(soort=soort).order_by("pk"))


def test_score_export_wordt_vastgelegd(demo, medewerker, client_als):
    client = client_als(medewerker)
    assert client.get(reverse("rapporten:export_csv"), {"jaar": 2013}).status_code == 200
    [gebeurtenis] = gebeurtenissen(BeveiligingsGebeurtenis.Soort.EXPORT)
    assert gebeurtenis.gebruiker == medewerker
    assert gebeurtenis.details["formaat"] == "csv"
    assert gebeurtenis.details["jaar"] == 2013


def test_elke_download_van_een_rapport_wordt_vastgelegd(demo, medewerker, client_als):
    client = client_als(medewerker)
    gouda = demo[("Gouda", 2013)]
    assert client.get(reverse("rapporten:rapport_pdf", args=[gouda.pk])).status_code == 200
    Onderzoek.objects.filter(pk=gouda.pk).update(status=Onderzoek.Status.VASTGESTELD)
    assert client.get(reverse("rapporten:rapport_pdf", args=[gouda.pk])).status_code == 200
    downloads = gebeurtenissen(BeveiligingsGebeurtenis.Soort.DOWNLOAD)
    assert [g.details for g in downloads] == [
        {"onderzoek": gouda.pk, "status": "gepubliceerd"},
        {"onderzoek": gouda.pk, "status": "vastgesteld"},
    ]
    assert all(g.gebruiker == medewerker for g in downloads)


def test_download_in_het_portaal_wordt_vastgelegd(demo, client_als):
    from django.contrib.auth import get_user_model

    gouda_gebruiker = get_user_model().objects.get(username="gouda")
    gouda = demo[("Gouda", 2013)]
    client = client_als(gouda_gebruiker)
    assert client.get(reverse("rapporten:portaal_pdf", args=[gouda.pk])).status_code == 200
    [gebeurtenis] = gebeurtenissen(BeveiligingsGebeurtenis.Soort.DOWNLOAD)
    assert gebeurtenis.gebruiker == gouda_gebruiker
    assert gebeurtenis.details == {"onderzoek": gouda.pk, "status": "gepubliceerd"}
    assert gebeurtenis.pad == reverse("rapporten:portaal_pdf", args=[gouda.pk])

    # Another municipality's report: 404, and the attempt is recorded.
    bergen = demo[("Bergen op Zoom", 2017)]
    assert client.get(reverse("rapporten:portaal_pdf", args=[bergen.pk])).status_code == 404
    [geweigerd] = gebeurtenissen(BeveiligingsGebeurtenis.Soort.TOEGANG_GEWEIGERD)
    assert geweigerd.gebruiker == gouda_gebruiker and geweigerd.details["onderzoek"] == bergen.pk
    assert len(gebeurtenissen(BeveiligingsGebeurtenis.Soort.DOWNLOAD)) == 1
