"""A safety net for input no form checks, and a Dutch page where Django answers bare.

A NUL character cannot be stored in PostgreSQL (the query fails: a 500). Django's form fields
refuse it with a message beside the field, so views whose every POST field goes through a form
(`invoer_in_formulier`) keep that; anything else with a NUL in the path, in a GET or POST field
name or value, gets the Dutch 400 page before the view runs: the admin's search, filters, the
login form, third-party views. A multipart body (an upload) is left unread: its view may first
set upload handlers (the size limit), and its fields go through the upload's form.
"""

import logging

from django.shortcuts import render

NUL = "\x00"
logger = logging.getLogger("django.security.OngeldigeInvoer")


def invoer_in_formulier(view):
    """Mark a view whose every POST field goes through a Django form: a NUL there is answered
    by the form, in the page, keeping what was typed. Put it right above the `def`, so the
    other decorators (functools.wraps) carry the mark outward."""
    view.invoer_in_formulier = True
    return view


def _bevat_nul(velden) -> bool:
    return any(NUL in naam or any(NUL in w for w in waarden) for naam, waarden in velden.lists())


class OngeldigeInvoerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        antwoord = self.get_response(request)
        if antwoord.status_code == 405 and not antwoord.content:
            # require_POST and friends answer an empty page (e.g. logout opened by its URL).
            pagina = render(request, "405.html", status=405)
            pagina["Allow"] = antwoord.get("Allow", "")
            return pagina
        return antwoord

    def process_view(self, request, view_func, view_args, view_kwargs):
        velden = [request.GET]
        if (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and not getattr(view_func, "invoer_in_formulier", False)
        ):
            velden.append(request.POST)
        if NUL in request.path_info or any(_bevat_nul(v) for v in velden):
            logger.warning("NUL-teken in het verzoek naar %r geweigerd", request.path)
            return render(request, "400.html", status=400)
        return None
