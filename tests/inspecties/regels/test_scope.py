from inspecties.regels.scope import ontbrekend_voor_review, vervolg_scope


def test_vervolg_toetst_alleen_de_verbeterpunten_in_de_volgorde_van_het_nieuwe_kader():
    scope = vervolg_scope(vorige_verbeterpunten=["c", "a"], nieuwe_sleutels=["a", "b", "c", "d"])
    assert scope.opnieuw_toetsen == ("a", "c")
    assert scope.vervallen == ()


def test_vervolg_meldt_verbeterpunten_die_niet_meer_in_het_kader_staan():
    scope = vervolg_scope(vorige_verbeterpunten=["a", "weg"], nieuwe_sleutels=["a", "b"])
    assert scope.opnieuw_toetsen == ("a",)
    assert scope.vervallen == ("weg",)


def test_ontbrekend_voor_review_noemt_oordeel_en_bevinding():
    problemen = ontbrekend_voor_review(
        [
            {"tekst": "Indicator A", "gescoord": False, "heeft_bevinding": True},
            {"tekst": "Indicator B", "gescoord": True, "heeft_bevinding": False},
            {"tekst": "Indicator C", "gescoord": True, "heeft_bevinding": True},
        ]
    )
    assert problemen == [
        "‘Indicator A’ heeft nog geen oordeel.",
        "‘Indicator B’ heeft nog geen bevinding.",
    ]
