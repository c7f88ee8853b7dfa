"""Creating a study with the scores its scope needs."""

from django.db import transaction
from django.utils.translation import gettext as _

from gemeenten.models import Aanpak
from inspecties.onderzoeken.fouten import OnderzoekFout
from inspecties.onderzoeken.models import (
    Beoordeling,
    Onderzoek,
    ThemaConclusie,
)
from inspecties.onderzoeken.services.versies import opslaan
from inspecties.regels.scope import vervolg_scope
from toetsingskader.models import Toetsingskader


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
        if not vorig_onderzoek.is_afgerond:
            raise OnderzoekFout(_("Het eerdere onderzoek is nog niet vastgesteld."))
    else:
        vorig_onderzoek = None

    onderzoek = Onderzoek(
        aanpak=aanpak, kader=kader, soort=soort, jaar=jaar, vorig_onderzoek=vorig_onderzoek
    )
    onderzoek.context = aanpak.gemeente.context
    onderzoek.aanpak_beschrijving = aanpak.beschrijving
    onderzoek.full_clean()
    opslaan(onderzoek, door=door)
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
