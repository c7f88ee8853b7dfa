"""The admin's JavaScript widgets (filter_horizontal, calendar and clock) speak Dutch."""

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_inloggen
from tests.test_beheer_nederlands import engelse_zinnen

pytestmark = pytest.mark.e2e


@pytest.fixture
def rechten(transactional_db):
    """Permissions and the beheerder's rights, whatever ran before: a test with
    serialized_rollback flushes without post_migrate."""
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def test_widgets_in_het_beheer_zijn_nederlands(rechten, demo, page):
    from django.contrib.auth import get_user_model

    console = []
    page.on("console", lambda m: console.append(m) if m.type == "error" else None)
    browser_inloggen(page, "beheerder")
    gebruiker = get_user_model().objects.get(username="inspecteur")
    page.goto(f"/beheer/auth/user/{gebruiker.pk}/change/")

    groepen = page.locator(".field-groups .selector")
    expect(groepen).to_contain_text("Beschikbare groepen")
    expect(page.locator("#id_groups_add_all")).to_have_text("Alle groepen kiezen")
    expect(page.locator("#id_groups_remove_all")).to_have_text("Alle groepen verwijderen")
    expect(groepen).to_contain_text("Gekozen groepen")
    # The calendar and clock widgets (on pages with editable dates) take their words from the
    # same catalog; the user page has none since last_login/date_joined are read-only.
    assert page.evaluate("gettext('Today')") == "Vandaag"
    assert page.evaluate("gettext('Now')") == "Nu"

    tekst = page.locator("#content").inner_text()
    engels = sorted(z for z in engelse_zinnen() if z in tekst)
    assert not engels, engels
    for woord in ("Choose", "Remove", "Available", "Chosen", "Today", "Calendar"):
        assert woord not in tekst
    # Nothing blocked or broken (the browser's own request for /favicon.ico aside).
    assert not [m.text for m in console if "favicon" not in m.location.get("url", "")]
