"""The traffic of bench/loadtest.py: a user's HTTP session (cookies, CSRF, timings) and what
inspectors and municipality users do. Plain urllib: adjust the URLs here when pages move."""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django_otp.oath import totp

if TYPE_CHECKING:
    from django_otp.plugins.otp_totp.models import TOTPDevice

WACHTWOORD = "loadtest-" + "x" * 12

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Meting:
    duren: list = field(default_factory=list)
    per_soort: dict = field(default_factory=dict)  # kind of request -> durations
    fouten: dict = field(default_factory=dict)
    opgeslagen: list = field(default_factory=list)  # tokens the server confirmed
    lock: threading.Lock = field(default_factory=threading.Lock)

    def verzoek(self, duur: float, fout: str | None = None, soort: str = "overig"):
        with self.lock:
            self.duren.append(duur)
            self.per_soort.setdefault(soort, []).append(duur)
            if fout:
                self.fouten[fout] = self.fouten.get(fout, 0) + 1


class Sessie:
    """One simulated browser: its own cookies, CSRF token taken from the forms it gets."""

    def __init__(self, basis: str, meting: Meting):
        self.basis = basis.rstrip("/")
        self.meting = meting
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), GeenRedirect()
        )

    def verzoek(self, pad: str, data: dict | None = None, tellen=True, soort="overig", htmx=False):
        """(status, body, location). Redirects are returned, not followed."""
        url = self.basis + pad
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": url}
        if htmx:
            headers["HX-Request"] = "true"
        req = urllib.request.Request(url, data=body, headers=headers)
        start = time.perf_counter()
        fout = None
        try:
            with self.opener.open(req, timeout=30) as r:
                status, inhoud, locatie = r.status, r.read(), r.headers.get("Location", "")
        except urllib.error.HTTPError as e:
            status, inhoud, locatie = e.code, e.read(), e.headers.get("Location", "")
        except Exception as e:  # connection refused, timeout, ...
            status, inhoud, locatie, fout = 0, b"", "", type(e).__name__
        if fout is None and status >= 400:
            fout = f"http-{status}"
        if tellen:
            self.meting.verzoek(time.perf_counter() - start, fout, soort)
        return status, inhoud.decode("utf-8", "replace"), locatie

    def csrf(self, pad: str) -> str:
        status, html, _ = self.verzoek(pad, tellen=False)
        m = CSRF_RE.search(html)
        if not m:
            raise RuntimeError(f"Geen formulier op {pad} (status {status})")
        return m.group(1)


class GeenRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def inloggen(s: Sessie, username: str, apparaat: "TOTPDevice | None") -> None:
    token = s.csrf("/inloggen/")
    status, _, locatie = s.verzoek(
        "/inloggen/",
        {"csrfmiddlewaretoken": token, "username": username, "password": WACHTWOORD},
        tellen=False,
    )
    if status != 302:
        raise RuntimeError(f"Inloggen {username} mislukt: {status}")
    if apparaat is not None:
        pad = "/account/tweede-factor/"
        code = totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
        status, _, _ = s.verzoek(
            pad,
            {"csrfmiddlewaretoken": s.csrf(pad), "code": f"{code:06d}"},
            tellen=False,
        )
        if status != 302:
            raise RuntimeError(f"Tweede factor {username} mislukt: {status}")


VERSIE_RE = {
    naam: re.compile(rf'name="{naam}" value="(\d*)"')
    for naam in ("beoordeling_versie", "bevinding_id", "bevinding_versie")
}


@dataclass
class Rij:
    """One indicator row an inspector owns, with the versions it last loaded (as a browser)."""

    onderzoek: int
    beoordeling: int
    beoordeling_versie: str = "1"
    bevinding_id: str = ""
    bevinding_versie: str = ""


def inspecteur_opslaan(s: Sessie, rij: Rij, optie: int, token: str) -> bool:
    """Save a score and finding on the scoring page (the htmx row save), as the browser does."""
    status, html, _ = s.verzoek(
        f"/onderzoeken/{rij.onderzoek}/beoordeling/{rij.beoordeling}/",
        {
            "csrfmiddlewaretoken": s.token,
            "beoordeling_versie": rij.beoordeling_versie,
            "bevinding_id": rij.bevinding_id,
            "bevinding_versie": rij.bevinding_versie,
            "oordeel": optie,
            "tekst": token,
            "let_op": "",
        },
        soort="scoren-opslaan",
        htmx=True,
    )
    if status != 200 or 'data-testid="opgeslagen">Opgeslagen<' not in html:
        return False
    # The returned row carries the new versions, exactly as the page would use them next.
    for naam, patroon in VERSIE_RE.items():
        gevonden = patroon.search(html)
        if gevonden:
            setattr(rij, naam, gevonden.group(1))
    return True


def inspecteur_bladeren(s: Sessie, rij: Rij) -> None:
    s.verzoek("/onderzoeken/", soort="inspecteur-lijst")
    s.verzoek(f"/onderzoeken/{rij.onderzoek}/", soort="scoren-pagina")


def gemeente_bladeren(s: Sessie, doel: dict) -> None:
    """The municipality portal (issue 4): home page and the study page."""
    s.verzoek("/portaal/", soort="portaal")
    s.verzoek(f"/portaal/onderzoeken/{doel['onderzoek']}/", soort="portaal-onderzoek")


def gemeente_downloaden(s: Sessie, doel: dict) -> None:
    """A progress report of the user's own gemeente through the portal (issue 4)."""
    s.verzoek(f"/portaal/rapportages/{doel['rapportage']}/download/", soort="portaal-download")
