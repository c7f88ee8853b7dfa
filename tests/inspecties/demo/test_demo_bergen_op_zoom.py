from datetime import date

from django.core.management import call_command

from gemeenten.models import Gemeente
from inspecties.demo import laden as demo_module
from inspecties.models import Beoordeling, Hoofdstuk, Onderzoek
from inspecties.regels.onderzoeksrapport import bronnen_lezen, ontbrekend_in_rapport


def test_bergen_op_zoom_is_een_gepubliceerd_toezichtonderzoek(demo):
    o = demo[("Bergen op Zoom", 2017)]
    assert o.soort == Onderzoek.Soort.TOEZICHTONDERZOEK
    assert o.status == Onderzoek.Status.GEPUBLICEERD
    assert o.kader.sleutel == "stelseltoezicht-wijkteams"
    assert o.aanpak.gemeente.cbs_code == "GM0748"
    assert o.titel == "Toezicht wijkteams: Zorg en Ondersteuning aan kwetsbare gezinnen"
    assert "nog niet voldoende" in o.oordeel
    assert o.voortgang_deadline == date(2017, 5, 1)
    assert o.publicatiedatum == date(2017, 3, 1)
    assert "bevlogen" in o.kansen
    assert "Ruimte tussen visie, beleid en praktijk" in o.samenvatting
    assert "Leeswijzer" in o.inleiding
    assert "Centrum voor Jeugd en Gezin" in o.aanpak_beschrijving


def test_bergen_op_zoom_heeft_drie_hoofdstukken_op_volgorde(demo):
    o = demo[("Bergen op Zoom", 2017)]
    hoofdstukken = list(o.hoofdstukken.order_by("volgorde"))
    assert [(h.volgorde, h.titel) for h in hoofdstukken] == [
        (1, "Eén Gezin, één plan, één regisseur"),
        (2, "één gezin, Eén Plan, één regisseur"),
        (3, "één gezin, één plan, Eén Regisseur"),
    ]
    for h in hoofdstukken:
        for veld in (
            "verwachting",
            "beleid",
            "bevindingen",
            "risicos",
            "verklaringen",
            "conclusie",
        ):
            assert getattr(h, veld).strip(), f"{h.titel}: {veld} is leeg"
    # A sentence split by a page break in the source is joined again.
    assert "relationele of gezondheidssituatie" in hoofdstukken[0].bevindingen


def test_bergen_op_zoom_bronnen_zoals_bijlage_2(demo):
    bronnen = bronnen_lezen(demo[("Bergen op Zoom", 2017)].bronnen)
    # Bijlage 2 lists 15 lines; together they are 30 people.
    assert len(bronnen) == 15
    assert sum(b.aantal for b in bronnen) == 30
    assert bronnen[0].aantal == 1 and bronnen[0].wie == "Teamleider CJG"
    assert (bronnen[1].aantal, bronnen[1].wie) == (
        9,
        "jeugdprofessionals CJG met verschillende achtergrond",
    )
    assert bronnen[-1].wie == "Manager zorg- en veiligheidshuis"


def test_bergen_op_zoom_rapport_is_compleet(demo):
    o = demo[("Bergen op Zoom", 2017)]
    teksten = {veld: getattr(o, veld) for veld in ("samenvatting", "oordeel", "bronnen")}
    teksten["voortgang_deadline"] = o.voortgang_deadline
    hoofdstukken = o.hoofdstukken.values("titel", "bevindingen", "conclusie")
    assert ontbrekend_in_rapport(teksten=teksten, hoofdstukken=hoofdstukken) == []


def test_bergen_op_zoom_scoort_geen_indicatoren(demo):
    o = demo[("Bergen op Zoom", 2017)]
    # The scope is the whole framework, like a beleidstoets, but the report scores nothing.
    assert o.beoordelingen.count() == o.kader.indicatoren.count()
    assert not o.beoordelingen.filter(optie__isnull=False).exists()
    assert not o.bevindingen.exists()


def test_bergen_op_zoom_twee_keer_laden_verandert_niets(demo):
    aantallen = (
        Gemeente.objects.count(),
        Onderzoek.objects.count(),
        Hoofdstuk.objects.count(),
        Beoordeling.objects.count(),
    )
    assert demo_module.demo_laden() is None
    call_command("laad_demo")
    assert (
        Gemeente.objects.count(),
        Onderzoek.objects.count(),
        Hoofdstuk.objects.count(),
        Beoordeling.objects.count(),
    ) == aantallen
    assert Hoofdstuk.objects.count() == 3


def test_een_nieuw_demobestand_wordt_aan_een_bestaande_demo_toegevoegd(kaders, monkeypatch):
    alle = demo_module.demo_bestanden()
    # A database loaded before the Bergen op Zoom file existed.
    monkeypatch.setattr(
        demo_module, "demo_bestanden", lambda: [p for p in alle if "bergen-op-zoom" not in p.name]
    )
    eerder = {o.pk for o in demo_module.demo_laden()}
    assert len(eerder) == 3
    monkeypatch.setattr(demo_module, "demo_bestanden", lambda: alle)
    geladen = demo_module.demo_laden()
    assert [(o.aanpak.gemeente.naam, o.jaar) for o in geladen] == [("Bergen op Zoom", 2017)]
    assert set(Onderzoek.objects.values_list("pk", flat=True)) == eerder | {geladen[0].pk}
    assert demo_module.demo_laden() is None
    assert (
        Gemeente.objects.get(cbs_code="GM0748").gebruikers.filter(username="bergenopzoom").exists()
    )


def test_demo_gebruiker_voor_bergen_op_zoom(demo):
    from django.contrib.auth import get_user_model

    gebruiker = get_user_model().objects.get(username="bergenopzoom")
    assert set(gebruiker.groups.values_list("name", flat=True)) == {"gemeente"}
    assert list(Gemeente.objects.voor_gebruiker(gebruiker)) == [
        Gemeente.objects.get(cbs_code="GM0748")
    ]
