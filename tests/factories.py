"""factory_boy factories for the domain; frameworks come from the shipped YAML (see conftest)."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

import factory

from gemeenten.models import Aanpak, Gemeente, Netwerkpartner
from inspecties.beveiliging.rollen import Rol, rol_groep
from inspecties.demo.laden import DEMO_WACHTWOORD
from inspecties.models import Bevinding, Onderzoek, Voortgangsrapportage
from inspecties.onderzoeken.services import onderzoek_aanmaken, status_zetten
from inspecties.voortgang.services import voortgangsrapportage_indienen
from toetsingskader.models import Toetsingskader


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


class OnderzoekFactory(factory.django.DjangoModelFactory):
    """A study, made as the application makes one (services.onderzoek_aanmaken: its rows follow
    its scope); needs the frameworks (the `kaders` fixture). By default a concept beleidstoets
    of 2013 on the GGSR framework, nothing scored.

    Traits: `gescoord` (every indicator scored in id order, the first `verbeterpunten` X, each
    with a finding of its own starting with `prefix`), `vastgesteld`, `gepubliceerd` (scored;
    published on 1 March 2014) and `vervolg` (a follow-up, a year later, of a published study
    of the same approach); `concept` says the default out loud. `status` moves the study
    through the workflow's steps as status_zetten records them.
    """

    class Meta:
        model = Onderzoek

    aanpak = factory.SubFactory(AanpakFactory)
    kader = factory.LazyFunction(
        lambda: Toetsingskader.objects.get(sleutel="ggsr-beleid", versie="2013")
    )
    soort = Onderzoek.Soort.BELEIDSTOETS
    jaar = 2013
    vorig_onderzoek = None
    inspecteurs = ()
    # Not fields: _create takes these out.
    status = Onderzoek.Status.CONCEPT
    gescoord = False
    verbeterpunten = 3
    prefix = ""

    class Params:
        concept = factory.Trait(status=Onderzoek.Status.CONCEPT)
        vastgesteld = factory.Trait(gescoord=True, status=Onderzoek.Status.VASTGESTELD)
        gepubliceerd = factory.Trait(gescoord=True, status=Onderzoek.Status.GEPUBLICEERD)
        vervolg = factory.Trait(
            soort=Onderzoek.Soort.VERVOLGONDERZOEK,
            vorig_onderzoek=factory.SubFactory(
                "tests.factories.OnderzoekFactory",
                gepubliceerd=True,
                aanpak=factory.SelfAttribute("..aanpak"),
                kader=factory.SelfAttribute("..kader"),
            ),
            jaar=factory.LazyAttribute(lambda o: o.vorig_onderzoek.jaar + 1),
        )

    @classmethod
    def _create(cls, model_class, *, status, gescoord, verbeterpunten, prefix, **kwargs):
        onderzoek = onderzoek_aanmaken(**kwargs)
        if gescoord:
            scoren(onderzoek, verbeterpunten=verbeterpunten, prefix=prefix)
        return naar_status(onderzoek, status)


def scoren(onderzoek: Onderzoek, *, verbeterpunten: int = 3, prefix: str = "") -> None:
    """Score every indicator: the first `verbeterpunten` X with a finding, the rest √."""
    schaal = {o.code: o for o in onderzoek.kader.schaal.all()}
    for i, b in enumerate(onderzoek.beoordelingen.select_related("indicator").order_by("id")):
        x = i < verbeterpunten
        b.optie = schaal["verbeterpunt" if x else "voldoet"]
        b.bevinding = Bevinding.objects.create(
            onderzoek=onderzoek, tekst=f"{prefix}Bevinding {i}{' (verbeterpunt)' if x else ''}"
        )
        b.save()


def naar_status(onderzoek: Onderzoek, status: str) -> Onderzoek:
    for stap in ("ter_review", "vastgesteld", "gepubliceerd"):
        if Onderzoek.Status.values.index(stap) > Onderzoek.Status.values.index(status):
            break
        status_zetten(onderzoek=onderzoek, naar=stap)
    if status == "gepubliceerd":
        onderzoek.publicatiedatum = date(2014, 3, 1)
        onderzoek.save()
    return onderzoek


# --- A world of two gemeenten for the portal and access tests ---------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(naam: str = "voortgang.pdf", inhoud: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


@dataclass
class PortaalWereld:
    """Gouda with a study in every status and an upload; another gemeente with its own."""

    gouda: Gemeente
    ander: Gemeente
    gouda_gebruiker: object
    andere_gebruiker: object
    gepubliceerd: Onderzoek  # Gouda, published
    concept: Onderzoek  # Gouda, concept
    ter_review: Onderzoek
    vastgesteld: Onderzoek
    ander_gepubliceerd: Onderzoek  # the other gemeente, published
    upload: Voortgangsrapportage  # Gouda's
    andere_upload: Voortgangsrapportage


def portaal_wereld(kaders, inspecteur=None) -> PortaalWereld:
    gouda = GemeenteFactory(naam="Gouda-test")
    ander = GemeenteFactory(naam="Anderdorp")
    gouda_gebruiker = gebruiker(Rol.GEMEENTE, username="gem_gouda", gemeenten=[gouda])
    andere_gebruiker = gebruiker(Rol.GEMEENTE, username="gem_ander", gemeenten=[ander])

    def studie(gemeente, aanpaknaam, status):
        return OnderzoekFactory(
            aanpak=AanpakFactory(gemeente=gemeente, naam=aanpaknaam),
            kader=kaders["ggsr-beleid"],
            inspecteurs=[inspecteur] if inspecteur else [],
            gescoord=True,
            prefix=f"{aanpaknaam}: ",
            status=status,
        )

    gepubliceerd = studie(gouda, "MPG-test", "gepubliceerd")
    concept = studie(gouda, "Geheim-concept", "concept")
    ter_review = studie(gouda, "Geheim-review", "ter_review")
    vastgesteld = studie(gouda, "Geheim-vastgesteld", "vastgesteld")
    ander_gepubliceerd = studie(ander, "Andere-aanpak", "gepubliceerd")
    upload = voortgangsrapportage_indienen(
        onderzoek=gepubliceerd, bestand=pdf_upload("gouda.pdf"), door=gouda_gebruiker
    )
    andere_upload = voortgangsrapportage_indienen(
        onderzoek=ander_gepubliceerd, bestand=pdf_upload("ander.pdf"), door=andere_gebruiker
    )
    return PortaalWereld(
        gouda=gouda,
        ander=ander,
        gouda_gebruiker=gouda_gebruiker,
        andere_gebruiker=andere_gebruiker,
        gepubliceerd=gepubliceerd,
        concept=concept,
        ter_review=ter_review,
        vastgesteld=vastgesteld,
        ander_gepubliceerd=ander_gepubliceerd,
        upload=upload,
        andere_upload=andere_upload,
    )


__all__ = [
    "AanpakFactory",
    "GebruikerFactory",
    "GemeenteFactory",
    "NetwerkpartnerFactory",
    "OnderzoekFactory",
    "PortaalWereld",
    "naar_status",
    "pdf_upload",
    "portaal_wereld",
    "scoren",
    "Rol",
    "gebruiker",
]
