"""The unread count in the menu: one COUNT query, only when a page's menu asks for it."""

from inspecties.meldingen.selectors import aantal_ongelezen


def meldingen(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"ongelezen_meldingen": lambda: aantal_ongelezen(ontvanger=user)}
