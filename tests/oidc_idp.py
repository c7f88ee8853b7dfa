"""A real OpenID Provider on loopback for the single sign-on tests.

oidc-provider-mock (an Authlib-based provider) runs as its own process, started and stopped by
the fixtures in tests/conftest.py. It signs ID tokens with its own RSA key, publishes that key
at /jwks, checks registered clients (id, secret, redirect URI) and the nonce, and renders a
real login page where a user is chosen by `sub`. Claims of a user are set through its
PUT /users/<sub>; claims named like a protocol claim (iss, aud, exp) override what the provider
would put there, which is how the tests get a properly signed token for another audience.
"""

import copy
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Idp:
    url: str
    proces: subprocess.Popen

    def gebruiker(self, sub: str, **claims) -> None:
        """Create or replace the provider's user `sub` with these claims."""
        requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5).raise_for_status()

    def client_registreren(self, *redirect_uris: str) -> tuple[str, str]:
        """Dynamic client registration: (client_id, client_secret)."""
        antwoord = requests.post(
            f"{self.url}/oauth2/clients",
            json={
                "redirect_uris": list(redirect_uris),
                "token_endpoint_auth_method": "client_secret_basic",
            },
            timeout=5,
        )
        antwoord.raise_for_status()
        gegevens = antwoord.json()
        return gegevens["client_id"], gegevens["client_secret"]

    def stoppen(self) -> None:
        self.proces.terminate()
        try:
            self.proces.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proces.kill()


def idp_starten(*, registratie: bool = True) -> Idp:
    """Start a provider process on a free loopback port; returns once it answers discovery."""
    poort = vrije_poort()
    opdracht = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    opdracht += ["--port", str(poort)]
    if registratie:
        opdracht.append("--require-registration=true")
    proces = subprocess.Popen(opdracht, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    idp = Idp(url=f"http://127.0.0.1:{poort}", proces=proces)
    for _ in range(200):
        if proces.poll() is not None:
            raise RuntimeError("De OpenID Provider stopte direct na het starten.")
        try:
            requests.get(f"{idp.url}/.well-known/openid-configuration", timeout=1)
            return idp
        except requests.ConnectionError:
            time.sleep(0.05)
    idp.stoppen()
    raise RuntimeError("De OpenID Provider antwoordt niet.")


def sso_instellen(settings, idp: Idp, client_id: str, secret: str) -> None:
    """Point the application at `idp`, as the environment variables of docs/beheer.md do."""
    settings.OIDC_ISSUER = idp.url
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = secret
    settings.OIDC_ROLLEN_CLAIM = "groups"
    settings.OIDC_ROLLEN = {
        "toezicht-inspecteur": "inspecteur",
        "toezicht-beheer": "beheerder",
        "toezicht-medewerker": "medewerker",
        "toezicht-gemeente": "gemeente",  # refused by the system check; must never be given
    }
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "inspecties.beveiliging.oidc.backend.OidcBackend",
    ]
    # As settings.py does for OIDC_ISSUER: the logout may continue to the provider.
    csp = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    csp["DIRECTIVES"]["form-action"].append(idp.url)
    settings.CONTENT_SECURITY_POLICY = csp


def bij_idp_inloggen(authorize_url: str, sub: str) -> str:
    """What the user does on the provider's login page, over HTTP: choose the user and
    authorize. Returns the URL the provider sends the browser back to (code and state)."""
    sessie = requests.Session()
    pagina = sessie.get(authorize_url, timeout=5)
    assert pagina.status_code == 200, pagina.text[:300]
    antwoord = sessie.post(authorize_url, data={"sub": sub}, timeout=5, allow_redirects=False)
    assert antwoord.status_code == 302, antwoord.text[:300]
    return antwoord.headers["Location"]


def sso_login(client, sub: str):
    """The whole code flow with Django's test client: our login start, the provider's login
    page, our callback. Returns (callback response, callback URL)."""
    start = client.get("/oidc/inloggen/")
    assert start.status_code == 302, start.status_code
    terug = bij_idp_inloggen(start["Location"], sub)
    delen = urlsplit(terug)
    return client.get(f"{delen.path}?{delen.query}"), terug
