"""Read a form out of a rendered page and build what a browser would send for it.

A browser sends what its controls hold, not what the HTML says: an `<input type="date">` whose
value is not a valid ISO date (`2014-11-17`) holds nothing and sends an empty string. Tests that
post "the form as loaded" use this, so they fail where a real browser would lose data.
"""

import re
from html.parser import HTMLParser

ISO_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MAAND = re.compile(r"^\d{4}-\d{2}$")


class _Formulieren(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.formulieren: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "velden": [], "invoer": []}
            self.formulieren.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            self._form["invoer"].append(attrs)
            soort = attrs.get("type", "text")
            if "name" not in attrs or soort in ("submit", "button", "file", "reset"):
                return
            if soort in ("checkbox", "radio") and "checked" not in attrs:
                return
            waarde = attrs.get("value") or ("on" if soort in ("checkbox", "radio") else "")
            if soort == "date" and not ISO_DATUM.match(waarde):
                waarde = ""  # what Chromium does with value="17-11-2014"
            if soort == "month" and not ISO_MAAND.match(waarde):
                waarde = ""  # likewise for a month input holding "2015-06-01"
            self._form["velden"].append((attrs["name"], waarde))
        elif tag == "textarea" and "name" in attrs:
            self._textarea = [attrs["name"], ""]
        elif tag == "select" and "name" in attrs:
            self._select = {"naam": attrs["name"], "gekozen": None, "eerste": None}
        elif tag == "option" and self._select is not None:
            waarde = attrs.get("value", "")
            if self._select["eerste"] is None:
                self._select["eerste"] = waarde
            if "selected" in attrs:
                self._select["gekozen"] = waarde

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            tekst = self._textarea[1]
            # The HTML parser drops one newline straight after <textarea>, as browsers do.
            self._form["velden"].append((self._textarea[0], tekst.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            s = self._select
            waarde = s["gekozen"] if s["gekozen"] is not None else s["eerste"]
            if waarde is not None:
                self._form["velden"].append((s["naam"], waarde))
            self._select = None


def formulieren(html: str) -> list[dict]:
    parser = _Formulieren()
    parser.feed(html)
    return parser.formulieren


def formulier(html: str, *, action: str) -> dict:
    """The form posting to `action`: {"velden": [(name, value), ...], "invoer": [attrs]}."""
    gevonden = [f for f in formulieren(html) if f["attrs"].get("action") == action]
    assert len(gevonden) == 1, f"{len(gevonden)} formulieren naar {action}"
    return gevonden[0]


def verzenden(form: dict, **wijzigingen) -> dict[str, list[str]]:
    """The POST data a browser sends for `form`, with some fields changed by the user."""
    data: dict[str, list[str]] = {}
    for naam, waarde in form["velden"]:
        data.setdefault(naam, []).append(waarde)
    for naam, waarde in wijzigingen.items():
        data[naam] = waarde if isinstance(waarde, list) else [waarde]
    return data


def datumvelden(html: str) -> list[dict]:
    """Every `<input type="date">` on the page, with its attributes."""
    return [
        invoer
        for form in formulieren(html)
        for invoer in form["invoer"]
        if invoer.get("type") == "date"
    ]
