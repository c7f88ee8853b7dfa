"""The start page: each user goes where their role starts."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from inspecties.beveiliging.rollen import INTERN, Rol, heeft_rol


@require_GET
@login_required
def start(request):
    """Send each user to the page their role starts on."""
    if heeft_rol(request.user, *INTERN):
        return redirect("inspecties:onderzoek_lijst")
    if heeft_rol(request.user, Rol.GEMEENTE):
        return redirect("portaal:home")
    return render(request, "inspecties/geen_rol.html", status=403)
