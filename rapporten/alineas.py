"""A stored text as the reports print it: paragraphs, and only those.

Inspectors type a blank line between paragraphs. A single newline inside a paragraph is where
the source (a PDF, an e-mail) wrapped its line, not a new paragraph: it becomes a space. A line
starting with "- " or "• " is an item of a list, as the published documents print them.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

ALINEAGRENS = re.compile(r"\n[ \t]*\n")
LIJSTTEKEN = re.compile(r"^[-•]\s+")


@dataclass
class Blok:
    """A paragraph (`tekst`) or a list (`items`)."""

    tekst: str = ""
    items: list[str] = field(default_factory=list)


def blokken(tekst: str | None) -> list[Blok]:
    uit: list[Blok] = []
    for alinea in ALINEAGRENS.split((tekst or "").replace("\r\n", "\n").replace("\r", "\n")):
        regels: list[str] = []
        lijst: Blok | None = None
        for regel in (r.strip() for r in alinea.split("\n")):
            if not regel:
                continue
            teken = LIJSTTEKEN.match(regel)
            if teken:
                if regels:
                    uit.append(Blok(tekst=" ".join(regels)))
                    regels = []
                if lijst is None:
                    lijst = Blok()
                    uit.append(lijst)
                lijst.items.append(regel[teken.end() :])
            elif lijst is not None:
                lijst.items[-1] += " " + regel  # a wrapped list item
            else:
                regels.append(regel)
        if regels:
            uit.append(Blok(tekst=" ".join(regels)))
    return uit


def als_html(tekst: str | None, klasse: str = "tekst") -> SafeString:
    """<p> per paragraph and <ul> per list, the text escaped; nothing for an empty text."""
    delen = []
    for blok in blokken(tekst):
        if blok.items:
            items = format_html_join("", "<li>{}</li>", ((i,) for i in blok.items))
            delen.append(f'<ul class="{klasse}">{items}</ul>')
        else:
            delen.append(f'<p class="{klasse}">{conditional_escape(blok.tekst)}</p>')
    return mark_safe("".join(delen))  # noqa: S308 - every text part escaped above
