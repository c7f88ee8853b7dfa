"""Date fields: a browser only shows (and sends back) an ISO value in `<input type="date">`.

Rendered as `17-11-2014` (the Dutch format) the field shows empty, and the next save of any
other text of the study empties the saved date.
"""

import importlib
import pkgutil
from datetime import date

from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

import pytest

from inspecties.models import Onderzoek
from inspecties.onderzoeken import services
from inspecties.onderzoeken.models import ONDERZOEK_TEKSTEN, ONDERZOEK_TEKSTVELDEN
from tests.factories import AanpakFactory
from tests.formulieren import ISO_DATUM, datumvelden, formulier, verzenden

PROJECT = ("inspecties", "gemeenten", "toetsingskader", "rapporten")
DATUM = date(2014, 11, 17)


def _studie(kaders, inspecteur, soort):
    vorig = None
    if soort == Onderzoek.Soort.VERVOLGONDERZOEK:
        vorig = services.onderzoek_aanmaken(
            aanpak=AanpakFactory(), kader=kaders["ggsr-beleid"], soort="beleidstoets", jaar=2013
        )
        Onderzoek.objects.filter(pk=vorig.pk).update(status=Onderzoek.Status.VASTGESTELD)
        vorig.refresh_from_db()
    kader = kaders["stelseltoezicht-wijkteams" if soort == "toezichtonderzoek" else "ggsr-beleid"]
    onderzoek = services.onderzoek_aanmaken(
        aanpak=vorig.aanpak if vorig else AanpakFactory(),
        kader=kader,
        soort=soort,
        jaar=2014,
        inspecteurs=[inspecteur],
        vorig_onderzoek=vorig,
    )
    # Every text and every date hold something, as in a study half-way through.
    Onderzoek.objects.filter(pk=onderzoek.pk).update(
        **{
            **{veld: f"Opgeslagen {veld}" for veld in ONDERZOEK_TEKSTVELDEN},
            "bronnen": "2 huisartsen\n1 teamleider",
        },
        presentatiedatum=DATUM,
        voortgang_deadline=date(2015, 5, 1),
        gepland_van=date(2014, 3, 3),
        gepland_tot=date(2014, 3, 7),
    )
    onderzoek.refresh_from_db()
    return onderzoek


@pytest.mark.parametrize(
    ("soort", "veld"),
    [
        (Onderzoek.Soort.VERVOLGONDERZOEK, "ontwikkeling"),
        (Onderzoek.Soort.TOEZICHTONDERZOEK, "samenvatting"),
        (Onderzoek.Soort.BELEIDSTOETS, "context"),
    ],
)
def test_een_tekst_opslaan_laat_elk_ander_veld_zoals_het_was(
    client_als, inspecteur, kaders, soort, veld
):
    onderzoek = _studie(kaders, inspecteur, soort)
    voor = {v: getattr(onderzoek, v) for v in ONDERZOEK_TEKSTEN}
    client = client_als(inspecteur)
    url = reverse("inspecties:teksten_opslaan", args=[onderzoek.pk])
    pagina = client.get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]))
    form = formulier(pagina.content.decode(), action=url)

    antwoord = client.post(url, verzenden(form, **{veld: "Alleen dit veranderd."}))

    assert antwoord.status_code == 302
    onderzoek.refresh_from_db()
    na = {v: getattr(onderzoek, v) for v in ONDERZOEK_TEKSTEN}
    assert na == {**voor, veld: "Alleen dit veranderd."}


def _project_formulieren():
    """Every form class the project defines, and the forms of every registered ModelAdmin."""
    for app in PROJECT:
        pakket = importlib.import_module(app)
        for module in pkgutil.walk_packages(pakket.__path__, prefix=f"{app}."):
            if ".migrations" in module.name or module.name.endswith((".wsgi", ".settings")):
                continue
            importlib.import_module(module.name)

    def onderklassen(klasse):
        for sub in klasse.__subclasses__():
            yield sub
            yield from onderklassen(sub)

    for klasse in set(onderklassen(forms.BaseForm)):
        if klasse.__module__.split(".")[0] in PROJECT:
            yield klasse.__qualname__, klasse.base_fields

    from django.contrib.auth import get_user_model

    request = RequestFactory().get("/beheer/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        yield f"admin:{model._meta.label}", model_admin.get_form(request).base_fields
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)
            yield f"admin:{inline.model._meta.label}", formset.form.base_fields


def _is_datuminvoer(widget) -> bool:
    return getattr(widget, "input_type", None) == "date" or widget.attrs.get("type") == "date"


@pytest.mark.django_db
def test_elk_datumveld_van_elk_formulier_draagt_een_iso_waarde():
    gevonden = set()
    with translation.override("nl"):
        for naam, velden in _project_formulieren():
            for veld, formveld in velden.items():
                if not _is_datuminvoer(formveld.widget):
                    continue
                gevonden.add(f"{naam}.{veld}")
                html = formveld.widget.render(veld, DATUM)
                assert 'value="2014-11-17"' in html, f"{naam}.{veld}: {html}"
                # What the browser sends back is read again as the same date.
                assert formveld.clean("2014-11-17") == DATUM, f"{naam}.{veld}"
    assert {
        "OnderzoekTekstenForm.presentatiedatum",
        "OnderzoekTekstenForm.voortgang_deadline",
        "VoortgangDeadlineForm.voortgang_deadline",
    } <= gevonden


@pytest.mark.parametrize("soort", [Onderzoek.Soort.VERVOLGONDERZOEK, "toezichtonderzoek"])
def test_elk_datumveld_op_de_scorepagina_draagt_een_iso_waarde(
    client_als, inspecteur, kaders, soort
):
    onderzoek = _studie(kaders, inspecteur, soort)
    html = client_als(inspecteur).get(reverse("inspecties:onderzoek_scoren", args=[onderzoek.pk]))
    velden = datumvelden(html.content.decode())
    assert velden
    for veld in velden:
        assert ISO_DATUM.match(veld.get("value", "")), veld


def test_de_datum_in_de_inbox_draagt_een_iso_waarde(client_als, inspecteur, kaders):
    from tests.factories import portaal_wereld

    onderzoek = portaal_wereld(kaders, inspecteur).gepubliceerd
    Onderzoek.objects.filter(pk=onderzoek.pk).update(voortgang_deadline=DATUM)
    html = client_als(inspecteur).get(reverse("voortgang:inbox_onderzoek", args=[onderzoek.pk]))
    assert [v["value"] for v in datumvelden(html.content.decode())] == ["2014-11-17"]
