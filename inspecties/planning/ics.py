"""An inspector's agenda items as an iCalendar (RFC 5545) file, made with the `icalendar`
library: all-day events whose end date is exclusive, with a stable UID per item so an agenda
updates an event instead of adding it twice."""

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//Toezicht Sociaal Domein//Inspectieplanning//NL"


def agenda_ics(items, *, naam: str, domein: str = "toezicht", link=None) -> bytes:
    """`link(onderzoek)`: the absolute URL of the study's page, added to each event."""
    agenda = Calendar()
    agenda.add("prodid", PRODID)
    agenda.add("version", "2.0")
    agenda.add("calscale", "GREGORIAN")
    agenda.add("x-wr-calname", f"Inspectieplanning {naam}")
    nu = datetime.now(UTC)
    for item in items:
        o = item.onderzoek
        event = Event()
        event.add("uid", f"{item.soort}-{o.pk}@{domein}")
        event.add("dtstamp", nu)
        event.add("dtstart", item.van)
        event.add("dtend", item.tot + timedelta(days=1))
        event.add("summary", item.titel)
        event.add(
            "description",
            f"Status: {o.get_status_display()}. Inspecteurs: {', '.join(item.inspecteurs)}.",
        )
        event.add("transp", "TRANSPARENT")
        if link is not None:
            event.add("url", link(o))
        agenda.add_component(event)
    return agenda.to_ical()
