"""The Django admin: every model of the project is there, and a beheerder can open it."""

from django.apps import apps
from django.contrib import admin
from django.urls import reverse

import pytest

from rapporten.services import rapport_bevriezen
from tests.conftest import inloggen

EIGEN_APPS = ("gemeenten", "toetsingskader", "inspecties", "beveiliging", "rapporten")


def eigen_modellen():
    for label in EIGEN_APPS:
        for model in apps.get_app_config(label).get_models():
            # simple_history's Historical* tables are shown through each model's history page.
            if not model.__name__.startswith("Historical"):
                yield model


def test_elk_model_staat_in_de_admin_zelf_of_als_inline():
    als_inline = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    ontbrekend = [
        m.__name__
        for m in eigen_modellen()
        if not admin.site.is_registered(m) and m not in als_inline
    ]
    assert not ontbrekend, f"Niet in de admin: {ontbrekend}"


def test_beheerder_opent_lijst_en_detail_van_elk_geregistreerd_model(demo, client, beheerder):
    rapport_bevriezen(onderzoek=demo[("Gouda", 2013)])  # a GepubliceerdRapport to open
    inloggen(client, beheerder)
    geopend = []
    for model in eigen_modellen():
        if not admin.site.is_registered(model):
            continue
        meta = model._meta
        lijst = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert lijst.status_code == 200, meta.label
        obj = model.objects.first()
        if obj is not None:
            detail = client.get(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            )
            assert detail.status_code == 200, meta.label
            geopend.append(meta.model_name)
    assert {"gemeente", "toetsingskader", "onderzoek", "gepubliceerdrapport"} <= set(geopend)


@pytest.mark.django_db
def test_gemeente_gebruiker_komt_niet_in_de_admin(client, kaders):
    from tests.factories import portaal_wereld

    wereld = portaal_wereld(kaders)
    inloggen(client, wereld.gouda_gebruiker)
    antwoord = client.get(reverse("admin:inspecties_onderzoek_changelist"))
    assert antwoord.status_code == 302 and "/login/" in antwoord["Location"]


# --- Issue 13: the admin cannot bypass the workflow ------------------------------------------


@pytest.fixture
def superuser(db):
    from tests.factories import GebruikerFactory

    return GebruikerFactory(username="super", is_staff=True, is_superuser=True)


def test_status_scores_en_versies_veranderen_niet_via_de_admin(demo, client, superuser):
    """Even a superuser changes a study's status, a score or a finding only through the
    workflow: the admin shows them, and saves only who the study's inspectors are."""
    from inspecties.models import Onderzoek

    onderzoek = demo[("Gouda", 2013)]
    inloggen(client, superuser)
    url = reverse("admin:inspecties_onderzoek_change", args=[onderzoek.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url,
        {
            "status": Onderzoek.Status.CONCEPT,
            "jaar": 2099,
            "inspecteurs": [superuser.pk],
            "statuswijzigingen-TOTAL_FORMS": 0,
            "statuswijzigingen-INITIAL_FORMS": 0,
        },
    )
    assert antwoord.status_code == 302
    onderzoek.refresh_from_db()
    assert (onderzoek.status, onderzoek.jaar) == (Onderzoek.Status.GEPUBLICEERD, 2013)
    assert list(onderzoek.inspecteurs.all()) == [superuser]
    assert client.get(reverse("admin:inspecties_onderzoek_add")).status_code == 403

    b = onderzoek.beoordelingen.exclude(optie=None).first()
    optie, versie = b.optie_id, b.versie
    wijzig = reverse("admin:inspecties_beoordeling_change", args=[b.pk])
    assert client.post(wijzig, {"niet_getoetst": "on", "versie": 9}).status_code == 403
    b.refresh_from_db()
    assert (b.optie_id, b.niet_getoetst, b.versie) == (optie, False, versie)
    for model in ("beoordeling", "bevinding", "themaconclusie", "statuswijziging"):
        assert client.get(reverse(f"admin:inspecties_{model}_add")).status_code == 403
