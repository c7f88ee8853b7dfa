"""Root URLconf. Each app mounts its own urls.py with an app_name."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from inspecties.beheer import gezondheid
from inspecties.beveiliging.oidc.views import UitloggenView
from inspecties.beveiliging.views import InloggenView
from inspecties.site import verklaringen
from inspecties.site.views import mijn_werk, start

urlpatterns = [
    path("", start, name="start"),
    path("mijn-werk/", mijn_werk, name="mijn_werk"),
    path("inloggen/", InloggenView.as_view(), name="login"),
    path("uitloggen/", UitloggenView.as_view(), name="logout"),
    path("onderzoeken/", include("inspecties.onderzoeken.urls")),
    path("portaal/", include("inspecties.portaal.urls")),
    path("voortgangsrapportages/", include("inspecties.voortgang.urls")),
    path("ontwikkeling/", include("inspecties.ontwikkeling.urls")),
    path("planning/", include("inspecties.planning.urls")),
    path("rapporten/", include("rapporten.urls")),
    path("kaders/", include("toetsingskader.urls")),
    # One way in: the admin's own login form (password and code in one, outside our throttling
    # and audit of the second factor) sends to ours.
    path("beheer/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("beheer/", admin.site.urls),
    path("account/", include("inspecties.beveiliging.urls")),
    path("meldingen/", include("inspecties.meldingen.urls")),
    path("zoeken/", include("inspecties.zoeken.urls")),
    path("oidc/", include("inspecties.beveiliging.oidc.urls")),
    # Operations (issue 17): readiness and liveness for the ops team's probes.
    path("gezondheid/", gezondheid.Gereedheid.as_view(), name="gezondheid"),
    path("gezondheid/leeft/", gezondheid.Levend.as_view(), name="gezondheid_leeft"),
    # The statements the law asks for (issue 17), without login.
    path("toegankelijkheid/", verklaringen.toegankelijkheidsverklaring, name="toegankelijkheid"),
    path("privacy/", verklaringen.privacyverklaring, name="privacy"),
]
