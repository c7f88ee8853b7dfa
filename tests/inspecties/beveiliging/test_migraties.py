"""The security models moved from the inspecties app to beveiliging (issue 13): a database
migrated before the move keeps every row, and its content types and permissions follow."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

VOOR_DE_VERHUIZING = [("inspecties", "0053_idp_koppeling_bewaartermijn"), ("beveiliging", None)]


@pytest.mark.django_db(transaction=True)
def test_een_bestaande_database_houdt_haar_beveiligingsrijen():
    executor = MigrationExecutor(connection)
    laatste = executor.loader.graph.leaf_nodes()
    executor.migrate(VOOR_DE_VERHUIZING)
    oud = MigrationExecutor(connection).loader.project_state([VOOR_DE_VERHUIZING[0]]).apps
    user = oud.get_model("auth", "User").objects.create(username="van-voor")
    oud.get_model("inspecties", "BeveiligingsGebeurtenis").objects.create(
        soort="login", gebruiker_id=user.pk, gebruikersnaam="van-voor", details={"a": 1}
    )
    oud.get_model("inspecties", "UserSessie").objects.create(user_id=user.pk, session_key="k")
    oud.get_model("inspecties", "IdpKoppeling").objects.create(
        user_id=user.pk, issuer="https://idp", sub="s"
    )
    type_oud = oud.get_model("contenttypes", "ContentType").objects.get(
        app_label="inspecties", model="beveiligingsgebeurtenis"
    )

    MigrationExecutor(connection).migrate(laatste)

    from django.contrib.contenttypes.models import ContentType

    from inspecties.beveiliging.models import BeveiligingsGebeurtenis, IdpKoppeling, UserSessie

    regel = BeveiligingsGebeurtenis.objects.get(gebruikersnaam="van-voor")
    assert regel.details == {"a": 1} and regel.gebruiker.username == "van-voor"
    assert UserSessie.objects.get(session_key="k").user == regel.gebruiker
    assert IdpKoppeling.objects.get(sub="s").issuer == "https://idp"
    type_nu = ContentType.objects.get_for_model(BeveiligingsGebeurtenis)
    assert type_nu.pk == type_oud.pk and type_nu.app_label == "beveiliging"
    BeveiligingsGebeurtenis.objects.create(soort="login", gebruikersnaam="na")  # ids go on
