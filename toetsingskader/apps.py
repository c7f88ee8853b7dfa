from django.apps import AppConfig


class ToetsingskaderConfig(AppConfig):
    name = "toetsingskader"
    verbose_name = "Toetsingskaders"
