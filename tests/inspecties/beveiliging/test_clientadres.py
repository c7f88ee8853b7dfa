"""The client's address behind a proxy: one function for the audit log and django-axes
(finding 5). X-Forwarded-For is trusted only behind a proxy, and only as many entries from the
right as there are proxies."""

from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

import pytest

from inspecties.beveiliging.models import BeveiligingsGebeurtenis, UserSessie
from inspecties.beveiliging.netwerk import client_ip
from inspecties.demo.laden import DEMO_WACHTWOORD

Soort = BeveiligingsGebeurtenis.Soort
PROXY = "10.0.0.254"
AANVALLER = "203.0.113.9"
COLLEGA = "198.51.100.7"
ACHTER_PROXY = override_settings(BEHIND_PROXY=True, PROXY_AANTAL=1)


def via_proxy(client, wachtwoord, *, client_adres, zelf_meegestuurd=""):
    """A login through one reverse proxy that appends the address it saw to X-Forwarded-For."""
    xff = f"{zelf_meegestuurd}, {client_adres}" if zelf_meegestuurd else client_adres
    return client.post(
        reverse("login"),
        {"username": "insp1", "password": wachtwoord},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=xff,
    )


def verzoek(remote="10.1.1.1", xff=None):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


def test_zonder_proxy_telt_alleen_remote_addr():
    assert client_ip(verzoek(xff="1.2.3.4")) == "10.1.1.1"


@ACHTER_PROXY
def test_achter_een_proxy_het_meest_rechtse_adres():
    assert client_ip(verzoek(remote=PROXY, xff=f"1.2.3.4, {AANVALLER}")) == AANVALLER


@override_settings(BEHIND_PROXY=True, PROXY_AANTAL=2)
def test_achter_twee_proxies_het_tweede_van_rechts():
    assert client_ip(verzoek(remote=PROXY, xff=f"1.2.3.4, {AANVALLER}, 10.0.0.2")) == AANVALLER
    # Fewer entries than proxies: not through both, fall back to the connection's address.
    assert client_ip(verzoek(remote=PROXY, xff=AANVALLER)) == PROXY


@ACHTER_PROXY
def test_onzin_in_de_kop_geeft_het_proxyadres():
    assert client_ip(verzoek(remote=PROXY, xff="niet-een-adres")) == PROXY
    assert client_ip(verzoek(remote=PROXY)) == PROXY


@pytest.mark.django_db
def test_gespoofte_kop_zonder_proxy_wordt_genegeerd_door_axes_en_log(inspecteur):
    aanvaller = Client()
    for i in range(5):
        aanvaller.post(
            reverse("login"),
            {"username": "insp1", "password": "fout"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    # Locked out by the real address, whatever the header said.
    response = aanvaller.post(
        reverse("login"),
        {"username": "insp1", "password": DEMO_WACHTWOORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429
    adressen = set(
        BeveiligingsGebeurtenis.objects.filter(soort=Soort.LOGIN_MISLUKT).values_list(
            "ip", flat=True
        )
    )
    assert adressen == {"10.0.0.1"}


@ACHTER_PROXY
@pytest.mark.django_db
def test_achter_proxy_blokkeert_axes_alleen_de_aanvaller_en_logt_diens_adres(inspecteur):
    aanvaller = Client()
    for _ in range(5):
        via_proxy(aanvaller, "fout", client_adres=AANVALLER)
    assert via_proxy(aanvaller, DEMO_WACHTWOORD, client_adres=AANVALLER).status_code == 429

    # The colleague behind the same proxy is not locked out.
    collega = Client()
    assert via_proxy(collega, DEMO_WACHTWOORD, client_adres=COLLEGA).status_code == 302

    mislukt = BeveiligingsGebeurtenis.objects.filter(soort=Soort.LOGIN_MISLUKT)
    assert set(mislukt.values_list("ip", flat=True)) == {AANVALLER}
    geblokkeerd = BeveiligingsGebeurtenis.objects.filter(soort=Soort.GEBLOKKEERD)
    assert set(geblokkeerd.values_list("ip", flat=True)) == {AANVALLER}
    assert BeveiligingsGebeurtenis.objects.get(soort=Soort.LOGIN).ip == COLLEGA
    assert UserSessie.objects.get(user=inspecteur).ip == COLLEGA


@ACHTER_PROXY
@pytest.mark.django_db
def test_zelf_meegestuurde_kop_kiest_het_adres_niet(inspecteur):
    """The attacker adds the colleague's address to X-Forwarded-For; the proxy appends the real
    one, and that is what counts: the colleague is not locked out."""
    aanvaller = Client()
    for _ in range(6):
        via_proxy(aanvaller, "fout", client_adres=AANVALLER, zelf_meegestuurd=COLLEGA)
    assert set(
        BeveiligingsGebeurtenis.objects.filter(soort=Soort.LOGIN_MISLUKT).values_list(
            "ip", flat=True
        )
    ) == {AANVALLER}
    collega = Client()
    assert via_proxy(collega, DEMO_WACHTWOORD, client_adres=COLLEGA).status_code == 302
