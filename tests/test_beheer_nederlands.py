"""Every admin page speaks Dutch: no English text from Django's, simple-history's, django-otp's
or axes' catalogs is left on a page a beheerder (or a superuser) can open."""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

import pytest
from simple_history.admin import SimpleHistoryAdmin

from tests.conftest import inloggen
from tests.factories import GebruikerFactory

SITE_PACKAGES = Path(admin.__file__).parents[3]
CATALOGI = [
    "django/conf/locale/en/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/en/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
    "django/contrib/auth/locale/en/LC_MESSAGES/django.po",
    # These three ship no Dutch; their German catalog lists their (English) messages.
    "simple_history/locale/de/LC_MESSAGES/django.po",
    "django_otp/locale/de/LC_MESSAGES/django.po",
    "axes/locale/de/LC_MESSAGES/django.po",
]
PLAATSHOUDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")


def _vermeldingen(pad: Path) -> list[dict]:
    """The entries of a .po file: {"msgid": ..., "msgid_plural": ..., "msgstr[0]": ...}."""
    vermeldingen, huidig, soort = [], None, None
    for regel in pad.read_text(encoding="utf-8").splitlines():
        sleutel, _, rest = regel.partition(" ")
        if sleutel == "msgid":
            huidig = {}
            vermeldingen.append(huidig)
        if sleutel in ("msgid", "msgid_plural") or sleutel.startswith("msgstr"):
            soort = sleutel
            huidig[soort] = ast.literal_eval(rest)
        elif regel.startswith('"') and huidig is not None:
            huidig[soort] += ast.literal_eval(regel)
    return [v for v in vermeldingen if v["msgid"]]


def _msgids(pad: Path):
    for v in _vermeldingen(pad):
        yield v["msgid"], v.get("msgid_plural")


# Texts that read the same in Dutch.
OOK_NEDERLANDS = {"HTTP Accept"}


def engelse_zinnen() -> set[str]:
    """The multi-word English texts of those catalogs: a Dutch page shows none of them."""
    zinnen = set()
    for catalogus in CATALOGI:
        for msgid, meervoud in _msgids(SITE_PACKAGES / catalogus):
            for tekst in filter(None, (msgid, meervoud)):
                for stuk in PLAATSHOUDER.split(tekst):
                    stuk = stuk.strip(" .:,“”\"'")
                    if len(stuk.split()) >= 2 and len(stuk) >= 8:
                        zinnen.add(stuk)
    return zinnen - OOK_NEDERLANDS


class _Zichtbaar(HTMLParser):
    """The text a user sees or hears: text nodes and the labels in attributes."""

    ATTRIBUTEN = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.delen, self._verborgen = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._verborgen += 1
        attrs = dict(attrs)
        self.delen += [attrs[a] for a in self.ATTRIBUTEN if attrs.get(a)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.delen.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._verborgen -= 1

    def handle_data(self, data):
        if not self._verborgen:
            self.delen.append(data)


def zichtbare_tekst(html: str) -> str:
    parser = _Zichtbaar()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.delen))


def _beheerpaginas(client) -> list[str]:
    paginas = [reverse("admin:index"), reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        naam = f"admin:{meta.app_label}_{meta.model_name}"
        paginas.append(reverse("admin:app_list", args=[meta.app_label]))
        paginas.append(reverse(f"{naam}_changelist"))
        if model_admin.search_fields:
            paginas.append(reverse(f"{naam}_changelist") + "?q=niets+gevonden")
        paginas.append(reverse(f"{naam}_add"))
        obj = model._default_manager.first()
        if obj is None:
            continue
        paginas.append(reverse(f"{naam}_change", args=[obj.pk]))
        paginas.append(reverse(f"{naam}_history", args=[obj.pk]))
        paginas.append(reverse(f"{naam}_delete", args=[obj.pk]))
        if isinstance(model_admin, SimpleHistoryAdmin) and obj.history.exists():
            versie = obj.history.first().history_id
            paginas.append(reverse(f"{naam}_simple_history", args=[obj.pk, versie]))
    return list(dict.fromkeys(paginas))


@pytest.fixture
def alles_in_de_database(demo):
    """Every admin has something to show: a security event, a session, an axes attempt."""
    from axes.models import AccessAttempt, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from inspecties.beveiliging.models import BeveiligingsGebeurtenis

    BeveiligingsGebeurtenis.objects.create(soort="login", gebruikersnaam="test")
    AccessAttempt.objects.create(username="test", ip_address="127.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="test", ip_address="127.0.0.1")
    return TOTPDevice


@pytest.mark.parametrize("wie", ["beheerder", "superuser"])
def test_elke_beheerpagina_is_nederlands(alles_in_de_database, beheerder, wie):
    gebruiker = beheerder
    if wie == "superuser":
        gebruiker = GebruikerFactory(username="super", is_staff=True, is_superuser=True)
    client = inloggen(Client(), gebruiker)
    zinnen = engelse_zinnen()
    assert {"Choose all", "Change history", "Please enter your OTP token"} <= zinnen
    fouten = []
    bekeken = 0
    for pad in _beheerpaginas(client):
        antwoord = client.get(pad)
        if antwoord.status_code in (302, 403, 404):  # not for this role: not reachable
            continue
        assert antwoord.status_code == 200, pad
        bekeken += 1
        tekst = zichtbare_tekst(antwoord.content.decode())
        engels = sorted(z for z in zinnen if z in tekst)
        if engels:
            fouten.append(f"{pad}: {engels}")
        if "Django" in tekst:
            fouten.append(f"{pad}: noemt Django")
    assert not fouten, "\n".join(fouten)
    assert bekeken > 40


def test_de_inlogpagina_van_het_beheer_is_nederlands(db):
    antwoord = Client().get(reverse("admin:login"), follow=True)
    tekst = zichtbare_tekst(antwoord.content.decode())
    assert antwoord.status_code == 200 and "Wachtwoord" in tekst
    assert not [z for z in engelse_zinnen() if z in tekst]


@pytest.mark.parametrize("wie", ["beheerder", "superuser"])
def test_rechten_heten_nederlands(demo, beheerder, wie):
    """Django stores permission names in English; the admin lists them as stored."""
    from django.contrib.auth.models import Group

    gebruiker = beheerder
    if wie == "superuser":
        gebruiker = GebruikerFactory(username="super", is_staff=True, is_superuser=True)
    client = inloggen(Client(), gebruiker)
    groep = Group.objects.get(name="beheerder")
    html = client.get(reverse("admin:auth_group_change", args=[groep.pk])).content.decode()
    tekst = zichtbare_tekst(html)
    assert "Kan aanpak toevoegen" in tekst and "Kan onderzoek bekijken" in tekst
    assert "Can " not in tekst


def test_de_vertalingen_zijn_gecompileerd():
    """The committed .mo files hold what the .po files say (`manage.py compilemessages` ran)."""
    gecontroleerd = 0
    for po in Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/*.po"):
        with po.with_suffix(".mo").open("rb") as mo:
            catalogus = gettext.GNUTranslations(mo)
        for v in _vermeldingen(po):
            if "msgid_plural" in v:
                for n, vorm in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                    assert catalogus.ngettext(v["msgid"], v["msgid_plural"], n) == v[vorm]
            else:
                assert catalogus.gettext(v["msgid"]) == v["msgstr"], f"{po}: {v['msgid']}"
            gecontroleerd += 1
    assert gecontroleerd > 80
