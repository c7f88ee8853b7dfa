"""Making and revoking an inspector's personal agenda feed token."""

import secrets

from django.db import transaction

from inspecties.planning.models import AgendaToken
from inspecties.planning.selectors import token_hash


@transaction.atomic
def agenda_token_maken(*, door) -> str:
    """A new token for `door`, replacing (and so revoking) any earlier one. Returns the token;
    only its hash is stored, so this is the one moment it can be shown."""
    token = secrets.token_urlsafe(32)  # 32 random bytes
    AgendaToken.objects.update_or_create(
        gebruiker=door, defaults={"sleutel_hash": token_hash(token)}
    )
    return token


@transaction.atomic
def agenda_token_intrekken(*, door) -> bool:
    """Revoke `door`'s token; False when there was none."""
    aantal, _ = AgendaToken.objects.filter(gebruiker=door).delete()
    return bool(aantal)
