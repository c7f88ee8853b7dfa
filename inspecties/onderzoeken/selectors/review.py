"""What a study still lacks before it can go to review."""

from inspecties.onderzoeken.models import ONDERZOEK_TEKSTEN, Onderzoek
from inspecties.regels.onderzoeksrapport import ontbrekend_in_rapport
from inspecties.regels.scope import ontbrekend_voor_review


def ontbrekend(*, onderzoek: Onderzoek) -> list[str]:
    """What still blocks sending the study for review, as Dutch sentences (empty: nothing).
    The one place this is decided: the review service refuses with it, the page lists it."""
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


def ter_review_gestuurd_door(*, onderzoek: Onderzoek) -> int | None:
    """The id of who last sent the study for review: its author, who does not approve it."""
    laatste = (
        onderzoek.statuswijzigingen.filter(naar=Onderzoek.Status.TER_REVIEW)
        .order_by("-pk")
        .values_list("door_id", flat=True)
        .first()
    )
    return laatste


def mag_vaststellen(*, onderzoek: Onderzoek, gebruiker) -> bool:
    """A study under review is approved by a second inspector, never by who sent it."""
    return (
        onderzoek.status == Onderzoek.Status.TER_REVIEW
        and ter_review_gestuurd_door(onderzoek=onderzoek) != gebruiker.pk
    )
