from django.urls import path

from inspecties.portaal import views

app_name = "portaal"

urlpatterns = [
    path("", views.portaal_home, name="home"),
    path("onderzoeken/<int:onderzoek_pk>/", views.portaal_onderzoek_detail, name="onderzoek"),
    path("onderzoeken/<int:onderzoek_pk>/uploaden/", views.portaal_uploaden, name="uploaden"),
    path("rapportages/<int:rapportage_pk>/download/", views.portaal_download, name="download"),
]
urlpatterns += [
    path(
        "onderzoeken/<int:onderzoek_pk>/verbeterplan/",
        views.portaal_verbeterplan,
        name="verbeterplan",
    ),
]
