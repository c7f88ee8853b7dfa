from django.urls import path

from inspecties.meldingen import views

app_name = "meldingen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("gelezen/", views.gelezen, name="gelezen"),
    path("<int:melding_pk>/", views.openen, name="openen"),
]
