"""Adding a person (issue 18): the beheerder gives name, e-mail, role and, for a municipality
user, the municipality; the person gets an e-mail with a link to set their own password (Django's
password-reset token: valid until the password is set or the link expires,
PASSWORD_RESET_TIMEOUT). No password is ever typed by the beheerder."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from inspecties.beveiliging.rollen import Rol, rol_groep
from inspecties.fouten import ToezichtFout


class PersoonFout(ToezichtFout):
    """A person that cannot be added as given, with a Dutch message."""


def persoon_toevoegen(*, gebruiker, rol: str, gemeente=None, adres: str = ""):
    """Save the new (unsaved) user with its e-mail address as username and no usable password,
    give it its role and, for a gemeente user, its gemeente; then send the invitation."""
    if rol == Rol.GEMEENTE and gemeente is None:
        raise PersoonFout("Kies de gemeente van deze gemeentegebruiker.")
    if rol != Rol.GEMEENTE and gemeente is not None:
        raise PersoonFout("Alleen een gemeentegebruiker hoort bij een gemeente.")
    with transaction.atomic():
        gebruiker.username = gebruiker.email.strip().lower()
        gebruiker.email = gebruiker.username
        gebruiker.set_unusable_password()
        gebruiker.is_staff = rol == Rol.BEHEERDER  # the admin is the beheerder's workplace
        gebruiker.save()
        gebruiker.groups.add(rol_groep(rol))
        if gemeente is not None:
            gemeente.gebruikers.add(gebruiker)
    uitnodiging_versturen(gebruiker=gebruiker, adres=adres)
    return gebruiker


def uitnodiging_link(gebruiker, adres: str = "") -> str:
    """`adres`: the address the beheerder's request came in on; SITE_URL when it is set."""
    return (settings.SITE_URL or adres).rstrip("/") + reverse(
        "beveiliging:wachtwoord_instellen",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
            "token": default_token_generator.make_token(gebruiker),
        },
    )


def uitnodiging_versturen(*, gebruiker, adres: str = "") -> int:
    naam = gebruiker.get_full_name() or gebruiker.email
    return send_mail(
        subject="Uitnodiging voor Toezicht",
        message=(
            f"Beste {naam},\n\n"
            f"Er is een account voor u aangemaakt in Toezicht ({settings.ORGANISATIE_NAAM}).\n"
            f"Uw gebruikersnaam is: {gebruiker.get_username()}\n\n"
            f"Kies via deze link uw wachtwoord:\n{uitnodiging_link(gebruiker, adres)}\n\n"
            "De link werkt één keer en verloopt na enkele dagen. Is hij verlopen, vraag dan de "
            "beheerder om een nieuwe uitnodiging.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[gebruiker.email],
    )
