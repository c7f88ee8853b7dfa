"""The inspection calendar: the month view and the proposal list on the demo data, the
personal iCalendar feed (parsed back with icalendar), its revocable token, and the query bound."""

from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from icalendar import Calendar

from inspecties.models import AgendaToken, Onderzoek
from inspecties.planning.selectors import agenda_items, token_hash, voorstellen
from inspecties.planning.services import agenda_token_intrekken, agenda_token_maken
from tests.factories import AanpakFactory, OnderzoekFactory

pytestmark = pytest.mark.django_db


def gepland(inspecteurs, van, tot, gemeente_naam="Plandorp"):
    o = OnderzoekFactory(
        inspecteurs=inspecteurs, aanpak=AanpakFactory(gemeente__naam=gemeente_naam)
    )
    Onderzoek.objects.filter(pk=o.pk).update(gepland_van=van, gepland_tot=tot)
    o.refresh_from_db()
    return o


def feed(client, token):
    return client.get(reverse("planning:feed"), {"sleutel": token})


def events(antwoord):
    agenda = Calendar.from_ical(antwoord.content)
    return {str(e["UID"]): e for e in agenda.walk("VEVENT")}


# --- The feed -----------------------------------------------------------------------------------


def test_ics_wordt_teruggelezen(kaders, inspecteur, client):
    inspecteur.first_name, inspecteur.last_name = "Ina", "Spectie"
    inspecteur.save()
    o = gepland([inspecteur], date(2026, 3, 2), date(2026, 3, 6))
    Onderzoek.objects.filter(pk=o.pk).update(presentatiedatum=date(2026, 4, 1))
    token = agenda_token_maken(door=inspecteur)
    antwoord = feed(client, token)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/calendar")
    agenda = Calendar.from_ical(antwoord.content)
    assert str(agenda["VERSION"]) == "2.0"
    assert "Ina Spectie" in str(agenda["X-WR-CALNAME"])
    gevonden = events(antwoord)
    assert set(gevonden) == {f"onderzoek-{o.pk}@testserver", f"presentatie-{o.pk}@testserver"}
    periode = gevonden[f"onderzoek-{o.pk}@testserver"]
    assert periode.decoded("DTSTART") == date(2026, 3, 2)
    assert periode.decoded("DTEND") == date(2026, 3, 7)  # exclusive end: through 6 March
    assert "Plandorp" in str(periode["SUMMARY"])
    assert "Ina Spectie" in str(periode["DESCRIPTION"])
    assert str(periode["URL"]) == f"http://testserver/onderzoeken/{o.pk}/"


def test_feed_toont_nooit_items_van_een_ander(kaders, inspecteur, tweede_inspecteur, client):
    eigen = gepland([inspecteur], date(2026, 3, 2), date(2026, 3, 6), "Eigendorp")
    samen = gepland([inspecteur, tweede_inspecteur], date(2026, 5, 4), None, "Samendorp")
    ander = gepland([tweede_inspecteur], date(2026, 3, 2), date(2026, 3, 6), "Anderdorp")
    Onderzoek.objects.filter(pk=ander.pk).update(presentatiedatum=date(2026, 3, 9))
    mijn = events(feed(client, agenda_token_maken(door=inspecteur)))
    van_ander = events(feed(client, agenda_token_maken(door=tweede_inspecteur)))
    assert {k.split("@")[0] for k in mijn} == {f"onderzoek-{eigen.pk}", f"onderzoek-{samen.pk}"}
    assert {k.split("@")[0] for k in van_ander} == {
        f"onderzoek-{samen.pk}",
        f"onderzoek-{ander.pk}",
        f"presentatie-{ander.pk}",
    }
    assert not any("Anderdorp" in str(e["SUMMARY"]) for e in mijn.values())


def test_zonder_sleutel_404(kaders, inspecteur, client):
    agenda_token_maken(door=inspecteur)
    assert client.get(reverse("planning:feed")).status_code == 404


def test_ingetrokken_token_geeft_404(kaders, inspecteur, client):
    token = agenda_token_maken(door=inspecteur)
    assert feed(client, token).status_code == 200
    assert agenda_token_intrekken(door=inspecteur) is True
    assert feed(client, token).status_code == 404
    assert agenda_token_intrekken(door=inspecteur) is False


def test_nieuwe_token_maakt_de_oude_ongeldig(kaders, inspecteur, client):
    """A double submit of 'make': one token per user, the last one works."""
    eerste = agenda_token_maken(door=inspecteur)
    tweede = agenda_token_maken(door=inspecteur)
    assert eerste != tweede
    assert AgendaToken.objects.filter(gebruiker=inspecteur).count() == 1
    assert feed(client, eerste).status_code == 404
    assert feed(client, tweede).status_code == 200


@pytest.mark.parametrize("token", ["", "onbekend", "a" * 43, "x" * 250, "'; drop table--"])
def test_onbekende_token_geeft_404(kaders, inspecteur, client, token):
    agenda_token_maken(door=inspecteur)
    assert feed(client, token).status_code == 404


def test_token_is_lang_en_alleen_als_hash_bewaard(kaders, inspecteur):
    token = agenda_token_maken(door=inspecteur)
    assert len(token) >= 43  # 32 random bytes, base64
    opgeslagen = AgendaToken.objects.get(gebruiker=inspecteur).sleutel_hash
    assert opgeslagen == token_hash(token) and token not in opgeslagen


def test_wie_geen_inspecteur_meer_is_heeft_geen_feed(kaders, inspecteur, client):
    token = agenda_token_maken(door=inspecteur)
    inspecteur.groups.remove(Group.objects.get(name="inspecteur"))
    assert feed(client, token).status_code == 404


# --- The token page -----------------------------------------------------------------------------


def test_agendalink_maken_en_intrekken(kaders, inspecteur, client_als):
    client = client_als(inspecteur)
    url = reverse("planning:agenda_link")
    assert "nog geen agendalink" in client.get(url).content.decode()
    html = client.post(url, {"actie": "maken"}).content.decode()
    assert "/planning/agenda.ics?sleutel=" in html
    token = html.split("/planning/agenda.ics?sleutel=")[1].split('"')[0]
    assert AgendaToken.objects.get(gebruiker=inspecteur).sleutel_hash == token_hash(token)
    assert "actieve agendalink" in client.get(url).content.decode()
    html = client.post(url, {"actie": "intrekken"}, follow=True).content.decode()
    assert "ingetrokken" in html
    assert not AgendaToken.objects.filter(gebruiker=inspecteur).exists()


def test_ongeldige_actie_verandert_niets(kaders, inspecteur, client_als):
    client = client_als(inspecteur)
    agenda_token_maken(door=inspecteur)
    client.post(reverse("planning:agenda_link"), {"actie": "<script>"})
    assert AgendaToken.objects.filter(gebruiker=inspecteur).exists()


# --- The month view and the proposals on the demo data -------------------------------------------


def test_kalender_februari_2015_toont_de_presentatie_van_oosterhout(demo, client_als, medewerker):
    html = client_als(medewerker).get(reverse("planning:kalender"), {"jaar": 2015, "maand": 2})
    tekst = html.content.decode()
    assert html.status_code == 200
    assert "februari 2015" in tekst.lower()
    assert 'data-soort="presentatie"' in tekst and "Oosterhout" in tekst
    assert "?jaar=2015&amp;maand=1" in tekst and "?jaar=2015&amp;maand=3" in tekst


def test_kalender_voortgangsdeadlines(demo):
    items = agenda_items(van=date(2014, 11, 1), tot=date(2014, 12, 31))
    assert [(i.soort, i.van, i.onderzoek.aanpak.gemeente.naam) for i in items] == [
        ("voortgang", date(2014, 11, 1), "Gouda"),
        ("voortgang", date(2014, 12, 1), "Oosterhout"),
    ]


def test_kalender_ongeldige_maand_geeft_nederlandse_melding(demo, client_als, inspecteur):
    html = client_als(inspecteur).get(reverse("planning:kalender"), {"jaar": 2015, "maand": 13})
    assert html.status_code == 200
    assert "Deze maand bestaat niet" in html.content.decode()


def test_voorstellen_op_de_demo(demo):
    lijst = {
        (v.onderzoek.aanpak.gemeente.naam, v.onderzoek.jaar): v.redenen
        for v in voorstellen(vandaag=date(2026, 1, 1))
    }
    assert lijst[("Gouda", 2013)] == [
        "Vervolgonderzoek aan de beurt sinds 01-11-2014",
        "Voortgangsrapportage te laat (uiterlijk 01-11-2014)",
    ]
    # Oosterhout 2013 had its follow-up: nothing; the follow-up left two X.
    assert ("Oosterhout", 2013) not in lijst
    assert lijst[("Oosterhout", 2014)] == [
        "Vervolgonderzoek aan de beurt sinds 01-06-2016",
        "Voortgangsrapportage te laat (uiterlijk 01-06-2016)",
    ]
    assert "Voortgangsrapportage te laat (uiterlijk 01-05-2017)" in lijst[("Bergen op Zoom", 2017)]
    boz = agenda_items(van=date(2017, 5, 1), tot=date(2017, 5, 1))
    assert [i.label for i in boz] == ["Verbeterplan uiterlijk"]
    # Before any due date, nobody is proposed.
    assert voorstellen(vandaag=date(2013, 12, 31)) == []


def test_gemeente_kan_niet_bij_de_planning(kaders, client_als):
    from inspecties.beveiliging.rollen import Rol
    from tests.factories import GemeenteFactory, gebruiker

    g = gebruiker(Rol.GEMEENTE, username="gem_plan", gemeenten=[GemeenteFactory()])
    client = client_als(g)
    for naam in ("planning:kalender", "planning:agenda_link", "ontwikkeling:index"):
        assert client.get(reverse(naam)).status_code == 403


def test_kalender_aantal_queries_groeit_niet(
    kaders, inspecteur, client_als, django_assert_max_num_queries
):
    client = client_als(inspecteur)
    url = reverse("planning:kalender")
    params = {"jaar": 2026, "maand": 3}
    gepland([inspecteur], date(2026, 3, 2), date(2026, 3, 3))
    with django_assert_max_num_queries(20) as weinig:
        client.get(url, params)
    for i in range(12):
        gepland([inspecteur], date(2026, 3, 1) + timedelta(days=i), None, f"Dorp {i}")
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        tekst = client.get(url, params).content.decode()
    assert tekst.count('data-soort="onderzoek"') >= 2 * 13  # grid and list


def test_geplande_periode_op_de_scorepagina_opslaan(kaders, inspecteur, client_als):
    """The planned period is typed on the study's page; an end before the start is refused in
    Dutch and what was typed stays."""
    o = OnderzoekFactory(inspecteurs=[inspecteur])
    client = client_als(inspecteur)
    url = reverse("inspecties:teksten_opslaan", args=[o.pk])
    fout = client.post(
        url, {"versie": o.versie, "gepland_van": "2026-03-09", "gepland_tot": "2026-03-02"}
    )
    assert fout.status_code == 400
    tekst = fout.content.decode()
    assert "De geplande einddatum ligt vóór de begindatum." in tekst and "2026-03-09" in tekst
    client.post(url, {"versie": o.versie, "gepland_van": "2026-03-02", "gepland_tot": "2026-03-06"})
    o.refresh_from_db()
    assert (o.gepland_van, o.gepland_tot) == (date(2026, 3, 2), date(2026, 3, 6))


def test_feed_aantal_queries_groeit_niet(kaders, inspecteur, client, django_assert_max_num_queries):
    token = agenda_token_maken(door=inspecteur)
    gepland([inspecteur], date(2026, 3, 2), None)
    with django_assert_max_num_queries(5) as weinig:
        feed(client, token)
    for i in range(10):
        gepland([inspecteur], date(2026, 4, 1) + timedelta(days=i), None, f"Dorp {i}")
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert len(events(feed(client, token))) == 11
