"""One screen to add a person (issue 18, item 8): name, e-mail, role and gemeente; an invitation
with a link to choose a password; the user list shows role and gemeente."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

import pytest

from inspecties.beveiliging.rollen import Rol, rollen_van
from tests.conftest import inloggen
from tests.factories import GemeenteFactory

User = get_user_model()
TOEVOEGEN = "admin:auth_user_add"


def gegevens(**extra):
    return {
        "first_name": "Greet",
        "last_name": "Gemeentelijk",
        "email": "Greet@Gouda.example",
        "rol": Rol.GEMEENTE,
        **extra,
    }


def test_beheerder_voegt_een_gemeentegebruiker_toe_die_zelf_een_wachtwoord_kiest(client, beheerder):
    gouda = GemeenteFactory(naam="Gouda-test")
    inloggen(client, beheerder)
    formulier = client.get(reverse(TOEVOEGEN)).content.decode()
    assert 'name="password1"' not in formulier and 'name="rol"' in formulier
    antwoord = client.post(reverse(TOEVOEGEN), gegevens(gemeente=gouda.pk))
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    nieuw = User.objects.get(email="greet@gouda.example")
    assert nieuw.username == "greet@gouda.example" and not nieuw.has_usable_password()
    assert rollen_van(nieuw) == {Rol.GEMEENTE} and list(nieuw.gemeenten.all()) == [gouda]
    assert not nieuw.is_staff
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["greet@gouda.example"]
    link = re.search(r"https?://\S+/account/wachtwoord-instellen/\S+/", mail.outbox[0].body)
    assert link

    lijst = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "Gemeente" in lijst and "Gouda-test" in lijst and "Greet Gemeentelijk" in lijst

    # The person follows the link and chooses a password; the link then no longer works.
    client.logout()
    pad = link.group(0).split("://", 1)[1].split("/", 1)[1]
    pagina = client.get("/" + pad, follow=True)
    assert pagina.status_code == 200 and "Wachtwoord instellen" in pagina.content.decode()
    antwoord = client.post(
        pagina.redirect_chain[-1][0] if pagina.redirect_chain else "/" + pad,
        {"new_password1": "Een-lang-wachtwoord-42", "new_password2": "Een-lang-wachtwoord-42"},
    )
    assert antwoord.status_code == 302
    nieuw.refresh_from_db()
    assert nieuw.check_password("Een-lang-wachtwoord-42")
    opnieuw = client.get("/" + pad, follow=True).content.decode()
    assert 'data-testid="ongeldige-link"' in opnieuw


@pytest.mark.parametrize(
    ("extra", "fout"),
    [
        ({"rol": Rol.GEMEENTE}, "Kies de gemeente"),
        ({"rol": Rol.INSPECTEUR, "gemeente": "GOUDA"}, "Alleen een gemeentegebruiker"),
        ({"email": "beheer@example.org"}, "al een gebruiker met dit e-mailadres"),
        ({"email": "geen-adres"}, "geldig e-mailadres"),
        ({"first_name": ""}, "verplicht"),
    ],
)
def test_fouten_staan_bij_het_veld_en_niets_gaat_verloren(client, beheerder, extra, fout):
    gouda = GemeenteFactory(naam="Gouda-test")
    User.objects.create_user("iemand", email="beheer@example.org")
    if extra.get("gemeente") == "GOUDA":
        extra["gemeente"] = gouda.pk
    inloggen(client, beheerder)
    antwoord = client.post(reverse(TOEVOEGEN), gegevens(**extra))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and fout in html
    assert "Gemeentelijk" in html  # what was typed is still there
    assert not mail.outbox


def test_dubbel_verzonden_toevoegen_geeft_een_gebruiker(client, beheerder):
    gouda = GemeenteFactory(naam="Gouda-test")
    inloggen(client, beheerder)
    client.post(reverse(TOEVOEGEN), gegevens(gemeente=gouda.pk))
    tweede = client.post(reverse(TOEVOEGEN), gegevens(gemeente=gouda.pk))
    assert tweede.status_code == 200 and "al een gebruiker" in tweede.content.decode()
    assert User.objects.filter(email="greet@gouda.example").count() == 1
    assert len(mail.outbox) == 1


def test_een_niet_beheerder_kan_niemand_toevoegen(client, inspecteur):
    inloggen(client, inspecteur)
    assert client.get(reverse(TOEVOEGEN)).status_code in (302, 403)


def test_uitnodiging_opnieuw_alleen_voor_wie_nog_geen_wachtwoord_heeft(client, beheerder):
    zonder = User.objects.create_user("a@example.org", email="a@example.org")
    zonder.set_unusable_password()
    zonder.save()
    User.objects.create_user("b@example.org", email="b@example.org", password="Iets-langs-123")
    inloggen(client, beheerder)
    client.post(
        reverse("admin:auth_user_changelist"),
        {
            "action": "uitnodiging_opnieuw",
            "_selected_action": list(
                User.objects.filter(email__endswith="example.org").values_list("pk", flat=True)
            ),
        },
    )
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
