"""Exports and copies of unpublished reports are recorded in the security audit log."""

from django.urls import reverse

from inspecties.models import BeveiligingsGebeurtenis, Onderzoek


def gebeurtenissen(soort):
    return list(BeveiligingsGebeurtenis.objects.filter(soort=soort).order_by("pk"))


def test_score_export_wordt_vastgelegd(demo, medewerker, client_als):
    client = client_als(medewerker)
    assert client.get(reverse("rapporten:export_csv"), {"jaar": 2013}).status_code == 200
    [gebeurtenis] = gebeurtenissen(BeveiligingsGebeurtenis.Soort.EXPORT)
    assert gebeurtenis.gebruiker == medewerker
    assert gebeurtenis.details["formaat"] == "csv"
    assert gebeurtenis.details["jaar"] == 2013


def test_download_van_ongepubliceerd_rapport_wordt_vastgelegd_gepubliceerd_niet(
    demo, medewerker, client_als
):
    client = client_als(medewerker)
    gouda = demo[("Gouda", 2013)]
    client.get(reverse("rapporten:rapport_pdf", args=[gouda.pk]))
    assert gebeurtenissen(BeveiligingsGebeurtenis.Soort.DOWNLOAD) == []

    Onderzoek.objects.filter(pk=gouda.pk).update(status=Onderzoek.Status.VASTGESTELD)
    response = client.get(reverse("rapporten:rapport_pdf", args=[gouda.pk]))
    assert response.status_code == 200
    [gebeurtenis] = gebeurtenissen(BeveiligingsGebeurtenis.Soort.DOWNLOAD)
    assert gebeurtenis.details == {"onderzoek": gouda.pk, "status": "vastgesteld"}
    assert gebeurtenis.gebruiker == medewerker
