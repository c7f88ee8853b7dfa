"""The domain errors of studies, each with a Dutch message for the user."""

from django.utils.translation import gettext as _

from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken.models import Beoordeling


class OnderzoekFout(ToezichtFout):
    """A change to a study that is not allowed, with a Dutch message for the user."""


class NietCompleet(OnderzoekFout):
    """What still blocks sending a study for review: `problemen`, each a Dutch sentence."""

    def __init__(self, problemen: list[str]):
        super().__init__(
            _("Nog niet compleet: %(aantal)d punt(en) ontbreken.") % {"aantal": len(problemen)}
        )
        self.problemen = problemen


class VersieConflict(OnderzoekFout):
    """Someone else saved this item since it was loaded; `actueel` is what the DB holds now."""

    def __init__(self, actueel):
        super().__init__(_("Iemand anders heeft dit intussen opgeslagen. Kies welke tekst blijft."))
        self.actueel = actueel


class RijConflict(VersieConflict):
    """Someone else saved this row's score and/or finding since it was loaded; nothing of the
    save was written. `actueel` is the row now, `bevinding` its finding now."""

    def __init__(self, *, actueel: Beoordeling, oordeel: bool, tekst: bool):
        super().__init__(actueel)
        self.bevinding = actueel.bevinding
        self.oordeel = oordeel
        self.tekst = tekst


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
