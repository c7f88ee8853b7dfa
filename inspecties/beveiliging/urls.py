from django.urls import path

from inspecties.beveiliging import views

app_name = "beveiliging"

urlpatterns = [
    path("tweede-factor/instellen/", views.tweefactor_instellen, name="tweefactor_instellen"),
    path("tweede-factor/", views.tweefactor_verifieren, name="tweefactor_verifieren"),
    path("tweede-factor/apparaten/", views.apparaten, name="apparaten"),
    path("tweede-factor/vervangen/", views.apparaat_vervangen, name="apparaat_vervangen"),
    path("tweede-factor/verwijderen/", views.apparaat_verwijderen, name="apparaat_verwijderen"),
    path("sessies/", views.sessies, name="sessies"),
    path("wachtwoord/", views.WachtwoordWijzigenView.as_view(), name="wachtwoord_wijzigen"),
]
urlpatterns += [
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.WachtwoordInstellenView.as_view(),
        name="wachtwoord_instellen",
    ),
]
