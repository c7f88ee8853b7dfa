from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate

RECHT_ACTIES = {
    "add": "toevoegen",
    "change": "wijzigen",
    "delete": "verwijderen",
    "view": "bekijken",
}


def rechten_in_het_nederlands(sender, using="default", **kwargs) -> None:
    """Django names the permissions it creates in English ("Can change onderzoek") and the admin
    shows them as stored: name them in Dutch ("Kan onderzoek wijzigen").

    Runs after every migrate (and test flush), per app, after Django made that app's permissions;
    only Django's own four kinds are renamed.
    """
    from django.contrib.auth.models import Permission
    from django.utils import translation

    gewijzigd = []
    rechten = Permission.objects.using(using).filter(content_type__app_label=sender.label)
    with translation.override("nl"):
        for recht in rechten.select_related("content_type"):
            actie, _, model = recht.codename.partition("_")
            klasse = recht.content_type.model_class()
            if actie not in RECHT_ACTIES or klasse is None or model != klasse._meta.model_name:
                continue
            naam = f"Kan {klasse._meta.verbose_name} {RECHT_ACTIES[actie]}"[:255]
            if recht.name != naam:
                recht.name = naam
                gewijzigd.append(recht)
    Permission.objects.using(using).bulk_update(gewijzigd, ["name"])  # one query per app


class InspectiesConfig(AppConfig):
    default = True  # this module also holds the admin's config (BeheerConfig)
    name = "inspecties"
    verbose_name = "Inspecties"

    def ready(self) -> None:
        post_migrate.connect(rechten_in_het_nederlands, dispatch_uid="rechten_in_het_nederlands")


class BeheerConfig(admin_apps.AdminConfig):
    """Django's admin with our site: the second factor required, our titles."""

    default = False  # INSTALLED_APPS names it; "inspecties" means InspectiesConfig
    default_site = "inspecties.beveiliging.beheersite.BeheerSite"
