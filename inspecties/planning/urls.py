from django.urls import path

from inspecties.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.kalender, name="kalender"),
    path("agendalink/", views.agenda_link, name="agenda_link"),
    path("agenda.ics", views.feed, name="feed"),
]
