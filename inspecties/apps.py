from django.apps import AppConfig


class InspectiesConfig(AppConfig):
    name = "inspecties"
    verbose_name = "Inspecties"
