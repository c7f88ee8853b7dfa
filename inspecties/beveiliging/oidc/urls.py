"""Single sign-on through the identity provider (404 while OIDC_ISSUER is not set)."""

from django.urls import path

from inspecties.beveiliging.oidc import views as oidc_views

app_name = "oidc"

urlpatterns = [
    path("inloggen/", oidc_views.OidcInloggenView.as_view(), name="inloggen"),
    path("callback/", oidc_views.OidcCallbackView.as_view(), name="callback"),
]
