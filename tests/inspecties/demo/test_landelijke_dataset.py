"""The national-scale data set generator (issue 16): its data follow the application's rules."""

import hashlib
import io
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

import pytest
from pypdf import PdfReader

from gemeenten.models import Gemeente
from inspecties.beveiliging.rollen import Rol, heeft_rol
from inspecties.demo.laden import demo_cbs_codes
from inspecties.demo.landelijk import (
    AFGEROND,
    LandelijkeDatasetFout,
    cbs_codes,
    concept_beleidstoets_maken,
    gemeente_plan,
    gemeentenaam,
    klein_pdf,
    landelijke_dataset_maken,
)
from inspecties.models import Beoordeling, Bevinding, Onderzoek, Voortgangsrapportage
from inspecties.onderzoeken.selectors import ontbrekend
from inspecties.onderzoeken.services import vorig_onderzoek_toegestaan
from inspecties.portaal.selectors import portaal_onderzoeken
from inspecties.voortgang.uploads import PDF, bestandstype_herkennen
from rapporten.models import GepubliceerdRapport

Status = Onderzoek.Status
KETEN = [Status.CONCEPT, Status.TER_REVIEW, Status.VASTGESTELD, Status.GEPUBLICEERD]


def maken(**kwargs):
    return landelijke_dataset_maken(
        **{"gemeenten": 3, "jaren": 5, "eerste_jaar": 2020, "inspecteurs": 4, **kwargs}
    )


# --- Pure parts ---------------------------------------------------------------------------


def test_cbs_codes_zijn_geldig_uniek_en_botsen_niet_met_echte_of_demo_codes():
    codes = cbs_codes(aantal=342)
    assert len(set(codes)) == 342
    assert codes[0] == "GM2001" and codes[-1] == "GM2342"
    assert not set(codes) & demo_cbs_codes()
    assert len({gemeentenaam(int(c[2:])) for c in codes}) == 342


@pytest.mark.parametrize("aantal, eerste", [(0, 2001), (10, 1999), (10, 8995), (7000, 2001)])
def test_cbs_codes_buiten_het_eigen_bereik_worden_geweigerd(aantal, eerste):
    with pytest.raises(LandelijkeDatasetFout, match="nummers van 2001"):
        cbs_codes(aantal=aantal, eerste_nummer=eerste)


def test_plan_volgt_alleen_een_goedgekeurde_beleidstoets_op():
    for seed in range(300):
        rng = random.Random(seed)
        plan = gemeente_plan(
            rng, eerste_jaar=2020, jaren=rng.randint(1, 7), aanpakken=2, opvolger=seed % 2 == 0
        )
        for stap in plan:
            if stap.soort == Onderzoek.Soort.VERVOLGONDERZOEK:
                vorig = plan[stap.vervolg_op]
                assert vorig.soort == Onderzoek.Soort.BELEIDSTOETS
                assert vorig.status in AFGEROND
                assert vorig.jaar == stap.jaar - 1


def test_klein_pdf_is_een_geldige_pdf_die_de_upload_controle_doorstaat():
    pdf = klein_pdf(["Voortgangsrapportage Noordveen (2024)", "Aanpak: MPG-overleg"])
    assert bestandstype_herkennen(pdf) == PDF
    tekst = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Voortgangsrapportage Noordveen (2024)" in tekst
    assert "Aanpak: MPG-overleg" in tekst


# --- The generated data -------------------------------------------------------------------


def test_maakt_gemeenten_met_vijf_jaar_onderzoeken_in_elke_status(kaders):
    s = maken(gemeenten=6)
    assert s.gemeenten == 6 and s.aantal_onderzoeken == 30
    assert Onderzoek.objects.count() == 30
    assert set(Gemeente.objects.values_list("cbs_code", flat=True)) == set(cbs_codes(aantal=6))
    per_gemeente = Counter(Onderzoek.objects.values_list("aanpak__gemeente__cbs_code", flat=True))
    assert set(per_gemeente.values()) == {5}
    soorten = set(Onderzoek.objects.values_list("soort", flat=True))
    assert {Onderzoek.Soort.BELEIDSTOETS, Onderzoek.Soort.VERVOLGONDERZOEK} <= soorten
    assert Status.GEPUBLICEERD in {st for _, st in s.onderzoeken}
    assert len({st for _, st in s.onderzoeken}) >= 2
    assert s.beoordelingen == Beoordeling.objects.count()
    assert s.bevindingen == Bevinding.objects.count() > 0


def test_vervolgonderzoek_toetst_precies_de_verbeterpunten_van_het_vorige_opnieuw(kaders):
    maken(gemeenten=10)
    vervolgen = Onderzoek.objects.filter(soort=Onderzoek.Soort.VERVOLGONDERZOEK)
    assert vervolgen.count() >= 6
    for o in vervolgen.select_related("vorig_onderzoek", "aanpak"):
        vorig = o.vorig_onderzoek
        x = set(
            vorig.beoordelingen.filter(optie__is_verbeterpunt=True).values_list(
                "indicator__sleutel", flat=True
            )
        )
        assert x, "a beleidstoets with no verbeterpunt has nothing to follow up"
        assert set(o.beoordelingen.values_list("indicator__sleutel", flat=True)) == x
        assert vorig.status in AFGEROND and vorig.jaar == o.jaar - 1
        assert vorig_onderzoek_toegestaan(aanpak=o.aanpak, vorig_onderzoek=vorig)
    # Some follow-ups are on the approach that replaced the one first assessed (as Oosterhout).
    assert any(o.aanpak_id != o.vorig_onderzoek.aanpak_id for o in vervolgen)


def test_wat_verder_is_dan_concept_is_compleet_volgens_de_regels_voor_review(kaders):
    maken(gemeenten=6)
    verder = Onderzoek.objects.exclude(status=Status.CONCEPT)
    assert verder.count() > 20
    for o in verder:
        assert ontbrekend(onderzoek=o) == [], o
    gepubliceerd = Onderzoek.objects.gepubliceerd()
    assert not gepubliceerd.filter(publicatiedatum__isnull=True).exists()
    assert not gepubliceerd.filter(voortgang_deadline__isnull=True).exists()
    assert (
        not verder.exclude(soort=Onderzoek.Soort.TOEZICHTONDERZOEK)
        .filter(beoordelingen__bevinding__isnull=True)
        .exists()
    )


def test_statushistorie_loopt_stap_voor_stap_met_een_tweede_inspecteur_die_vaststelt(kaders):
    maken(gemeenten=6)
    for o in Onderzoek.objects.prefetch_related("statuswijzigingen", "inspecteurs"):
        wijzigingen = list(o.statuswijzigingen.order_by("op", "id"))
        verwacht = KETEN[: KETEN.index(o.status) + 1]
        assert [(w.van, w.naar) for w in wijzigingen] == list(
            zip(verwacht, verwacht[1:], strict=False)
        )
        assert o.versie == 1 + len(wijzigingen)
        assert [w.op for w in wijzigingen] == sorted(w.op for w in wijzigingen)
        assert all(w.op.year == o.jaar for w in wijzigingen)
        inspecteurs = set(o.inspecteurs.all())
        assert len(inspecteurs) == 2 and all(w.door in inspecteurs for w in wijzigingen)
        if len(wijzigingen) >= 2:
            assert wijzigingen[1].door != wijzigingen[0].door
        if o.status == Status.GEPUBLICEERD:
            assert timezone.localdate(wijzigingen[-1].op) == o.publicatiedatum


def test_scores_en_bevindingen_hebben_historie_zoals_na_opslaan_in_de_app(kaders):
    maken(gemeenten=3)
    gescoord = Beoordeling.objects.filter(optie__isnull=False)
    assert gescoord.exists()
    for b in gescoord:
        laatste = b.history.order_by("-history_id").first()
        assert (laatste.history_type, laatste.optie_id, laatste.bevinding_id) == (
            "~",
            b.optie_id,
            b.bevinding_id,
        )
        assert b.versie == 2
    assert Bevinding.history.filter(history_type="+").count() == Bevinding.objects.count()


def test_bevindingen_zijn_soms_gedeeld_door_naburige_indicatoren_en_hebben_soms_let_op(kaders):
    maken(gemeenten=6)
    meervoudig = list(Bevinding.objects.annotate(n=Count("beoordelingen")).filter(n__gt=1))
    assert meervoudig
    for bevinding in meervoudig:
        rijen = list(bevinding.beoordelingen.select_related("indicator"))
        assert len({r.indicator.criterium_id for r in rijen}) == 1
        assert len({r.optie_id for r in rijen}) == 1
    assert Bevinding.objects.exclude(let_op="").exists()


def test_voortgangsrapportages_zijn_leesbare_pdfs_van_de_eigen_gemeente(kaders):
    maken(gemeenten=6)
    rapportages = list(Voortgangsrapportage.objects.select_related("onderzoek__aanpak__gemeente"))
    assert rapportages
    for r in rapportages:
        with r.bestand.open("rb") as f:
            inhoud = f.read()
        assert hashlib.sha256(inhoud).hexdigest() == r.sha256 and len(inhoud) == r.grootte
        assert bestandstype_herkennen(inhoud) == PDF
        gemeente = r.onderzoek.aanpak.gemeente
        assert gemeente.naam in PdfReader(io.BytesIO(inhoud)).pages[0].extract_text()
        assert r.onderzoek.status == Status.GEPUBLICEERD
        assert r.ingediend_door.gemeenten.filter(pk=gemeente.pk).exists()
        assert r.ingediend_op.date() > r.onderzoek.publicatiedatum


def test_gemeentegebruikers_zien_alleen_gepubliceerde_onderzoeken_van_hun_eigen_gemeenten(kaders):
    maken(gemeenten=6)
    User = get_user_model()
    gebruiker = User.objects.get(username="gemeente-gm2001")
    assert heeft_rol(gebruiker, Rol.GEMEENTE) and not heeft_rol(gebruiker, Rol.INSPECTEUR)
    zichtbaar = portaal_onderzoeken(gebruiker=gebruiker)
    assert zichtbaar.exists()
    assert {o.aanpak.gemeente.cbs_code for o in zichtbaar} == {"GM2001"}
    assert all(o.status == Status.GEPUBLICEERD for o in zichtbaar)
    for regio in User.objects.filter(username__startswith="regio-"):
        gemeenten = list(regio.gemeenten.all())
        assert 1 <= len(gemeenten) <= 5 and len({g.provincie for g in gemeenten}) == 1
    inspecteur = User.objects.get(username="landelijk-inspecteur-01")
    assert heeft_rol(inspecteur, Rol.INSPECTEUR) and not inspecteur.gemeenten.exists()


def test_een_tweede_keer_wordt_geweigerd_en_schrijft_niets(kaders):
    maken(gemeenten=2)
    voor = (Gemeente.objects.count(), Onderzoek.objects.count(), Beoordeling.objects.count())
    with pytest.raises(LandelijkeDatasetFout, match="GM2001.*Begin met een lege database"):
        maken(gemeenten=2)
    assert (
        Gemeente.objects.count(),
        Onderzoek.objects.count(),
        Beoordeling.objects.count(),
    ) == voor


def test_naast_de_demo_zonder_botsing(demo):
    s = maken(gemeenten=2)
    assert s.gemeenten == 2
    assert Gemeente.objects.count() == 3 + 2


def test_zonder_toetsingskaders_een_duidelijke_melding(db):
    with pytest.raises(LandelijkeDatasetFout, match="laad_toetsingskader"):
        maken(gemeenten=1)
    assert not Gemeente.objects.exists()


def _gemeente_samengevat(code: str) -> list:
    return [
        (
            o.jaar,
            o.soort,
            o.status,
            o.aanpak.naam,
            [
                (
                    b.indicator.sleutel,
                    b.optie.code if b.optie else None,
                    b.bevinding and b.bevinding.tekst,
                )
                for b in o.beoordelingen.select_related("indicator", "optie", "bevinding").order_by(
                    "indicator__sleutel"
                )
            ],
        )
        for o in Onderzoek.objects.filter(aanpak__gemeente__cbs_code=code).order_by("jaar")
    ]


def test_aanvullen_geeft_dezelfde_gemeenten_als_een_grotere_run(kaders):
    """A small set is the start of a large one: the query-bound tests rely on this."""
    with transaction.atomic():
        maken(gemeenten=4)
        in_een_keer = _gemeente_samengevat("GM2003")
        transaction.set_rollback(True)
    maken(gemeenten=2)
    maken(gemeenten=2, eerste_nummer=2003)
    assert _gemeente_samengevat("GM2003") == in_een_keer
    assert len(in_een_keer) == 5


def test_concept_voor_de_scoringspagina_is_half_af(kaders, inspecteur):
    maken(gemeenten=1)
    aanpak = Gemeente.objects.get(cbs_code="GM2001").aanpakken.first()
    onderzoek = concept_beleidstoets_maken(aanpak=aanpak, jaar=2026, inspecteurs=[inspecteur])
    assert onderzoek.status == Status.CONCEPT and onderzoek.is_bewerkbaar
    assert onderzoek.beoordelingen.count() == 30
    assert (
        onderzoek.beoordelingen.filter(optie__isnull=False, bevinding__isnull=False).count() == 24
    )
    assert list(onderzoek.inspecteurs.all()) == [inspecteur]


def test_bevriezen_legt_de_pdf_van_elk_gepubliceerd_onderzoek_vast(kaders):
    uit = io.StringIO()
    call_command(
        "landelijke_dataset", gemeenten=1, jaren=2, eerste_jaar=2020, bevriezen=True, stdout=uit
    )
    gepubliceerd = Onderzoek.objects.gepubliceerd()
    assert f"{gepubliceerd.count()} PDF's bevroren." in uit.getvalue()
    assert GepubliceerdRapport.objects.count() == gepubliceerd.count() >= 1
    for rapport in GepubliceerdRapport.objects.filter(onderzoek__in=gepubliceerd):
        with rapport.pdf.open("rb") as f:
            assert f.read(5) == b"%PDF-"


def test_commando_meldt_wat_het_maakte_en_weigert_een_tweede_keer(kaders):
    uit = io.StringIO()
    call_command("landelijke_dataset", gemeenten=2, jaren=2, eerste_jaar=2020, stdout=uit)
    assert "2 gemeenten" in uit.getvalue() and "4 onderzoeken" in uit.getvalue()
    with pytest.raises(CommandError, match="GM2001"):
        call_command("landelijke_dataset", gemeenten=2, jaren=2, stdout=io.StringIO())
