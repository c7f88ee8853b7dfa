"""`make run` as a small office uses it: the development server and the task worker on one
SQLite file, several people at once. Nobody may get a 5xx ("database is locked")."""

import hashlib
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django_otp.oath import totp

ROOT = Path(__file__).resolve().parent.parent
WACHTWOORD = "toezicht-demo"

# Run inside the real settings (as `make run`): a confirmed second factor for the two internal
# users of this test, and a concept study of Gouda for the inspector to score.
VOORBEREIDEN = """
import json
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from gemeenten.models import Aanpak
from inspecties.onderzoeken.services import onderzoek_aanmaken
from toetsingskader.models import Toetsingskader

User = get_user_model()
sleutels = {}
for naam in ("inspecteur", "medewerker"):
    apparaat = TOTPDevice.objects.create(user=User.objects.get(username=naam), name="t", confirmed=True)
    sleutels[naam] = apparaat.key
onderzoek = onderzoek_aanmaken(
    aanpak=Aanpak.objects.get(gemeente__cbs_code="GM0513"),
    kader=Toetsingskader.objects.get(sleutel="ggsr-beleid"),
    soort="beleidstoets",
    jaar=2016,
    inspecteurs=[User.objects.get(username="inspecteur")],
)
print("JSON" + json.dumps({"sleutels": sleutels, "onderzoek": onderzoek.pk}))
"""


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Formulieren(HTMLParser):
    """The fields a browser would submit, per form id (hidden and text inputs, checked radios,
    textareas), so this test follows the scoring page instead of hard-coding its fields;
    `keuzes` holds each radio group's values."""

    def __init__(self):
        super().__init__()
        self.velden: dict[str, dict[str, str]] = {}
        self.keuzes: dict[str, dict[str, list[str]]] = {}
        self._form = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = a.get("id") or a.get("action")
            self.velden[self._form], self.keuzes[self._form] = {}, {}
        elif self._form is None or "name" not in a:
            return
        elif tag == "input" and a.get("type") == "radio":
            self.keuzes[self._form].setdefault(a["name"], []).append(a.get("value") or "")
            if "checked" in a:
                self.velden[self._form][a["name"]] = a.get("value") or ""
        elif tag == "input" and (a.get("type") != "checkbox" or "checked" in a):
            self.velden[self._form][a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a["name"]
            self.velden[self._form][a["name"]] = ""

    def handle_data(self, data):
        if self._textarea:
            self.velden[self._form][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def formulieren(html: str) -> Formulieren:
    parser = Formulieren()
    parser.feed(html)
    return parser


@dataclass
class Antwoorden:
    lijst: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def noteer(self, wie, methode, pad, status):
        with self.lock:
            self.lijst.append((wie, methode, pad, status))


class Browser:
    """Cookies, CSRF token from the last form, redirects returned rather than followed."""

    class _GeenRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, basis: str, wie: str, antwoorden: Antwoorden):
        self.basis, self.wie, self.antwoorden = basis, wie, antwoorden
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._GeenRedirect()
        )

    def vraag(self, pad: str, data: dict | None = None, htmx: bool = False):
        url = self.basis + pad
        headers = {"Referer": url, **({"HX-Request": "true"} if htmx else {})}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(urllib.request.Request(url, body, headers), timeout=60) as r:
                status, inhoud, naar = r.status, r.read(), r.headers.get("Location", "")
        except urllib.error.HTTPError as e:
            status, inhoud, naar = e.code, e.read(), e.headers.get("Location", "")
        self.antwoorden.noteer(self.wie, "POST" if data is not None else "GET", pad, status)
        return status, inhoud, naar

    def csrf(self, pad: str) -> str:
        html = self.vraag(pad)[1].decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def inloggen(self, gebruiker: str, sleutel: str | None = None) -> None:
        data = {"username": gebruiker, "password": WACHTWOORD}
        status, _, _ = self.vraag(
            "/inloggen/", {"csrfmiddlewaretoken": self.csrf("/inloggen/"), **data}
        )
        assert status == 302, f"{gebruiker}: inloggen gaf {status}"
        if sleutel is not None:
            code = f"{totp(bytes.fromhex(sleutel)):06d}"
            token = self.csrf("/account/tweede-factor/")
            status, _, _ = self.vraag(
                "/account/tweede-factor/", {"csrfmiddlewaretoken": token, "code": code}
            )
            assert status == 302, f"{gebruiker}: tweede factor gaf {status}"


@pytest.fixture
def server(tmp_path):
    """migrate, frameworks, demo (as `make setup`), then the worker and runserver (as `make run`)
    on a fresh SQLite file; yields (base URL, what VOORBEREIDEN printed, log files)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "HTTPS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="inspecties.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        DEBUG="true",
        PYTHONUNBUFFERED="1",
    )

    def manage(*args, **kwargs):
        return [sys.executable, str(ROOT / "manage.py"), *args]

    for stap in (["migrate", "--no-input"], ["laad_toetsingskader"], ["laad_demo"]):
        subprocess.run(manage(*stap), env=env, cwd=ROOT, check=True, capture_output=True)
    uit = subprocess.run(
        manage("shell", "-c", VOORBEREIDEN), env=env, cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    gegevens = json.loads(uit.split("JSON", 1)[1])

    poort = vrije_poort()
    logs = {"worker": tmp_path / "worker.log", "server": tmp_path / "server.log"}
    processen = [
        subprocess.Popen(
            manage("db_worker", "--no-reload"),
            env=env,
            cwd=ROOT,
            stdout=logs["worker"].open("wb"),
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            manage("runserver", "--noreload", f"127.0.0.1:{poort}"),
            env=env,
            cwd=ROOT,
            stdout=logs["server"].open("wb"),
            stderr=subprocess.STDOUT,
        ),
    ]
    basis = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(basis + "/inloggen/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield basis, gegevens, logs
    finally:
        for proces in processen:
            proces.terminate()
        for proces in processen:
            proces.wait(timeout=10)


def test_server_en_worker_op_sqlite_geven_samen_nooit_een_5xx(server):
    basis, gegevens, logs = server
    antwoorden = Antwoorden()
    start = threading.Barrier(6)
    fouten: list[str] = []
    pdfs: dict[str, list[bytes]] = {}
    export: dict[str, str] = {}

    def inspecteur():
        b = Browser(basis, "inspecteur", antwoorden)
        b.inloggen("inspecteur", gegevens["sleutels"]["inspecteur"])
        pad = f"/onderzoeken/{gegevens['onderzoek']}/"
        pagina = formulieren(b.vraag(pad)[1].decode())
        rijen = {k: v for k, v in pagina.velden.items() if k.startswith("rij-")}
        assert len(rijen) > 20
        start.wait()
        for ronde in range(2):
            for rij_id, velden in rijen.items():
                actie = f"{pad}beoordeling/{rij_id.removeprefix('rij-')}/"
                oordeel = pagina.keuzes[rij_id]["oordeel"][ronde]  # √ first, then X
                data = {**velden, "oordeel": oordeel, "tekst": f"Ronde {ronde}"}
                status, html, _ = b.vraag(actie, data, htmx=True)
                assert status == 200, f"opslaan {actie}: {status}"
                assert b'data-testid="conflict"' not in html, f"conflict bij {actie}"
                rijen[rij_id] = formulieren(html.decode()).velden[rij_id]

    def gemeente(naam: str):
        b = Browser(basis, naam, antwoorden)
        b.inloggen(naam)
        html = b.vraag("/portaal/")[1].decode()
        onderzoeken = sorted(set(re.findall(r"/portaal/onderzoeken/(\d+)/", html)))
        assert onderzoeken, f"{naam} ziet geen gepubliceerd onderzoek"
        start.wait()
        for pk in onderzoeken:
            for _ in range(2):  # the first download ever, then again
                status, pdf, _ = b.vraag(f"/rapporten/portaal/{pk}/pdf/")
                assert status == 200 and pdf.startswith(b"%PDF-"), f"{naam} pdf {pk}: {status}"
                pdfs.setdefault(f"{naam}-{pk}", []).append(pdf)
            assert b.vraag(f"/portaal/onderzoeken/{pk}/")[0] == 200

    def medewerker():
        b = Browser(basis, "medewerker", antwoorden)
        b.inloggen("medewerker", gegevens["sleutels"]["medewerker"])
        token = b.csrf("/rapporten/exports/")
        start.wait()
        status, _, naar = b.vraag(
            "/rapporten/exports/", {"csrfmiddlewaretoken": token, "status": "gepubliceerd"}
        )
        assert status == 302, f"bulkexport aanvragen: {status}"
        pad = urllib.parse.urlsplit(naar).path
        for _ in range(600):
            tekst = b.vraag(pad)[1].decode()
            if "Klaar" in tekst or "Mislukt" in tekst:
                export["status"] = "klaar" if "Klaar" in tekst else tekst
                return
            time.sleep(0.1)
        export["status"] = "niet klaar binnen een minuut"

    def draad(functie, *args):
        def uitvoeren():
            try:
                functie(*args)
            except BaseException as fout:  # noqa: BLE001 - reported below with the server log
                fouten.append(f"{functie.__name__}{args}: {fout!r}")
                start.abort()

        return threading.Thread(target=uitvoeren)

    draden = [
        draad(inspecteur),
        draad(gemeente, "gouda"),
        draad(gemeente, "gouda"),
        draad(gemeente, "bergenopzoom"),
        draad(gemeente, "bergenopzoom"),
        draad(medewerker),
    ]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)

    logtekst = {naam: pad.read_text(errors="replace") for naam, pad in logs.items()}
    for naam, tekst in logtekst.items():  # shown by pytest when the test fails
        print(f"===== {naam} =====\n{tekst}")
    fouten_5xx = [a for a in antwoorden.lijst if a[3] >= 500]
    assert not fouten and not fouten_5xx, (fouten, fouten_5xx, logtekst["server"][-3000:])
    assert export.get("status") == "klaar", (export, logtekst["worker"][-3000:])
    for naam, tekst in logtekst.items():
        assert "Traceback" not in tekst and "database is locked" not in tekst, (naam, tekst[-3000:])
    # Everyone who downloads a published report gets the same bytes, every time.
    for sleutel, reeks in pdfs.items():
        assert len({hashlib.sha256(p).hexdigest() for p in reeks}) == 1, sleutel
