"""The scoring page offers a study only the network partners its municipality may name: its
own and those on the shared national list (issue 18, item 8), never another municipality's."""

from django.urls import reverse

from tests.factories import GemeenteFactory, NetwerkpartnerFactory, OnderzoekFactory
from tests.formulieren import formulier, verzenden


def _wereld(kaders, inspecteur):
    onderzoek = OnderzoekFactory(inspecteurs=[inspecteur])
    eigen = NetwerkpartnerFactory(naam="GGD Eigen", gemeente=onderzoek.aanpak.gemeente)
    landelijk = NetwerkpartnerFactory(naam="Raad voor de Kinderbescherming", gemeente=None)
    vreemd = NetwerkpartnerFactory(naam="Wijkteam Elders", gemeente=GemeenteFactory())
    return onderzoek, eigen, landelijk, vreemd


def test_de_keuzelijst_toont_eigen_en_landelijke_partners(client_als, inspecteur, kaders):
    onderzoek, eigen, landelijk, vreemd = _wereld(kaders, inspecteur)
    pagina = client_als(inspecteur).get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]))
    html = pagina.content.decode()
    assert eigen.naam in html and landelijk.naam in html
    assert vreemd.naam not in html


def test_een_partner_van_een_andere_gemeente_wordt_in_het_nederlands_geweigerd(
    client_als, inspecteur, kaders
):
    onderzoek, eigen, _, vreemd = _wereld(kaders, inspecteur)
    client = client_als(inspecteur)
    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    pagina = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]))
    velden = verzenden(formulier(pagina.content.decode(), action=url), context="Getypt.")
    velden["respondenten"] = [str(eigen.pk), str(vreemd.pk)]

    antwoord = client.post(url, velden)

    assert antwoord.status_code == 400
    assert "geldige keuze" in antwoord.content.decode()
    assert "Getypt." in antwoord.content.decode()  # nothing typed is lost
    assert onderzoek.respondenten.count() == 0
