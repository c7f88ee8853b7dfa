"""What the scoring page's views share: the page's context, and what the page shows again
after a refused save or an expired session (what the user typed is never lost)."""

from datetime import date
from functools import partial, wraps

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.formats import date_format

from inspecties.beveiliging.rollen import Rol, heeft_rol
from inspecties.beveiliging.services import BEWAARDE_INVOER, invoer_bij_verlopen_sessie_bewaren
from inspecties.onderzoeken.forms import (
    HeropenenForm,
    HoofdstukForm,
    OnderzoekTekstenForm,
    RijvolgordeForm,
)
from inspecties.onderzoeken.models import (
    ONDERZOEK_TEKSTEN,
    Hoofdstuk,
)
from inspecties.onderzoeken.selectors import mag_vaststellen, onderzoek_voor_rapport
from inspecties.onderzoeken.views.scherm import foutoverzicht, scherm_voorbereiden

PAGINA = "inspecties/onderzoek_scoren.html"


CONCEPT_OPGESLAGEN = "toezicht_concept_opgeslagen"


def _volgorde_form(inhoud) -> RijvolgordeForm | None:
    """A follow-up's rows in the order of the framework, each with its position if set."""
    if not inhoud.onderzoek.is_vervolg:
        return None
    rijen = [r.beoordeling for r in inhoud.rijen]
    return RijvolgordeForm(rijen=rijen, initial={"versie": inhoud.onderzoek.versie})


def rijen_context(request, onderzoek_id: int) -> dict:
    """What the rows need (an htmx row answer renders nothing else): the study's content, its
    scale and whether this user may edit."""
    inhoud = onderzoek_voor_rapport(onderzoek=onderzoek_id)
    onderzoek = inhoud.onderzoek
    opties = list(onderzoek.kader.schaal.all())
    scherm_voorbereiden(inhoud, opties)
    return {
        "inhoud": inhoud,
        "onderzoek": onderzoek,
        "opties": opties,
        "mag_bewerken": heeft_rol(request.user, Rol.INSPECTEUR) and onderzoek.is_bewerkbaar,
    }


def pagina_context(request, onderzoek_id: int, **extra) -> dict:
    context = rijen_context(request, onderzoek_id)
    inhoud, onderzoek = context["inhoud"], context["onderzoek"]
    teksten = extra.pop("teksten_form", None) or _teksten_form(onderzoek)
    hoofdstukken = _hoofdstukken(onderzoek)
    context.update(
        {
            "is_inspecteur": heeft_rol(request.user, Rol.INSPECTEUR),
            "mag_vaststellen": mag_vaststellen(onderzoek=onderzoek, gebruiker=request.user),
            "teksten_form": teksten,
            "teksten_ingevuld": all(
                getattr(onderzoek, naam) for naam in teksten.fields if naam in ONDERZOEK_TEKSTEN
            ),
            "hoofdstukken": hoofdstukken,
            "heropenen_form": HeropenenForm(),
            "volgorde_form": extra.pop("volgorde_form", None) or _volgorde_form(inhoud),
            # Where the skip link and "volgende open indicator" go without JavaScript.
            "eerste_open": next((r for r in inhoud.rijen if not r.beoordeling.is_gescoord), None),
            "eerste_rij": next(
                (r for r in inhoud.rijen if not r.beoordeling.is_gescoord),
                next(iter(inhoud.rijen), None),
            ),
            **extra,
        }
    )
    # Called by the template when it renders, after a view has put a refused save in.
    context["foutoverzicht"] = partial(foutoverzicht, context)
    return context


def _teksten_form(onderzoek) -> OnderzoekTekstenForm:
    return OnderzoekTekstenForm(
        soort=onderzoek.soort,
        gemeente_id=onderzoek.aanpak.gemeente_id,
        initial={
            "versie": onderzoek.versie,
            **{veld: getattr(onderzoek, veld) for veld in ONDERZOEK_TEKSTEN},
            "respondenten": [r.pk for r in onderzoek.respondenten.all()],
        },
    )


def _hoofdstukken(onderzoek) -> list[Hoofdstuk]:
    if not onderzoek.is_toezichtonderzoek:
        return []
    hoofdstukken = list(onderzoek.hoofdstukken.all())
    for h in hoofdstukken:
        h.form = HoofdstukForm(
            prefix=f"h{h.pk}",
            initial={"versie": h.versie, **{v: getattr(h, v) for v in Hoofdstuk.TEKSTEN}},
        )
        h.hersteld, h.verschillen = False, None  # what a refused save sets (a view, later)
    return hoofdstukken


def concept_opgeslagen(request, sleutel: str) -> None:
    """Tell the next scoring page that this form (its data-concept) is saved, so the browser
    forgets its draft (static/js/scoren.js); an htmx row says so in the row itself."""
    request.session[CONCEPT_OPGESLAGEN] = [*request.session.get(CONCEPT_OPGESLAGEN, []), sleutel]


def rij_invoer(data, *, getoond=None) -> dict:
    """What the user typed in one row, to show again instead of the saved values.

    The finding it was loaded with stays what it was, unless the page now shows another one
    (`getoond`, after a conflict): the next save is then made against what was shown.
    """
    invoer = {
        "oordeel": data.get("oordeel", ""),
        "tekst": data.get("tekst", ""),
        "let_op": data.get("let_op", ""),
        "bevinding_id": data.get("bevinding_id") or None,
        "bevinding_versie": data.get("bevinding_versie") or None,
    }
    if getoond is not None:
        invoer["bevinding_id"] = getoond.bevinding_id
        invoer["bevinding_versie"] = getoond.bevinding.versie if getoond.bevinding else None
    return invoer


def formulierfouten(form) -> str:
    """A form's errors as one Dutch sentence per field, for a place with no field beside it."""
    return " ".join(
        f"{form.fields[veld].label}: {' '.join(fouten)}"
        if veld in form.fields and form.fields[veld].label
        else " ".join(fouten)
        for veld, fouten in form.errors.items()
    )


def bewaar_invoer_bij_verlopen_sessie(view):
    """A save from a session that ended for age or idleness keeps what was typed (at most
    BEWAARDE_INVOER_MAX_BYTES) and sends the user to log in; the scoring page then shows the
    input again, unsaved (works without JS). Anyone else's POST stores nothing: only a session
    that was logged in carries the "expired" mark (see beveiliging.services)."""

    @wraps(view)
    def wrapper(request, pk: int, **kwargs):
        if request.method == "POST" and not request.user.is_authenticated:
            invoer_bij_verlopen_sessie_bewaren(
                request=request,
                invoer={
                    "onderzoek": pk,
                    "soort": request.resolver_match.url_name,
                    "kwargs": kwargs,
                    "data": {
                        k: request.POST.get(k) for k in request.POST if k != "csrfmiddlewaretoken"
                    },
                },
            )
            return redirect_to_login(reverse("inspecties:onderzoek_scoren", args=[pk]))
        return view(request, pk, **kwargs)

    return wrapper


def bewaarde_invoer_terugzetten(request, context: dict) -> None:
    bewaard = request.session.get(BEWAARDE_INVOER)
    if not bewaard or bewaard["onderzoek"] != context["onderzoek"].pk:
        return
    del request.session[BEWAARDE_INVOER]
    data = bewaard["data"]
    if bewaard["soort"] == "beoordeling_opslaan":
        for rij in context["inhoud"].rijen:
            if rij.beoordeling.pk == bewaard["kwargs"].get("beoordeling_pk"):
                rij.invoer = rij_invoer(data)
                rij.hersteld = True
    elif bewaard["soort"] == "conclusie_opslaan":
        for blok in context["inhoud"].themas:
            if blok.conclusie and blok.conclusie.pk == bewaard["kwargs"].get("conclusie_pk"):
                blok.invoer = {
                    "gaat_goed": data.get("gaat_goed", ""),
                    "kan_beter": data.get("kan_beter", ""),
                    "versie": data.get("versie", ""),
                }
                blok.hersteld = True
    elif bewaard["soort"] == "hoofdstuk_opslaan":
        for h in context["hoofdstukken"]:
            if h.pk == bewaard["kwargs"].get("hoofdstuk_pk"):
                h.form = HoofdstukForm(data, prefix=f"h{h.pk}")
                h.hersteld = True


def verschillen_met(form, actueel, namen) -> list[tuple[str, str]]:
    """Each field whose saved value (`actueel`, saved by someone else) differs from what the
    user sent: its label and the saved value as shown, so both versions are on the page."""
    verschillen = []
    for naam in namen:
        mijn = form.cleaned_data.get(naam)
        if naam == "respondenten":
            hun = list(actueel.respondenten.all())
            if {r.pk for r in hun} == {r.pk for r in mijn or ()}:
                continue
            getoond = ", ".join(r.naam for r in hun)
        else:
            hun = getattr(actueel, naam)
            if (hun or None) == (mijn or None):
                continue
            getoond = date_format(hun) if isinstance(hun, date) else hun
        verschillen.append((form.fields[naam].label, getoond or "(leeg)"))
    return verschillen
