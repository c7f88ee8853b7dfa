"""What the scoring page shows, worked out in Python once per row instead of in nested
template conditions per field (issue 16: the rows were most of the page's time), and the
summary of refused input that takes the focus when the page opens."""

from functools import cached_property

from django.urls import reverse

from inspecties.onderzoeken.forms import BeoordelingForm


def scherm_voorbereiden(inhoud, opties) -> None:
    """Set what a view may set later on each row and block (a refused input, a
    conflict), so the template never looks up a missing attribute (slow in Django's
    templates), and give each row its RijScherm."""
    basis = reverse("inspecties:beoordeling_opslaan", args=[inhoud.onderzoek.pk, 0])[:-2]
    for blok in inhoud.themas:
        blok.invoer = blok.conflict = None
        blok.hersteld, blok.fout = False, ""
        for cblok in blok.criteria:
            cblok.delen = None
    for rij in inhoud.rijen:
        rij.invoer = rij.conflict = None
        rij.hersteld = rij.opgeslagen = rij.delen_gekozen = False
        rij.fout = ""
        rij.scherm = RijScherm(rij, opties, f"{basis}{rij.beoordeling.pk}/")


class RijScherm:
    """What the scoring page shows of one row: what the user typed (after a refused save) or
    else what is saved, and the row's state for the outline. Worked out once, when the template
    first asks (after the view has set invoer/conflict/fout), instead of in nested template
    conditions for every field."""

    def __init__(self, rij, opties, url: str):
        self.rij, self.opties, self.url = rij, opties, url

    @cached_property
    def _bron(self) -> dict:
        rij = self.rij
        if rij.invoer:
            return rij.invoer
        b = rij.beoordeling
        keuze = BeoordelingForm.NIET_GETOETST if b.niet_getoetst else str(b.optie_id or "")
        return {
            "oordeel": keuze,
            "tekst": b.bevinding.tekst if b.bevinding else "",
            "let_op": b.bevinding.let_op if b.bevinding else "",
            "bevinding_id": self.opgeslagen_bevinding_id,
            "bevinding_versie": self.opgeslagen_bevinding_versie,
        }

    @property
    def opgeslagen_bevinding_id(self):
        return self.rij.beoordeling.bevinding_id or ""

    @property
    def opgeslagen_bevinding_versie(self):
        bevinding = self.rij.beoordeling.bevinding
        return bevinding.versie if bevinding else ""

    @property
    def tekst(self) -> str:
        return self._bron["tekst"]

    @property
    def let_op(self) -> str:
        return self._bron["let_op"]

    @property
    def bevinding_id(self):
        return self._bron["bevinding_id"] or ""

    @property
    def bevinding_versie(self):
        versie = self._bron["bevinding_versie"]
        return "" if versie is None else versie

    @property
    def kort(self) -> str:
        """The indicator's text as the outline shows it (truncatechars is slow per row)."""
        tekst = self.rij.indicator.tekst
        return tekst if len(tekst) <= 60 else tekst[:59].rstrip() + "…"

    @cached_property
    def keuzes(self) -> list[tuple[str, str, str, bool]]:
        """(value, id, label, checked) of each radio button: the scale, then niet getoetst."""
        pk, keuze = self.rij.beoordeling.pk, self._bron["oordeel"]
        radios = [
            (str(o.pk), f"o-{pk}-{o.pk}", f"{o.symbool} {o.label}", keuze == str(o.pk))
            for o in self.opties
        ]
        nt = BeoordelingForm.NIET_GETOETST
        return [*radios, (nt, f"o-{pk}-nt", "Niet getoetst", keuze == nt)]

    @cached_property
    def staat(self) -> tuple[str, str, str]:
        """(code, symbol, text) of the row in the outline: its saved score, or conflict, not
        saved (refused input on the page), niet getoetst, open."""
        rij, b = self.rij, self.rij.beoordeling
        if rij.conflict:
            return ("conflict", "!", "conflict")
        if rij.invoer:
            return ("niet-opgeslagen", "•", "niet opgeslagen")
        if b.optie_id:
            code = "verbeterpunt" if b.optie.is_verbeterpunt else "voldoet"
            return (code, b.optie.symbool, b.optie.label.lower())
        if b.niet_getoetst:
            return ("niet-getoetst", "–", "niet getoetst")
        return ("open", "○", "open")

    @property
    def staat_tekst(self) -> str:
        b = self.rij.beoordeling
        if b.optie_id:
            return f"{b.optie.symbool} {b.optie.label.lower()}"
        return "niet getoetst" if b.niet_getoetst else "nog niet gescoord"


def _tekst_fouten(context: dict) -> list[tuple[str, str]]:
    fouten = []
    teksten = context["teksten_form"]
    if teksten.is_bound and teksten.errors:
        for naam, lijst in teksten.errors.items():
            veld = teksten.fields.get(naam)
            anker = teksten[naam].auto_id if veld else "teksten"
            label = f"{veld.label}: " if veld else ""
            fouten += [(f"{label}{f}", anker) for f in lijst]
    heropenen = context["heropenen_form"]
    if heropenen.is_bound:
        anker = {"reden": "heropen-reden", "bevestigd": "heropen-bevestigd"}
        for naam, lijst in heropenen.errors.items():
            fouten += [(f, anker.get(naam, "workflow-kop")) for f in lijst]
    nieuw = context.get("nieuw_hoofdstuk_form")
    if nieuw is not None and nieuw.errors:
        fouten += [(f, "nieuw-hoofdstuk") for f in nieuw.errors.get("titel", [])]
    for h in context["hoofdstukken"]:
        if h.verschillen:
            tekst = f"Hoofdstuk ‘{h.titel}’ is intussen door een ander gewijzigd."
            fouten.append((tekst, f"hoofdstuk-{h.pk}"))
        elif h.form.is_bound and h.form.errors:
            for lijst in h.form.errors.values():
                fouten += [(f"Hoofdstuk ‘{h.titel}’: {f}", f"hoofdstuk-{h.pk}") for f in lijst]
    return fouten


def _scoor_fouten(context: dict) -> list[tuple[str, str]]:
    fouten = []
    gewijzigd = "intussen door een ander gewijzigd."
    for blok in context["inhoud"].themas:
        if blok.conflict or blok.fout:
            tekst = f"Conclusie {blok.thema.naam}: {gewijzigd if blok.conflict else blok.fout}"
            fouten.append((tekst, f"conclusie-{blok.conclusie.pk}"))
        for cblok in blok.criteria:
            if cblok.delen and cblok.delen["fout"]:
                fouten.append((cblok.delen["fout"], f"delen-{cblok.criterium.pk}"))
        for rij in blok.rijen:
            if rij.conflict or rij.fout:
                tekst = f"‘{rij.indicator.tekst}’: {gewijzigd if rij.conflict else rij.fout}"
                fouten.append((tekst, f"rij-{rij.beoordeling.pk}"))
    return fouten


def foutoverzicht(context: dict) -> list[tuple[str, str]]:
    """Every refused input on the page, (message, id of where it is), for the error summary
    that takes the focus when the page opens (an htmx row announces its own)."""
    return _tekst_fouten(context) + _scoor_fouten(context)
