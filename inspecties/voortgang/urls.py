"""The inspectors' inbox of progress reports sent through the municipality portal."""

from django.urls import path

from inspecties.voortgang import views

app_name = "voortgang"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("onderzoeken/<int:onderzoek_pk>/", views.inbox_onderzoek, name="inbox_onderzoek"),
    path("<int:rapportage_pk>/gelezen/", views.gelezen, name="gelezen"),
    path("<int:rapportage_pk>/download/", views.inspecteur_download, name="download"),
]
urlpatterns += [
    path("<int:rapportage_pk>/", views.rapportage, name="rapportage"),
    path("<int:rapportage_pk>/beoordelen/", views.beoordelen, name="beoordelen"),
    path("<int:rapportage_pk>/koppelen/", views.koppelen, name="koppelen"),
    path(
        "verbeterplannen/<int:plan_pk>/accepteren/", views.plan_accepteren, name="plan_accepteren"
    ),
]
