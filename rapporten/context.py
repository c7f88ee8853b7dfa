"""The template context of a report: one place, so the HTML page, the PDF and the frozen copy
all show the same thing."""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from inspecties.models import Hoofdstuk, Onderzoek
from inspecties.onderzoeken.selectors import onderzoek_voor_rapport
from inspecties.regels.bevindingen import samenvoegen
from inspecties.regels.onderzoeksrapport import Bron, BronnenFout, bronnen_lezen
from toetsingskader.models import Criterium, Indicator, Thema

MAANDEN = [
    "Januari",
    "Februari",
    "Maart",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Augustus",
    "September",
    "Oktober",
    "November",
    "December",
]


def template_van(onderzoek: Onderzoek) -> str:
    if onderzoek.is_toezichtonderzoek:
        return "rapporten/onderzoeksrapport.html"
    if onderzoek.is_vervolg:
        return "rapporten/verbeterpunten.html"
    return "rapporten/factsheet.html"


def maand_jaar(datum) -> str:
    """'Juni 2015', as the published reports date themselves."""
    return f"{MAANDEN[datum.month - 1]} {datum.year}" if datum else ""


def rapportmaand(onderzoek: Onderzoek):
    """The month a report carries: its publicatiemaand; a study published before that field
    existed (or loaded without it) carries the month it was published."""
    return onderzoek.publicatiemaand or onderzoek.publicatiedatum


def datum_lang(datum) -> str:
    """'1 mei 2017', as a date reads inside a Dutch sentence."""
    return f"{datum.day} {MAANDEN[datum.month - 1].lower()} {datum.year}" if datum else ""


# --- The onderzoeksrapport: numbered chapters and sections, shared by the body and the ToC ----


@dataclass
class Sectie:
    """A numbered heading with its text (paragraphs) and subsections; `anker` is its HTML id."""

    nummer: str
    titel: str
    tekst: str = ""
    secties: list["Sectie"] = field(default_factory=list)
    standaardtekst: str = ""  # a section whose text is the template's (e.g. "vervolg")

    @property
    def anker(self) -> str:
        return "h" + self.nummer.replace(".", "-")


def _secties(nummer: str, delen) -> list[Sectie]:
    """Number the parts that have content (text or subsections) consecutively; the rest is
    left out, so an empty section never prints as an empty heading."""
    secties = []
    for titel, tekst, sub, *standaard in delen:
        if not (tekst or "").strip() and not sub and not standaard:
            continue
        sectie = Sectie(
            nummer=f"{nummer}.{len(secties) + 1}",
            titel=titel,
            tekst=tekst or "",
            standaardtekst=standaard[0] if standaard else "",
        )
        for s in sub:
            s.nummer = f"{sectie.nummer}.{s.nummer}"
            sectie.secties.append(s)
        secties.append(sectie)
    return secties


def _hoofdstuk_secties(nummer: str, h: Hoofdstuk) -> list[Sectie]:
    """x.1 Verwachting, x.2 Beleid, x.3 Praktijk (bevindingen, risico's, verklaringen),
    x.4 Conclusie; empty parts are left out and the rest numbered on."""
    delen = [
        ("Bevindingen inspecties", h.bevindingen),
        ("Risico's", h.risicos),
        ("Verklaringen", h.verklaringen),
    ]
    praktijk = [(titel, tekst) for titel, tekst in delen if (tekst or "").strip()]
    return _secties(
        nummer,
        [
            ("Verwachting", h.verwachting, []),
            ("Beleid", h.beleid, []),
            (
                "Praktijk",
                "",
                [
                    Sectie(nummer=str(i), titel=titel, tekst=tekst)
                    for i, (titel, tekst) in enumerate(praktijk, start=1)
                ],
            ),
            ("Conclusie", h.conclusie, []),
        ],
    )


@dataclass
class Rapporthoofdstuk:
    """One numbered chapter of the onderzoeksrapport: a fixed one (`soort`) or a Hoofdstuk."""

    nummer: str
    titel: str
    soort: str  # inleiding | netwerk | hoofdstuk | eindoordeel
    secties: list[Sectie] = field(default_factory=list)
    hoofdstuk: Hoofdstuk | None = None

    @property
    def anker(self) -> str:
        return f"h{self.nummer}"


def rapporthoofdstukken(onderzoek: Onderzoek, hoofdstukken: list[Hoofdstuk]) -> list:
    """The chapters in print order, numbered as the published report numbers them."""
    gemeente = onderzoek.aanpak.gemeente.naam
    lijst: list[Rapporthoofdstuk] = []

    def toevoegen(titel, soort, **extra):
        nummer = str(len(lijst) + 1)
        hoofdstuk = Rapporthoofdstuk(nummer=nummer, titel=titel, soort=soort, **extra)
        lijst.append(hoofdstuk)
        return hoofdstuk

    if onderzoek.inleiding.strip() or onderzoek.kader.definitie.strip():
        toevoegen("Inleiding", "inleiding")
    if onderzoek.context.strip() or onderzoek.aanpak_beschrijving.strip():
        toevoegen(f"Het lokale netwerk in {gemeente}", "netwerk")
    for h in hoofdstukken:
        hoofdstuk = toevoegen(h.titel, "hoofdstuk", hoofdstuk=h)
        hoofdstuk.secties = _hoofdstuk_secties(hoofdstuk.nummer, h)
    eind = toevoegen("Eindoordeel en vervolg", "eindoordeel")
    eind.secties = _secties(
        eind.nummer,
        [
            ("Algemeen", onderzoek.oordeel, []),
            ("Kansen", onderzoek.kansen, []),
            ("Vervolg", "", [], "vervolg"),  # standard text, always printed
        ],
    )
    return lijst


def kader_bijlage(kader_id: int) -> list[Thema]:
    """The framework for Bijlage 1: themes → criteria → indicators, in three queries."""
    indicatoren = Indicator.objects.order_by("volgorde", "id")
    criteria = Criterium.objects.order_by("volgorde", "id").prefetch_related(
        Prefetch("indicatoren", queryset=indicatoren)
    )
    return list(
        Thema.objects.filter(kader_id=kader_id)
        .order_by("volgorde", "id")
        .prefetch_related(Prefetch("criteria", queryset=criteria))
    )


def _bronnen(tekst: str) -> list[Bron]:
    """The sources list; a concept may still hold a line without a count: print it as is."""
    try:
        return bronnen_lezen(tekst)
    except BronnenFout:
        return [Bron(aantal=0, wie=regel.strip()) for regel in tekst.splitlines() if regel.strip()]


def onderzoeksrapport_context(onderzoek: Onderzoek) -> dict:
    hoofdstukken = list(onderzoek.hoofdstukken.order_by("volgorde", "id"))
    return {
        "hoofdstukken": rapporthoofdstukken(onderzoek, hoofdstukken),
        "bronnen": _bronnen(onderzoek.bronnen),
        "bijlage_themas": kader_bijlage(onderzoek.kader_id),
        "voortgang_datum": datum_lang(onderzoek.voortgang_deadline),
        "maand_jaar_klein": maand_jaar(rapportmaand(onderzoek)).lower(),
    }


@dataclass
class Rijgroep:
    """Rows a cell spans together: one <tbody>. `samen`: they share a finding, so they are
    kept on one page (a single row may split across pages)."""

    rijen: list
    samen: bool = False


def rijgroepen(rijen, spans) -> list[Rijgroep]:
    """Split `rijen` where no cell spans across; spans[i] are the rowspans of the cells that
    start at row i."""
    groepen: list[Rijgroep] = []
    einde = -1
    for i, rij in enumerate(rijen):
        if i > einde:
            groepen.append(Rijgroep(rijen=[]))
        groepen[-1].rijen.append(rij)
        einde = max(einde, i + max(spans[i], default=1) - 1)
    for groep in groepen:
        groep.samen = len(groep.rijen) > 1
    return groepen


# A row whose texts are longer than this may split across a page break (about twelve lines in
# the findings column); a shorter one moves to the next page whole.
LANGE_RIJ = 700


def _tekstlengte(*bevindingen) -> int:
    return sum(len(b.tekst) + len(b.let_op) for b in bevindingen if b is not None)


def _in_rapportvolgorde(rijen: list) -> list:
    """A follow-up's rows in the order the inspector set (Beoordeling.volgorde, a position
    within the theme), the others at their place in the framework; a finding shared by
    adjacent rows is then printed once again."""
    plekken = sorted(
        (rij.beoordeling.volgorde or plek, plek) for plek, rij in enumerate(rijen, start=1)
    )
    rijen = [rijen[plek - 1] for _, plek in plekken]
    for rij, cel in zip(
        rijen, samenvoegen([r.beoordeling.bevinding_id for r in rijen]), strict=True
    ):
        rij.bevinding_rowspan, rij.toon_bevinding = cel.rowspan, cel.toon
        rij.zie_bevinding_bij = rijen[cel.zie_bij] if cel.zie_bij is not None else None
    return rijen


def _verbeterpunten_groepen(blok, rijen: list) -> None:
    for r in rijen:
        r.lang = _tekstlengte(r.bevinding, r.vorige.bevinding if r.vorige else None) > LANGE_RIJ
    spans = [
        [r.vorige_rowspan if r.toon_vorige else 1, r.bevinding_rowspan if r.toon_bevinding else 1]
        for r in rijen
    ]
    blok.groepen = rijgroepen(rijen, spans)


def _factsheet_groepen(blok) -> None:
    """Rows of one criterion are separate rows (its name in the first, the cell below it left
    open), so only rows that share a finding are bound together: a criterion may run on to the
    next page where a page break falls between its rows."""
    for c in blok.criteria:
        for i, r in enumerate(c.rijen):
            r.criterium_eerst, r.criterium_laatst = i == 0, i == len(c.rijen) - 1
            r.lang = _tekstlengte(r.bevinding) > LANGE_RIJ
    spans = [[r.bevinding_rowspan if r.toon_bevinding else 1] for r in blok.rijen]
    blok.groepen = rijgroepen(blok.rijen, spans)


# The standard sentence of a follow-up, and how an Ontwikkeling text says the same itself.
NIET_OPNIEUW = re.compile(r"√[^.]*niet opnieuw|niet opnieuw[^.]*√", re.IGNORECASE)


def vervolg_teksten(onderzoek: Onderzoek, vorig_jaar) -> dict:
    """The follow-up's sentences around its Ontwikkeling text, each printed only where the
    inspector's text does not already say it: the presentation date (as the originals name
    it, "Op 9 februari 2015 heeft de gemeente ... gepresenteerd") and that √ indicators were
    not reassessed."""
    tekst = " ".join((onderzoek.ontwikkeling or "").split())
    datum = datum_lang(onderzoek.presentatiedatum)
    presentatie = ""
    if datum and datum not in tekst:
        presentatie = (
            f"Op {datum} heeft de gemeente aan Samenwerkend Toezicht Jeugd gepresenteerd op "
            f"welke wijze de verbeterpunten uit {vorig_jaar} zijn opgepakt."
        )
    return {"presentatie_zin": presentatie, "toon_standaardzin": not NIET_OPNIEUW.search(tekst)}


def _vorige_samenvoegen(rijen) -> None:
    """In the earlier year's column, a finding shared by adjacent rows with the same score is
    printed once."""
    sleutels = [
        (r.vorige.beoordeling.bevinding_id, r.vorige.beoordeling.optie_id)
        if r.vorige and r.vorige.beoordeling.bevinding_id
        else None
        for r in rijen
    ]
    for rij, cel in zip(rijen, samenvoegen(sleutels), strict=True):
        rij.vorige_rowspan, rij.toon_vorige = cel.rowspan, cel.toon


def rapport_context(onderzoek: Onderzoek | int, **bij_publicatie) -> tuple[str, dict]:
    """(template name, context) of a study's report.

    `bij_publicatie` are the fields publishing is about to set (status, publicatiedatum,
    publicatiemaand, voortgang_deadline): the frozen copy is rendered with them before anything is saved.
    """
    inhoud = onderzoek_voor_rapport(onderzoek=onderzoek)
    onderzoek = inhoud.onderzoek
    for veld, waarde in bij_publicatie.items():
        setattr(onderzoek, veld, waarde)
    vorig = onderzoek.vorig_onderzoek
    for blok in inhoud.themas:
        if onderzoek.is_vervolg:
            rijen = _in_rapportvolgorde(blok.rijen)
            _vorige_samenvoegen(rijen)
            _verbeterpunten_groepen(blok, rijen)
        else:
            _factsheet_groepen(blok)
    context = {
        "inhoud": inhoud,
        "onderzoek": onderzoek,
        "gemeente": onderzoek.aanpak.gemeente,
        "respondenten": list(onderzoek.respondenten.all()),
        "is_concept": not onderzoek.is_afgerond,
        "maand_jaar": maand_jaar(rapportmaand(onderzoek)),
        "vorig_jaar": vorig.jaar if vorig else None,
        "ontwikkeling_jaar": onderzoek.jaar,
        "vervangen": list(onderzoek.aanpak.vervangt.order_by("pk")) if vorig else [],
    }
    if onderzoek.is_toezichtonderzoek:
        context.update(onderzoeksrapport_context(onderzoek))
    if onderzoek.is_vervolg:
        context.update(vervolg_teksten(onderzoek, context["vorig_jaar"]))
    return template_van(onderzoek), context
