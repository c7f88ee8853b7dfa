"""Security-relevant account changes land in the audit log wherever they are made, the admin
included, and only when something changed (issue 12, finding 4)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import pytest
from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.models import TOTPDevice

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.rollen import Rol
from tests.conftest import inloggen
from tests.factories import GemeenteFactory, gebruiker

Soort = BeveiligingsGebeurtenis.Soort
User = get_user_model()


@pytest.fixture
def root(db):
    return gebruiker(Rol.BEHEERDER, username="root", is_staff=True, is_superuser=True)


def wijzig_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def gebruiker_formulier(user, **wijzig) -> dict:
    """The admin's user change form as a browser posts it, with `wijzig` applied."""
    waarden = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": [g.pk for g in user.groups.all()],
        "user_permissions": [p.pk for p in user.user_permissions.all()],
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
        **wijzig,
    }
    data = {k: v for k, v in waarden.items() if not isinstance(v, bool)}
    data.update({k: "on" for k, v in waarden.items() if v is True})
    return data


def nieuwe_regels(voor: int):
    return list(BeveiligingsGebeurtenis.objects.order_by("id")[voor:])


def aantal() -> int:
    return BeveiligingsGebeurtenis.objects.count()


@pytest.mark.django_db
def test_superuser_en_staf_toekennen_in_de_admin_wordt_gelogd(client, root, inspecteur):
    inloggen(client, root)
    voor = aantal()
    response = client.post(
        wijzig_url(inspecteur), gebruiker_formulier(inspecteur, is_staff=True, is_superuser=True)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    inspecteur.refresh_from_db()
    assert inspecteur.is_superuser
    [regel] = nieuwe_regels(voor)
    assert regel.soort == Soort.GEBRUIKER_GEWIJZIGD
    assert regel.gebruiker == root
    assert regel.details == {
        "doel": "insp1",
        "wijzigingen": {"is_staff": [False, True], "is_superuser": [False, True]},
    }


@pytest.mark.django_db
def test_opslaan_zonder_wijziging_logt_niets(client, root, inspecteur):
    inloggen(client, root)
    voor = aantal()
    response = client.post(wijzig_url(inspecteur), gebruiker_formulier(inspecteur))
    assert response.status_code == 302
    assert nieuwe_regels(voor) == []


@pytest.mark.django_db
def test_rollen_wijzigen_in_de_admin_logt_precies_de_wijziging(client, root, inspecteur):
    inloggen(client, root)
    beheerder = Group.objects.get(name=Rol.BEHEERDER)
    inspecteur_groep = Group.objects.get(name=Rol.INSPECTEUR)
    voor = aantal()
    client.post(wijzig_url(inspecteur), gebruiker_formulier(inspecteur, groups=[beheerder.pk]))
    regels = {r.details["actie"]: r for r in nieuwe_regels(voor)}
    assert set(regels) == {"toegevoegd", "verwijderd"}
    assert regels["toegevoegd"].details["rollen"] == ["beheerder"]
    assert regels["verwijderd"].details["rollen"] == ["inspecteur"]
    assert all(r.soort == Soort.ROL_GEWIJZIGD and r.gebruiker == root for r in regels.values())

    # Adding a role someone already has, or clearing an empty set, is no event.
    voor = aantal()
    inspecteur.groups.add(beheerder)
    inspecteur.groups.remove(inspecteur_groep)
    User.objects.create(username="zonder-rol").groups.clear()
    assert [r.soort for r in nieuwe_regels(voor)] == [Soort.GEBRUIKER_AANGEMAAKT]


@pytest.mark.django_db
def test_alle_rollen_wissen_noemt_de_rollen(inspecteur):
    voor = aantal()
    inspecteur.groups.clear()
    [regel] = nieuwe_regels(voor)
    assert regel.details == {"doel": "insp1", "actie": "verwijderd", "rollen": ["inspecteur"]}


@pytest.mark.django_db
def test_gemeente_koppelen_en_ontkoppelen_in_de_admin_en_in_code(client, root):
    gemeente = GemeenteFactory(naam="Gouda")
    ambtenaar = gebruiker(Rol.GEMEENTE, username="ambtenaar")
    inloggen(client, root)
    data = {
        "naam": "Gouda",
        "cbs_code": gemeente.cbs_code,
        "provincie": gemeente.provincie,
        "inwoners": gemeente.inwoners,
        "regio": "",
        "context": "",
        "gebruikers": [ambtenaar.pk],
        "aanpakken-TOTAL_FORMS": 0,
        "aanpakken-INITIAL_FORMS": 0,
        "aanpakken-MIN_NUM_FORMS": 0,
        "aanpakken-MAX_NUM_FORMS": 1000,
    }
    voor = aantal()
    assert client.post(wijzig_url(gemeente), data).status_code == 302
    [regel] = nieuwe_regels(voor)
    assert regel.soort == Soort.GEMEENTE_KOPPELING and regel.gebruiker == root
    assert regel.details == {"doel": "ambtenaar", "actie": "gekoppeld", "gemeenten": ["Gouda"]}

    voor = aantal()
    assert client.post(wijzig_url(gemeente), data).status_code == 302
    assert nieuwe_regels(voor) == []  # saved again unchanged

    voor = aantal()
    ambtenaar.gemeenten.remove(gemeente)  # the other side, outside a request
    [regel] = nieuwe_regels(voor)
    assert regel.details == {"doel": "ambtenaar", "actie": "ontkoppeld", "gemeenten": ["Gouda"]}
    assert regel.gebruiker is None


@pytest.mark.django_db
def test_aanmaken_deactiveren_en_verwijderen_van_een_gebruiker(client, root):
    inloggen(client, root)
    voor = aantal()
    response = client.post(
        reverse("admin:auth_user_add"),
        # One screen to add a person (issue 18): no password, an invitation.
        {
            "first_name": "Nieuw",
            "last_name": "Komer",
            "email": "nieuwkomer@example.org",
            "rol": Rol.MEDEWERKER,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    regels = nieuwe_regels(voor)
    [regel] = [r for r in regels if r.soort == Soort.GEBRUIKER_AANGEMAAKT]
    assert regel.gebruiker == root
    assert regel.details["doel"] == "nieuwkomer@example.org"

    nieuwkomer = User.objects.get(username="nieuwkomer@example.org")
    voor = aantal()
    client.post(wijzig_url(nieuwkomer), gebruiker_formulier(nieuwkomer, is_active=False))
    [regel] = nieuwe_regels(voor)
    assert regel.details["wijzigingen"] == {"is_active": [True, False]}

    nieuwkomer.groups.add(Group.objects.get(name=Rol.GEMEENTE))
    voor = aantal()
    response = client.post(reverse("admin:auth_user_delete", args=[nieuwkomer.pk]), {"post": "yes"})
    assert response.status_code == 302
    verwijderd = BeveiligingsGebeurtenis.objects.get(soort=Soort.GEBRUIKER_VERWIJDERD)
    assert verwijderd.gebruiker == root
    assert verwijderd.details["doel"] == "nieuwkomer@example.org"
    assert verwijderd.details["rollen"] == ["gemeente", "medewerker"]


@pytest.mark.django_db
def test_wachtwoord_instellen_door_beheerder_wordt_gelogd(client, root, inspecteur):
    inloggen(client, root)
    url = reverse("admin:auth_user_password_change", args=[inspecteur.pk])
    response = client.post(
        url,
        {
            "password1": "nieuw-Wachtwoord-voor-insp",
            "password2": "nieuw-Wachtwoord-voor-insp",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    regel = BeveiligingsGebeurtenis.objects.get(soort=Soort.WACHTWOORD_INGESTELD)
    assert regel.gebruiker == root and regel.details == {"doel": "insp1"}
    assert "nieuw-Wachtwoord" not in str(regel.details)


@pytest.mark.django_db
def test_tweede_factor_verwijderen_in_de_admin_wordt_gelogd(client, root, inspecteur):
    apparaat = TOTPDevice.objects.create(user=inspecteur, name="Telefoon", confirmed=True)
    inloggen(client, root)
    # The secret is never shown in the admin.
    pagina = client.get(wijzig_url(apparaat)).content.decode()
    assert apparaat.key not in pagina
    url = reverse("admin:otp_totp_totpdevice_delete", args=[apparaat.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    regel = BeveiligingsGebeurtenis.objects.get(soort=Soort.TWEEDE_FACTOR_VERWIJDERD)
    assert regel.gebruiker == root
    assert regel.details == {"doel": "insp1", "apparaat": "Telefoon", "via": "beheer"}


@pytest.mark.django_db
def test_blokkade_opheffen_in_de_admin_wordt_gelogd(client, root):
    poging = AccessAttempt.objects.create(
        username="insp1",
        ip_address="203.0.113.9",
        user_agent="test",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/inloggen/",
    )
    inloggen(client, root)
    url = reverse("admin:axes_accessattempt_delete", args=[poging.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    regel = BeveiligingsGebeurtenis.objects.get(soort=Soort.BLOKKADE_OPGEHEVEN)
    assert regel.gebruiker == root
    assert regel.details == {"doel": "insp1", "adres": "203.0.113.9", "mislukt": 5}


@pytest.mark.django_db
def test_permissies_van_een_groep_wijzigen_wordt_gelogd(root):
    groep = Group.objects.get(name=Rol.GEMEENTE)
    recht = Permission.objects.get(codename="view_totpdevice")
    voor = aantal()
    groep.permissions.add(recht)
    groep.permissions.add(recht)  # again: no change
    [regel] = nieuwe_regels(voor)
    assert regel.soort == Soort.RECHTEN_GEWIJZIGD
    assert regel.details == {
        "groep": "gemeente",
        "actie": "toegevoegd",
        "rechten": ["otp_totp.view_totpdevice"],
    }


@pytest.mark.django_db
def test_beheerder_kan_zichzelf_geen_superuser_maken(client, beheerder):
    inloggen(client, beheerder)
    recht = Permission.objects.get(codename="view_totpdevice")
    response = client.post(
        wijzig_url(beheerder),
        gebruiker_formulier(beheerder, is_superuser=True, user_permissions=[recht.pk]),
    )
    assert response.status_code == 302
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    assert not beheerder.user_permissions.exists()


@pytest.mark.django_db
def test_beheerder_kan_het_account_van_een_superuser_niet_wijzigen(client, beheerder, root):
    inloggen(client, beheerder)
    # Viewing is allowed (read-only); changing is not.
    response = client.post(wijzig_url(root), gebruiker_formulier(root, email="x@example.org"))
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.email != "x@example.org"
    url = reverse("admin:auth_user_password_change", args=[root.pk])
    response = client.post(
        url, {"password1": "overgenomen-Wachtwoord-1", "password2": "overgenomen-Wachtwoord-1"}
    )
    assert response.status_code == 403
    root.refresh_from_db()
    assert not root.check_password("overgenomen-Wachtwoord-1")
