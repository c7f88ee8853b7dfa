"""Rules that span tables, enforced by the database itself (triggers on SQLite and PostgreSQL).

- A Beoordeling uses an option of its own study's framework scale, and an indicator of that
  framework.
- A follow-up points at an earlier study of the same approach or of an approach it replaced.
"""

from django.db import migrations

SCORE_FOUT = "beoordeling gebruikt een schaaloptie of indicator van een ander toetsingskader"
VORIG_FOUT = "vorig onderzoek gaat niet over deze aanpak of een aanpak die zij verving"

SQLITE = [
    f"""
    CREATE TRIGGER inspecties_beoordeling_kader_{moment}
    BEFORE {moment.upper()} ON inspecties_beoordeling
    FOR EACH ROW WHEN
        (NEW.optie_id IS NOT NULL AND
         (SELECT kader_id FROM toetsingskader_schaaloptie WHERE id = NEW.optie_id)
         IS NOT (SELECT kader_id FROM inspecties_onderzoek WHERE id = NEW.onderzoek_id))
        OR (SELECT kader_id FROM toetsingskader_indicator WHERE id = NEW.indicator_id)
         IS NOT (SELECT kader_id FROM inspecties_onderzoek WHERE id = NEW.onderzoek_id)
    BEGIN SELECT RAISE(ABORT, '{SCORE_FOUT}'); END;
    """
    for moment in ("insert", "update")
] + [
    f"""
    CREATE TRIGGER inspecties_onderzoek_vorig_{moment}
    BEFORE {moment.upper()} ON inspecties_onderzoek
    FOR EACH ROW WHEN NEW.vorig_onderzoek_id IS NOT NULL
        AND (SELECT aanpak_id FROM inspecties_onderzoek WHERE id = NEW.vorig_onderzoek_id)
            IS NOT NEW.aanpak_id
        AND NOT EXISTS (
            SELECT 1 FROM gemeenten_aanpak_vervangt
            WHERE from_aanpak_id = NEW.aanpak_id
              AND to_aanpak_id = (SELECT aanpak_id FROM inspecties_onderzoek
                                  WHERE id = NEW.vorig_onderzoek_id))
    BEGIN SELECT RAISE(ABORT, '{VORIG_FOUT}'); END;
    """
    for moment in ("insert", "update")
]

SQLITE_TERUG = [
    f"DROP TRIGGER IF EXISTS inspecties_{naam}_{moment};"
    for naam in ("beoordeling_kader", "onderzoek_vorig")
    for moment in ("insert", "update")
]

POSTGRES = [
    f"""
    CREATE FUNCTION inspecties_beoordeling_kader() RETURNS trigger AS $$
    DECLARE onderzoek_kader bigint;
    BEGIN
        SELECT kader_id INTO onderzoek_kader FROM inspecties_onderzoek WHERE id = NEW.onderzoek_id;
        IF (NEW.optie_id IS NOT NULL AND
            (SELECT kader_id FROM toetsingskader_schaaloptie WHERE id = NEW.optie_id)
            IS DISTINCT FROM onderzoek_kader)
           OR (SELECT kader_id FROM toetsingskader_indicator WHERE id = NEW.indicator_id)
            IS DISTINCT FROM onderzoek_kader THEN
            RAISE EXCEPTION '{SCORE_FOUT}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER inspecties_beoordeling_kader
    BEFORE INSERT OR UPDATE ON inspecties_beoordeling
    FOR EACH ROW EXECUTE FUNCTION inspecties_beoordeling_kader();
    """,
    f"""
    CREATE FUNCTION inspecties_onderzoek_vorig() RETURNS trigger AS $$
    DECLARE vorige_aanpak bigint;
    BEGIN
        IF NEW.vorig_onderzoek_id IS NOT NULL THEN
            SELECT aanpak_id INTO vorige_aanpak FROM inspecties_onderzoek
            WHERE id = NEW.vorig_onderzoek_id;
            IF vorige_aanpak IS DISTINCT FROM NEW.aanpak_id AND NOT EXISTS (
                SELECT 1 FROM gemeenten_aanpak_vervangt
                WHERE from_aanpak_id = NEW.aanpak_id AND to_aanpak_id = vorige_aanpak) THEN
                RAISE EXCEPTION '{VORIG_FOUT}' USING ERRCODE = 'check_violation';
            END IF;
        END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER inspecties_onderzoek_vorig
    BEFORE INSERT OR UPDATE ON inspecties_onderzoek
    FOR EACH ROW EXECUTE FUNCTION inspecties_onderzoek_vorig();
    """,
]

POSTGRES_TERUG = [
    "DROP TRIGGER IF EXISTS inspecties_beoordeling_kader ON inspecties_beoordeling;",
    "DROP FUNCTION IF EXISTS inspecties_beoordeling_kader();",
    "DROP TRIGGER IF EXISTS inspecties_onderzoek_vorig ON inspecties_onderzoek;",
    "DROP FUNCTION IF EXISTS inspecties_onderzoek_vorig();",
]


def _uitvoeren(statements_per_vendor):
    def run(apps, schema_editor):
        statements = statements_per_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                f"Database {schema_editor.connection.vendor} wordt niet ondersteund."
            )
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("inspecties", "0001_initial"),
        ("gemeenten", "0001_initial"),
        ("toetsingskader", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _uitvoeren({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _uitvoeren({"sqlite": SQLITE_TERUG, "postgresql": POSTGRES_TERUG}),
        ),
    ]
