"""No page has two elements with the same id (issue 18, item 12): a label, aria-labelledby or a
skip link pointing at a duplicated id reaches the wrong element, and a second form's fields with
copied ids lose their labels. Every page the permission matrix visits, as every role that may
see it, is parsed and its ids counted."""

from collections import Counter
from html.parser import HTMLParser

from django.urls import reverse

from tests.conftest import inloggen
from tests.test_toegangsmatrix import MATRIX, ROLLEN, gebruikers, te_controleren, url_kwargs

__all__ = ["gebruikers"]  # the fixture, imported so pytest finds it here


class Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag, attrs):
        for naam, waarde in attrs:
            if naam == "id" and waarde:
                self.ids[waarde] += 1

    handle_startendtag = handle_starttag


def dubbele_ids(html: str) -> list[str]:
    parser = Ids()
    parser.feed(html)
    return sorted(i for i, n in parser.ids.items() if n > 1)


def test_de_parser_vindt_dubbele_ids():
    assert dubbele_ids('<p id="a"></p><input id="a"><br id="b"/>') == ["a"]
    assert dubbele_ids('<p id="a"></p><p id="b"></p>') == []


def test_geen_pagina_heeft_dubbele_ids(gebruikers, client):
    wereld, per_rol = gebruikers
    waarden = url_kwargs(wereld)
    fouten, bekeken = [], 0
    for _route, naam, kwargs in te_controleren():
        regel = MATRIX[naam]
        if regel.get("_methode") == "post":
            continue
        eigen = regel["_kwargs"](wereld) if "_kwargs" in regel else {}
        url = reverse(naam, kwargs={**{k: waarden[k] for k in kwargs if k in waarden}, **eigen})
        for rol in ROLLEN:
            if regel[rol] != 200:
                continue
            client.logout()
            if per_rol[rol] is not None:
                inloggen(client, per_rol[rol])
            antwoord = client.get(url)
            if "text/html" not in antwoord.get("Content-Type", ""):
                continue
            bekeken += 1
            dubbel = dubbele_ids(antwoord.content.decode())
            if dubbel:
                fouten.append(f"{naam} als {rol}: {', '.join(dubbel)}")
    assert not fouten, "Dubbele ids:\n" + "\n".join(fouten)
    assert bekeken > 30
