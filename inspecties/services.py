"""Everything that writes studies. Views call these; they validate and raise OnderzoekFout."""

from datetime import date

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_manager_for_model

from gemeenten.models import Aanpak
from inspecties.models import (
    Beoordeling,
    Bevinding,
    Hoofdstuk,
    Onderzoek,
    StatusWijziging,
    ThemaConclusie,
)
from inspecties.onderzoeksrapport import ontbrekend_in_rapport
from inspecties.scope import ontbrekend_voor_review, vervolg_scope
from toetsingskader.models import Schaaloptie, Toetsingskader


class OnderzoekFout(Exception):
    """A change to a study that is not allowed, with a Dutch message for the user."""


def vorig_onderzoek_toegestaan(*, aanpak: Aanpak, vorig_onderzoek: Onderzoek) -> bool:
    """A follow-up builds on a study of the same approach or of an approach it replaced."""
    if vorig_onderzoek.aanpak_id == aanpak.pk:
        return True
    return aanpak.vervangt.filter(pk=vorig_onderzoek.aanpak_id).exists()


@transaction.atomic
def onderzoek_aanmaken(
    *,
    aanpak: Aanpak,
    kader: Toetsingskader,
    soort: str,
    jaar: int,
    inspecteurs=(),
    vorig_onderzoek: Onderzoek | None = None,
    door=None,
) -> Onderzoek:
    """Create a study with one empty Beoordeling per indicator in its scope.

    A beleidstoets and a toezichtonderzoek score every indicator (for the latter the scores are
    optional: its report is told in chapters); a vervolgonderzoek only the indicators that were a
    verbeterpunt in the earlier study, matched by key in this study's framework version.
    """
    if kader.status != Toetsingskader.Status.VASTGESTELD:
        raise OnderzoekFout(_("Kies een toetsingskader dat is vastgesteld."))
    if soort == Onderzoek.Soort.VERVOLGONDERZOEK:
        if vorig_onderzoek is None:
            raise OnderzoekFout(_("Kies het eerdere onderzoek waarop dit vervolgonderzoek volgt."))
        if not vorig_onderzoek_toegestaan(aanpak=aanpak, vorig_onderzoek=vorig_onderzoek):
            raise OnderzoekFout(
                _(
                    "Het eerdere onderzoek moet over dezelfde aanpak gaan of over een aanpak "
                    "die deze aanpak heeft vervangen."
                )
            )
        if vorig_onderzoek.jaar >= jaar:
            raise OnderzoekFout(_("Het eerdere onderzoek moet uit een eerder jaar zijn."))
        if vorig_onderzoek.status not in (
            Onderzoek.Status.VASTGESTELD,
            Onderzoek.Status.GEPUBLICEERD,
        ):
            raise OnderzoekFout(_("Het eerdere onderzoek is nog niet vastgesteld."))
    else:
        vorig_onderzoek = None

    onderzoek = Onderzoek(
        aanpak=aanpak, kader=kader, soort=soort, jaar=jaar, vorig_onderzoek=vorig_onderzoek
    )
    onderzoek.context = aanpak.gemeente.context
    onderzoek.aanpak_beschrijving = aanpak.beschrijving
    onderzoek.full_clean()
    onderzoek.save()
    onderzoek.inspecteurs.set(inspecteurs)

    indicatoren = list(
        kader.indicatoren.order_by("criterium__thema__volgorde", "criterium__volgorde", "volgorde")
    )
    if vorig_onderzoek is not None:
        verbeterpunten = vorig_onderzoek.beoordelingen.filter(
            optie__is_verbeterpunt=True
        ).values_list("indicator__sleutel", flat=True)
        scope = vervolg_scope(
            vorige_verbeterpunten=verbeterpunten,
            nieuwe_sleutels=[i.sleutel for i in indicatoren],
        )
        in_scope = set(scope.opnieuw_toetsen)
        indicatoren = [i for i in indicatoren if i.sleutel in in_scope]
    elif soort != Onderzoek.Soort.TOEZICHTONDERZOEK:  # its report has chapters instead
        ThemaConclusie.objects.bulk_create(
            ThemaConclusie(onderzoek=onderzoek, thema=thema) for thema in kader.themas.all()
        )
    Beoordeling.objects.bulk_create(
        Beoordeling(onderzoek=onderzoek, indicator=indicator) for indicator in indicatoren
    )
    return onderzoek


def status_zetten(*, onderzoek: Onderzoek, naar: str, door=None, reden: str = "") -> None:
    """Record a transition and move the study; the workflow rules call this."""
    StatusWijziging.objects.create(
        onderzoek=onderzoek, van=onderzoek.status, naar=naar, door=door, reden=reden
    )
    onderzoek.status = naar
    onderzoek.versie += 1
    onderzoek.save(update_fields=["status", "versie", "gewijzigd_op"])


def standaard_voortgang_deadline(publicatiedatum: date) -> date:
    """Progress is due one year after publication (29 February falls back to 28)."""
    try:
        return publicatiedatum.replace(year=publicatiedatum.year + 1)
    except ValueError:
        return publicatiedatum.replace(year=publicatiedatum.year + 1, day=28)


# --- Scoring: each save carries the version it was loaded at ---------------------------------


class VersieConflict(OnderzoekFout):
    """Someone else saved this item since it was loaded; `actueel` is what the DB holds now."""

    def __init__(self, actueel):
        super().__init__(_("Iemand anders heeft dit intussen opgeslagen. Kies welke tekst blijft."))
        self.actueel = actueel


def _moet_bewerkbaar_zijn(onderzoek: Onderzoek) -> None:
    if not onderzoek.is_bewerkbaar:
        raise OnderzoekFout(
            _("Dit onderzoek is %(status)s en kan niet meer worden gewijzigd.")
            % {"status": onderzoek.get_status_display().lower()}
        )


def _voorwaardelijk_bijwerken(model, *, pk: int, versie: int, **velden) -> None:
    """UPDATE ... WHERE versie = loaded version; refuse if another save came first.

    The history record is written by hand because QuerySet.update() bypasses save().
    """
    bijgewerkt = model.objects.filter(pk=pk, versie=versie).update(
        versie=models.F("versie") + 1, gewijzigd_op=timezone.now(), **velden
    )
    obj = model.objects.get(pk=pk)
    if not bijgewerkt:
        raise VersieConflict(obj)
    _historie_vastleggen(obj)
    return obj


def _historie_vastleggen(obj) -> None:
    manager = get_history_manager_for_model(obj)
    gebruiker = getattr(HistoricalRecords.context, "request", None)
    gebruiker = getattr(gebruiker, "user", None) if gebruiker else None
    if gebruiker is not None and not gebruiker.is_authenticated:
        gebruiker = None
    manager.model.objects.create(
        **{f.attname: getattr(obj, f.attname) for f in manager.model.tracked_fields},
        history_date=timezone.now(),
        history_type="~",
        history_user=gebruiker,
    )


@transaction.atomic
def beoordeling_opslaan(
    *,
    beoordeling: Beoordeling,
    optie: Schaaloptie | None,
    niet_getoetst: bool,
    versie: int,
    door=None,
) -> Beoordeling:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=beoordeling.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    if optie is not None and niet_getoetst:
        raise OnderzoekFout(_("Kies een oordeel of ‘niet getoetst’, niet allebei."))
    if optie is not None and optie.kader_id != onderzoek.kader_id:
        raise OnderzoekFout(_("Dit oordeel hoort niet bij het toetsingskader van dit onderzoek."))
    return _voorwaardelijk_bijwerken(
        Beoordeling, pk=beoordeling.pk, versie=versie, optie=optie, niet_getoetst=niet_getoetst
    )


_NIET_GEGEVEN = object()


def _geladen(bevinding: Bevinding | None) -> tuple[int | None, int | None]:
    """What a page shows of a row's finding: its id and version (None, None: no finding)."""
    return (bevinding.pk, bevinding.versie) if bevinding is not None else (None, None)


@transaction.atomic
def bevinding_opslaan(
    *,
    beoordeling: Beoordeling,
    tekst: str,
    let_op: str,
    versie: int | None,
    bevinding_id=_NIET_GEGEVEN,
    door=None,
) -> Bevinding | None:
    """Write the finding of one indicator (shared findings change for every indicator).

    `bevinding_id` and `versie` are the finding the page was loaded with (both None: none yet).
    Another finding meanwhile (e.g. one shared over several rows) or a newer version of the same
    one is a conflict: the save would overwrite a text the user never saw. A page always sends
    both; code that has just read the row may give the version alone.
    """
    onderzoek = Onderzoek.objects.select_for_update().get(pk=beoordeling.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    actueel = (
        # Lock the row only: PostgreSQL cannot lock the nullable side of the join to its finding.
        Beoordeling.objects.select_for_update(of=("self",))
        .select_related("bevinding")
        .get(pk=beoordeling.pk)
    )
    if bevinding_id is _NIET_GEGEVEN:
        bevinding_id = actueel.bevinding_id if versie is not None else None
    if actueel.bevinding_id != bevinding_id:
        raise VersieConflict(actueel.bevinding or Bevinding(onderzoek=onderzoek, versie=0))
    if bevinding_id is None:
        if not tekst.strip() and not let_op.strip():
            return None
        bevinding = Bevinding(onderzoek=onderzoek, tekst=tekst, let_op=let_op)
        bevinding.full_clean()
        bevinding.save()
        actueel.bevinding = bevinding
        actueel.save(update_fields=["bevinding", "gewijzigd_op"])
        return bevinding
    return _voorwaardelijk_bijwerken(
        Bevinding, pk=bevinding_id, versie=versie, tekst=tekst, let_op=let_op
    )


class RijConflict(VersieConflict):
    """Someone else saved this row's score and/or finding since it was loaded; nothing of the
    save was written. `actueel` is the row now, `bevinding` its finding now."""

    def __init__(self, *, actueel: Beoordeling, oordeel: bool, tekst: bool):
        super().__init__(actueel)
        self.bevinding = actueel.bevinding
        self.oordeel = oordeel
        self.tekst = tekst


@transaction.atomic
def beoordelingsrij_opslaan(
    *,
    beoordeling: Beoordeling,
    optie: Schaaloptie | None,
    niet_getoetst: bool,
    beoordeling_versie: int | None,
    bevinding: tuple[str, str] | None,
    bevinding_id: int | None,
    bevinding_versie: int | None,
    door=None,
) -> Beoordeling:
    """Save one row of the scoring page: what differs from the database, all or nothing.

    `bevinding` is (tekst, let_op), or None when the post did not carry the finding. Each part
    is saved only if it differs, so two inspectors changing different parts do not collide; a
    part someone else changed since the page was loaded is a RijConflict naming every part
    that conflicts, so the page can show both versions of each.
    """
    onderzoek = Onderzoek.objects.select_for_update().get(pk=beoordeling.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    actueel = (
        Beoordeling.objects.select_for_update(of=("self",))
        .select_related("bevinding", "optie")
        .get(pk=beoordeling.pk)
    )
    oordeel_anders = (optie.pk if optie else None, niet_getoetst) != (
        actueel.optie_id,
        actueel.niet_getoetst,
    )
    if bevinding is None:
        tekst_anders = False
    elif actueel.bevinding is None:
        tekst_anders = any(deel.strip() for deel in bevinding)
    else:
        tekst_anders = bevinding != (actueel.bevinding.tekst, actueel.bevinding.let_op)
    oordeel_conflict = oordeel_anders and actueel.versie != beoordeling_versie
    tekst_conflict = tekst_anders and _geladen(actueel.bevinding) != (
        bevinding_id,
        bevinding_versie,
    )
    if oordeel_conflict or tekst_conflict:
        raise RijConflict(actueel=actueel, oordeel=oordeel_conflict, tekst=tekst_conflict)
    if oordeel_anders:
        beoordeling_opslaan(
            beoordeling=actueel,
            optie=optie,
            niet_getoetst=niet_getoetst,
            versie=actueel.versie,
            door=door,
        )
    if tekst_anders:
        tekst, let_op = bevinding
        bevinding_opslaan(
            beoordeling=actueel,
            tekst=tekst,
            let_op=let_op,
            bevinding_id=actueel.bevinding_id,
            versie=actueel.bevinding.versie if actueel.bevinding else None,
            door=door,
        )
    return Beoordeling.objects.select_related("bevinding", "optie").get(pk=beoordeling.pk)


class DelenGeweigerd(OnderzoekFout):
    """A shared finding would replace findings: `rijen` (with their findings now) lists them.

    `gewijzigd` are the rows whose finding changed since the page was loaded (a conflict);
    without those, the user has only to confirm the replacement (`bevestigen`).
    """

    def __init__(self, *, rijen: list[Beoordeling], gewijzigd: set[int]):
        if gewijzigd:
            bericht = _(
                "Iemand anders heeft intussen de bevinding van een of meer gekozen indicatoren "
                "gewijzigd. Hieronder staat wat nu is opgeslagen; uw gedeelde bevinding is nog "
                "niet opgeslagen."
            )
        else:
            bericht = _(
                "De gekozen indicatoren hebben al een bevinding. Die wordt vervangen door de "
                "gedeelde bevinding: kijk of dat de bedoeling is."
            )
        super().__init__(bericht)
        self.rijen = rijen
        self.gewijzigd = gewijzigd

    @property
    def bevestigen(self) -> bool:
        return not self.gewijzigd


@transaction.atomic
def bevinding_delen(
    *,
    beoordelingen: list[Beoordeling],
    tekst: str,
    let_op: str = "",
    geladen: dict[int, tuple[int | None, int | None]] | None = None,
    vervangen_bevestigd: bool = False,
    door=None,
) -> Bevinding:
    """One finding for several indicators of the same criterion, written once.

    `geladen` holds, per row, the finding the page showed (id, version); a row missing from it
    had none. A row whose finding changed since, or gained one, is refused; a row's existing
    finding is only replaced when the user confirmed that after seeing it.
    """
    if len(beoordelingen) < 2:
        raise OnderzoekFout(_("Kies ten minste twee indicatoren om een bevinding te delen."))
    onderzoek_ids = {b.onderzoek_id for b in beoordelingen}
    criteria = {b.indicator.criterium_id for b in beoordelingen}
    if len(onderzoek_ids) != 1 or len(criteria) != 1:
        raise OnderzoekFout(
            _("Een gedeelde bevinding hoort bij indicatoren van hetzelfde criterium.")
        )
    if not tekst.strip():
        raise OnderzoekFout(_("Schrijf de bevinding."))
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek_ids.pop())
    _moet_bewerkbaar_zijn(onderzoek)
    geladen = geladen or {}
    rijen = list(
        Beoordeling.objects.select_for_update(of=("self",))
        .filter(pk__in=[b.pk for b in beoordelingen])
        .select_related("bevinding", "indicator")
        .order_by("indicator__volgorde", "pk")
    )
    gewijzigd = {b.pk for b in rijen if _geladen(b.bevinding) != geladen.get(b.pk, (None, None))}
    te_vervangen = [
        b
        for b in rijen
        if b.bevinding is not None and (b.bevinding.tekst.strip() or b.bevinding.let_op.strip())
    ]
    if gewijzigd or (te_vervangen and not vervangen_bevestigd):
        raise DelenGeweigerd(
            rijen=[b for b in rijen if b.bevinding is not None], gewijzigd=gewijzigd
        )
    bevinding = Bevinding(onderzoek=onderzoek, tekst=tekst, let_op=let_op)
    bevinding.full_clean()
    bevinding.save()
    # The rows' own versions guard their scores, which do not change here.
    for b in rijen:
        b.bevinding = bevinding
        b.save(update_fields=["bevinding", "gewijzigd_op"])
    return bevinding


@transaction.atomic
def conclusie_opslaan(
    *, conclusie: ThemaConclusie, gaat_goed: str, kan_beter: str, versie: int, door=None
) -> ThemaConclusie:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=conclusie.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    return _voorwaardelijk_bijwerken(
        ThemaConclusie, pk=conclusie.pk, versie=versie, gaat_goed=gaat_goed, kan_beter=kan_beter
    )


# The study's own texts that inspectors write (which of them a soort shows: the form decides).
ONDERZOEK_TEKSTVELDEN = (
    "titel",
    "samenvatting",
    "inleiding",
    "context",
    "aanpak_beschrijving",
    "ontwikkeling",
    "oordeel",
    "kansen",
    "bronnen",
)
ONDERZOEK_TEKSTEN = (*ONDERZOEK_TEKSTVELDEN, "presentatiedatum", "voortgang_deadline")


@transaction.atomic
def onderzoek_teksten_opslaan(
    *, onderzoek: Onderzoek, versie: int, respondenten=None, door=None, **teksten
) -> Onderzoek:
    actueel = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    _moet_bewerkbaar_zijn(actueel)
    velden = {k: v for k, v in teksten.items() if k in ONDERZOEK_TEKSTEN}
    resultaat = _voorwaardelijk_bijwerken(Onderzoek, pk=onderzoek.pk, versie=versie, **velden)
    if respondenten is not None:
        resultaat.respondenten.set(respondenten)
    return resultaat


# --- Chapters of an onderzoeksrapport ---------------------------------------------------------


@transaction.atomic
def hoofdstuk_toevoegen(*, onderzoek: Onderzoek, titel: str, door=None) -> Hoofdstuk:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    _moet_bewerkbaar_zijn(onderzoek)
    if not onderzoek.is_toezichtonderzoek:
        raise OnderzoekFout(_("Alleen een toezichtonderzoek heeft hoofdstukken."))
    if not titel.strip():
        raise OnderzoekFout(_("Geef het hoofdstuk een titel."))
    laatste = onderzoek.hoofdstukken.aggregate(m=models.Max("volgorde"))["m"] or 0
    hoofdstuk = Hoofdstuk(onderzoek=onderzoek, titel=titel.strip(), volgorde=laatste + 1)
    hoofdstuk.full_clean()
    hoofdstuk.save()
    return hoofdstuk


@transaction.atomic
def hoofdstuk_opslaan(*, hoofdstuk: Hoofdstuk, versie: int, door=None, **teksten) -> Hoofdstuk:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=hoofdstuk.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    velden = {k: v for k, v in teksten.items() if k in Hoofdstuk.TEKSTEN}
    if "titel" in velden and not velden["titel"].strip():
        raise OnderzoekFout(_("Geef het hoofdstuk een titel."))
    return _voorwaardelijk_bijwerken(Hoofdstuk, pk=hoofdstuk.pk, versie=versie, **velden)


@transaction.atomic
def hoofdstuk_verplaatsen(*, hoofdstuk: Hoofdstuk, omhoog: bool, door=None) -> None:
    """Swap a chapter with the one before (omhoog) or after it; the ends stay where they are."""
    onderzoek = Onderzoek.objects.select_for_update().get(pk=hoofdstuk.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    volgorde = list(onderzoek.hoofdstukken.order_by("volgorde", "id"))
    plek = next(i for i, h in enumerate(volgorde) if h.pk == hoofdstuk.pk)
    ander = plek - 1 if omhoog else plek + 1
    if not 0 <= ander < len(volgorde):
        return
    volgorde[plek], volgorde[ander] = volgorde[ander], volgorde[plek]
    for nummer, h in enumerate(volgorde, start=1):
        if h.volgorde != nummer:
            Hoofdstuk.objects.filter(pk=h.pk).update(volgorde=nummer)


@transaction.atomic
def hoofdstuk_verwijderen(*, hoofdstuk: Hoofdstuk, versie: int, door=None) -> None:
    """Delete a chapter, but not one that someone changed since it was loaded."""
    onderzoek = Onderzoek.objects.select_for_update().get(pk=hoofdstuk.onderzoek_id)
    _moet_bewerkbaar_zijn(onderzoek)
    actueel = Hoofdstuk.objects.select_for_update().get(pk=hoofdstuk.pk)
    if actueel.versie != versie:
        raise VersieConflict(actueel)
    actueel.delete()


# --- Workflow --------------------------------------------------------------------------------


def ontbrekend(*, onderzoek: Onderzoek) -> list[str]:
    if onderzoek.is_toezichtonderzoek:
        return ontbrekend_in_rapport(
            teksten={veld: getattr(onderzoek, veld) for veld in ONDERZOEK_TEKSTEN},
            hoofdstukken=onderzoek.hoofdstukken.values("titel", "bevindingen", "conclusie"),
        )
    rijen = [
        {
            "tekst": b.indicator.tekst,
            "gescoord": b.is_gescoord,
            "heeft_bevinding": bool(b.bevinding_id and b.bevinding.tekst.strip()),
        }
        for b in onderzoek.beoordelingen.select_related("indicator", "bevinding")
    ]
    return ontbrekend_voor_review(rijen)


@transaction.atomic
def onderzoek_ter_review_sturen(*, onderzoek: Onderzoek, door) -> Onderzoek:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status != Onderzoek.Status.CONCEPT:
        raise OnderzoekFout(_("Alleen een concept kan ter review worden gestuurd."))
    problemen = ontbrekend(onderzoek=onderzoek)
    if problemen:
        raise OnderzoekFout(
            _("Nog niet compleet: %(aantal)d punt(en) ontbreken.") % {"aantal": len(problemen)}
        )
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.TER_REVIEW, door=door)
    return onderzoek


@transaction.atomic
def onderzoek_vaststellen(*, onderzoek: Onderzoek, door) -> Onderzoek:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status != Onderzoek.Status.TER_REVIEW:
        raise OnderzoekFout(_("Alleen een onderzoek dat ter review ligt kan worden vastgesteld."))
    laatste = onderzoek.statuswijzigingen.filter(naar=Onderzoek.Status.TER_REVIEW).last()
    if laatste is not None and laatste.door_id == door.pk:
        raise OnderzoekFout(
            _("Een tweede inspecteur stelt het onderzoek vast, niet wie het ter review stuurde.")
        )
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.VASTGESTELD, door=door)
    return onderzoek


def onderzoek_publiceren(*, onderzoek: Onderzoek, door) -> Onderzoek:
    """Publish a vastgesteld study and freeze what it publishes (PDF, portal page).

    Not one transaction: the report is rendered first, as it will be published, and the
    status change and the frozen copy are then saved together in one short transaction
    (rapporten.services.rapport_bevriezen), so no write lock is held while rendering.
    """
    onderzoek = Onderzoek.objects.get(pk=onderzoek.pk)
    _moet_vastgesteld_zijn(onderzoek)
    publicatiedatum = timezone.localdate()
    deadline = onderzoek.voortgang_deadline or standaard_voortgang_deadline(publicatiedatum)

    def publiceren(actueel: Onderzoek) -> None:
        _moet_vastgesteld_zijn(actueel)
        actueel.publicatiedatum = publicatiedatum
        actueel.voortgang_deadline = deadline
        actueel.save(update_fields=["publicatiedatum", "voortgang_deadline", "gewijzigd_op"])
        status_zetten(onderzoek=actueel, naar=Onderzoek.Status.GEPUBLICEERD, door=door)

    from rapporten.services import rapport_bevriezen  # published means frozen (issue 6)

    rapport_bevriezen(
        onderzoek=onderzoek,
        publiceren=publiceren,
        status=Onderzoek.Status.GEPUBLICEERD,
        publicatiedatum=publicatiedatum,
        voortgang_deadline=deadline,
    )
    onderzoek.refresh_from_db()
    return onderzoek


def _moet_vastgesteld_zijn(onderzoek: Onderzoek) -> None:
    if onderzoek.status != Onderzoek.Status.VASTGESTELD:
        raise OnderzoekFout(_("Alleen een vastgesteld onderzoek kan worden gepubliceerd."))


@transaction.atomic
def onderzoek_heropenen(*, onderzoek: Onderzoek, door, reden: str) -> Onderzoek:
    onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if onderzoek.status == Onderzoek.Status.CONCEPT:
        raise OnderzoekFout(_("Dit onderzoek is al een concept."))
    if not reden.strip():
        raise OnderzoekFout(_("Geef een reden om het onderzoek te heropenen."))
    # A published study keeps its frozen publication: the portal shows that until the
    # corrected version is published (inspecties.selectors_portaal.in_portaal).
    status_zetten(onderzoek=onderzoek, naar=Onderzoek.Status.CONCEPT, door=door, reden=reden)
    return onderzoek
