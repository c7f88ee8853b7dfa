"""The weeks of a month view, Monday first, with each day's items. Pure: no database."""

import calendar
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Dag:
    datum: date
    in_maand: bool
    items: list = field(default_factory=list)


def maand_weken(jaar: int, maand: int) -> list[list[date]]:
    """The whole weeks that cover the month (days of the months around it included)."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(jaar, maand)


def vul_weken(weken: list[list[date]], maand: int, items) -> list[list[Dag]]:
    return [
        [Dag(d, d.month == maand, [i for i in items if i.op(d)]) for d in week] for week in weken
    ]


def buurmaanden(jaar: int, maand: int) -> tuple[date, date]:
    """The first day of the month before and of the month after."""
    vorige = date(jaar - 1, 12, 1) if maand == 1 else date(jaar, maand - 1, 1)
    volgende = date(jaar + 1, 1, 1) if maand == 12 else date(jaar, maand + 1, 1)
    return vorige, volgende
