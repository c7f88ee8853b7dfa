from django.urls import path

from inspecties.ontwikkeling import views

app_name = "ontwikkeling"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:gemeente_pk>/", views.pagina, name="gemeente"),
    path("<int:gemeente_pk>/ontwikkeling.csv", views.csv_export, name="csv"),
]
