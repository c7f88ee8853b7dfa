from django.urls import path

from toetsingskader import views

app_name = "toetsingskader"

urlpatterns = [
    path("<int:pk>/verschil/<int:ander_pk>/", views.verschil, name="verschil"),
]
