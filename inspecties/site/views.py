"""The start page: each user goes where their role starts; an inspector's is Mijn werk."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from inspecties.beveiliging.rollen import INTERN, Rol, heeft_rol, rol_vereist
from inspecties.site.selectors import mijn_werk as mijn_werk_lezen


@require_GET
@login_required
def start(request):
    """Send each user to the page their role starts on."""
    if heeft_rol(request.user, Rol.INSPECTEUR):
        return redirect("mijn_werk")
    if heeft_rol(request.user, *INTERN):
        return redirect("inspecties:onderzoek_lijst")
    if heeft_rol(request.user, Rol.GEMEENTE):
        return redirect("portaal:home")
    return render(request, "inspecties/geen_rol.html", status=403)


@require_GET
@rol_vereist(Rol.INSPECTEUR)
def mijn_werk(request):
    """What needs this inspector now, each item linking to where the work is done."""
    werk = mijn_werk_lezen(user=request.user, vandaag=timezone.localdate())
    return render(request, "site/mijn_werk.html", {"werk": werk})
