"""Why a published study belongs on the proposal list of the inspection calendar. Pure: no
database.

- A follow-up is due a year after publication, when the study left improvement points (X) and
  no follow-up of it exists yet.
- The improvement points are overdue when the progress report's due date has passed, the
  municipality sent none and no follow-up took place (a follow-up is the progress review).
"""

from datetime import date

from inspecties.regels.deadlines import standaard_voortgang_deadline


def voorstel_redenen(
    *,
    publicatiedatum: date | None,
    deadline: date | None,
    heeft_verbeterpunten: bool,
    heeft_vervolg: bool,
    heeft_voortgang: bool,
    vandaag: date,
) -> list[str]:
    """The reasons in Dutch, empty when the study needs nothing yet."""
    redenen = []
    if publicatiedatum and heeft_verbeterpunten and not heeft_vervolg:
        beurt = standaard_voortgang_deadline(publicatiedatum)
        if beurt <= vandaag:
            redenen.append(f"Vervolgonderzoek aan de beurt sinds {beurt:%d-%m-%Y}")
    if deadline and deadline < vandaag and not heeft_voortgang and not heeft_vervolg:
        redenen.append(f"Voortgangsrapportage te laat (uiterlijk {deadline:%d-%m-%Y})")
    return redenen
