"""File names: of the entries inside an archive, and of an upload as we keep and serve it."""

import re
import unicodedata

from inspecties.voortgang.uploads.grenzen import (
    EXTENSIE,
)

_STATION = re.compile(r"^[A-Za-z]:")


def onderdeelnaam_is_veilig(naam: str) -> bool:
    """An archive entry name that unpacks inside its folder on every system."""
    if not naam or naam.startswith("/") or "\\" in naam or _STATION.match(naam):
        return False
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in naam):
        return False
    return not any(deel in ("..", ".") for deel in naam.split("/"))


def naam_opschonen(naam: str) -> str:
    """The original file name as we keep and show it: the last path part, without control and
    direction characters (U+202E would show "rapport‮fdp.exe" as "rapportexe.pdf")."""
    naam = unicodedata.normalize("NFC", naam or "")
    naam = re.split(r"[/\\]", naam)[-1]
    naam = "".join(c for c in naam if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))
    return naam.strip(" .")[:255]


def downloadnaam(oorspronkelijke_naam: str, inhoudstype: str) -> str:
    """The name a download gets: the original name's stem with the extension of the type we
    recognised, so a PDF called x.html or x.exe downloads as x.pdf."""
    naam = naam_opschonen(oorspronkelijke_naam)
    stam = naam.rsplit(".", 1)[0] if "." in naam else naam
    stam = re.sub(r'[<>:"|?*]', "_", stam).strip(" .")[:200] or "voortgangsrapportage"
    return f"{stam}.{EXTENSIE[inhoudstype]}"
