from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from inspecties.rollen import Rol, heeft_rol, rol_vereist
from inspecties.selectors import onderzoeken_overzicht

INTERN = (Rol.INSPECTEUR, Rol.BEHEERDER, Rol.MEDEWERKER)


@require_GET
@login_required
def start(request):
    """Send each user to the page their role starts on."""
    if heeft_rol(request.user, *INTERN):
        return redirect("inspecties:onderzoek_lijst")
    if heeft_rol(request.user, Rol.GEMEENTE):
        return redirect("portaal:home")
    return render(request, "inspecties/geen_rol.html", status=403)


@require_GET
@rol_vereist(*INTERN)
def onderzoek_lijst(request):
    onderzoeken = onderzoeken_overzicht()
    return render(request, "inspecties/onderzoek_lijst.html", {"onderzoeken": onderzoeken})
