"""Due dates of progress reports. Pure: no database."""

from datetime import date


def standaard_voortgang_deadline(publicatiedatum: date) -> date:
    """Progress is due one year after publication (29 February falls back to 28)."""
    try:
        return publicatiedatum.replace(year=publicatiedatum.year + 1)
    except ValueError:
        return publicatiedatum.replace(year=publicatiedatum.year + 1, day=28)


DEADLINE_BIJNA_DAGEN = 30


def deadline_status(deadline: date | None, *, vandaag: date) -> str:
    """'verlopen', 'bijna' (within 30 days), 'ok' or '' when there is no deadline."""
    if deadline is None:
        return ""
    if deadline < vandaag:
        return "verlopen"
    if (deadline - vandaag).days <= DEADLINE_BIJNA_DAGEN:
        return "bijna"
    return "ok"


def verbeterpunt_status(uiterlijk: date | None, *, vandaag: date, geaccepteerd: bool) -> str:
    """An improvement point's due-date status; never 'verlopen' once its plan is accepted
    (a point whose follow-up is published is not open at all)."""
    if geaccepteerd:
        return ""
    return deadline_status(uiterlijk, vandaag=vandaag)
