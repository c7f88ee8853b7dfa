"""factory_boy factories for the domain; frameworks come from the shipped YAML (see conftest)."""

from django.contrib.auth import get_user_model

import factory

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.beveiliging.rollen import Rol, rol_groep
from inspecties.demo.laden import DEMO_WACHTWOORD


class GebruikerFactory(factory.django.DjangoModelFactory):
    """A user; `GebruikerFactory(rol=Rol.INSPECTEUR)` puts them in that role's group."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", DEMO_WACHTWOORD)

    @factory.post_generation
    def rol(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(rol_groep(extracted))
        obj.save()


def gebruiker(rol: str, **kwargs):
    """A user with one role; for Rol.GEMEENTE pass gemeenten=[...]."""
    gemeenten = kwargs.pop("gemeenten", ())
    user = GebruikerFactory(rol=rol, **kwargs)
    for g in gemeenten:
        g.gebruikers.add(user)
    return user


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    provincie = "Utrecht"
    inwoners = 50000


class AanpakFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanpak

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Aanpak {n}")
    beschrijving = "Een aanpak voor gezinnen met geringe sociale redzaamheid."


class NetwerkpartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Netwerkpartner
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Netwerkpartner {n}")


__all__ = [
    "AanpakFactory",
    "GebruikerFactory",
    "GemeenteFactory",
    "NetwerkpartnerFactory",
    "Rol",
    "gebruiker",
]
