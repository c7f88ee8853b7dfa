"""Root URLconf. Each app mounts its own urls.py with an app_name."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from inspecties import views
from inspecties.beveiliging.views import InloggenView

urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", InloggenView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("onderzoeken/", include("inspecties.urls_onderzoeken")),
    path("portaal/", include("inspecties.urls_portaal")),
    path("voortgangsrapportages/", include("inspecties.urls_voortgang")),
    path("rapporten/", include("rapporten.urls")),
    path("kaders/", include("toetsingskader.urls")),
    # One way in: the admin's own login form (password and code in one, outside our throttling
    # and audit of the second factor) sends to ours.
    path("beheer/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("beheer/", admin.site.urls),
    path("account/", include("inspecties.beveiliging.urls")),
]
