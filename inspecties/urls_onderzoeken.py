from django.urls import path

from inspecties import views

app_name = "inspecties"

urlpatterns = [
    path("", views.onderzoek_lijst, name="onderzoek_lijst"),
]
