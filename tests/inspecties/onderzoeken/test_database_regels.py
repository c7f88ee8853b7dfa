from django.db import IntegrityError, transaction

import pytest

from inspecties.models import Beoordeling, Onderzoek
from inspecties.onderzoeken.services import OnderzoekFout, onderzoek_aanmaken, status_zetten
from tests.factories import AanpakFactory, OnderzoekFactory


@pytest.fixture
def onderzoek(kaders):
    return OnderzoekFactory()


def test_beleidstoets_krijgt_een_lege_beoordeling_per_indicator(onderzoek):
    assert onderzoek.beoordelingen.count() == 30
    assert not onderzoek.beoordelingen.filter(optie__isnull=False).exists()
    assert onderzoek.conclusies.count() == 5


def test_database_weigert_tweede_beoordeling_van_dezelfde_indicator(onderzoek):
    bestaande = onderzoek.beoordelingen.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Beoordeling.objects.create(onderzoek=onderzoek, indicator=bestaande.indicator)
    assert onderzoek.beoordelingen.filter(indicator=bestaande.indicator).count() == 1


def test_database_weigert_schaaloptie_van_een_ander_kader(onderzoek, kaders):
    vreemde_optie = kaders["stelseltoezicht-wijkteams"].schaal.get(code="voldoet")
    beoordeling = onderzoek.beoordelingen.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Beoordeling.objects.filter(pk=beoordeling.pk).update(optie=vreemde_optie)
    beoordeling.refresh_from_db()
    assert beoordeling.optie_id is None


def test_database_weigert_indicator_van_een_ander_kader(onderzoek, kaders):
    vreemde_indicator = kaders["stelseltoezicht-wijkteams"].indicatoren.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Beoordeling.objects.create(onderzoek=onderzoek, indicator=vreemde_indicator)


def test_database_weigert_oordeel_en_niet_getoetst_tegelijk(onderzoek, kaders):
    optie = kaders["ggsr-beleid"].schaal.get(code="voldoet")
    with pytest.raises(IntegrityError), transaction.atomic():
        onderzoek.beoordelingen.filter(pk=onderzoek.beoordelingen.first().pk).update(
            optie=optie, niet_getoetst=True
        )


def publiceren(onderzoek):
    for stap in ("ter_review", "vastgesteld", "gepubliceerd"):
        status_zetten(onderzoek=onderzoek, naar=stap)


def test_database_weigert_vervolg_op_onderzoek_van_een_andere_aanpak(onderzoek, kaders):
    publiceren(onderzoek)
    andere_aanpak = AanpakFactory(gemeente=onderzoek.aanpak.gemeente)
    with pytest.raises(IntegrityError), transaction.atomic():
        Onderzoek.objects.create(
            aanpak=andere_aanpak,
            kader=kaders["ggsr-beleid"],
            soort="vervolgonderzoek",
            jaar=2014,
            vorig_onderzoek=onderzoek,
        )
    with pytest.raises(OnderzoekFout, match="dezelfde aanpak"):
        onderzoek_aanmaken(
            aanpak=andere_aanpak,
            kader=kaders["ggsr-beleid"],
            soort="vervolgonderzoek",
            jaar=2014,
            vorig_onderzoek=onderzoek,
        )


def test_vervolg_op_een_vervangen_aanpak_mag(onderzoek, kaders):
    publiceren(onderzoek)
    opvolger = AanpakFactory(gemeente=onderzoek.aanpak.gemeente)
    opvolger.vervangt.add(onderzoek.aanpak)
    vervolg = onderzoek_aanmaken(
        aanpak=opvolger,
        kader=kaders["ggsr-beleid"],
        soort="vervolgonderzoek",
        jaar=2014,
        vorig_onderzoek=onderzoek,
    )
    assert vervolg.vorig_onderzoek == onderzoek
    # Nothing was scored X, so there is nothing to re-assess.
    assert vervolg.beoordelingen.count() == 0


def test_database_weigert_vervolgonderzoek_zonder_vorig_onderzoek(kaders):
    with pytest.raises(IntegrityError), transaction.atomic():
        Onderzoek.objects.create(
            aanpak=AanpakFactory(), kader=kaders["ggsr-beleid"], soort="vervolgonderzoek", jaar=2014
        )
