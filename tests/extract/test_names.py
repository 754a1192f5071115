from desktop.extract.names import entity_key, fold, preferred_name, resolves_to


def test_fold_removes_diacritics_case_hyphens_apostrophes():
    assert fold("Tô Lâm") == "to lam"
    assert fold("Hồ Chí Minh") == "ho chi minh"
    assert fold("Kassym-Jomart  Tokayev") == "kassym jomart tokayev"
    assert fold("Đà Nẵng") == "da nang"
    assert fold("O’Brien") == fold("O'Brien") == "obrien"
    assert fold("U.S.") == "us"
    assert fold("ASTANA") == "astana"


def test_fold_agrees_with_search_folding_and_folds_letters_decomposition_uncovers():
    from desktop.domain.text import fold_diacritics

    assert fold("Søren Łukasz Ðorđe Þór") == fold_diacritics("soren lukasz dorde thor")
    assert fold("Ǿrsted") == "orsted"  # NFD gives "Ø" and a mark; the Ø folds too


def test_entity_key_is_the_same_for_every_spelling():
    assert entity_key("Tô Lâm", "person") == "person:to lam"
    assert entity_key("To Lam", "person") == "person:to lam"
    assert entity_key("General Secretary To Lam", "person") == "person:to lam"
    assert entity_key("President Kassym-Jomart Tokayev", "person") == entity_key("Kassym-Jomart Tokayev", "person")
    assert entity_key("Viet Nam", "place") == entity_key("Vietnam", "place") == "place:vietnam"
    assert entity_key("ASTANA", "place") == "place:astana"


def test_entity_key_keeps_different_entities_apart():
    assert entity_key("Ho Chi Minh", "person") != entity_key("Ho Chi Minh City", "place")
    assert entity_key("Kazakhstan", "place") != entity_key("East Kazakhstan", "place")
    assert entity_key("Ho Chi Minh", "person") != entity_key("Ho Chi Minh", "place")


def test_preferred_name_is_fullest_then_with_diacritics():
    assert preferred_name(["Lâm", "To Lam", "Tô Lâm"]) == "Tô Lâm"
    assert preferred_name(["Tokayev", "Kassym-Jomart Tokayev"]) == "Kassym-Jomart Tokayev"
    assert preferred_name(["ASTANA", "Astana"]) == "Astana"
    assert preferred_name(["Robert Kilroy Silk", "Robert Kilroy-Silk"]) == "Robert Kilroy-Silk"


def test_resolves_to_shortenings_of_a_person():
    assert resolves_to("Lâm", "Tô Lâm")
    assert resolves_to("Lam", "Tô Lâm")
    assert resolves_to("To Lam", "Tô Lâm")
    assert resolves_to("Tokayev", "Kassym-Jomart Tokayev")
    assert resolves_to("Mai", "Pham Thai Nhu Mai")
    assert resolves_to("Schröder", "Gerhard Schroder")


def test_resolves_to_refuses_other_entities():
    assert not resolves_to("Ho Chi Minh", "Ho Chi Minh City")
    assert not resolves_to("Ho Chi Minh City", "Ho Chi Minh")
    assert not resolves_to("Kazakhstan", "East Kazakhstan")
    assert not resolves_to("Minh", "Ho Chi Minh City")
    assert not resolves_to("Tô", "Tô Lâm")
    assert not resolves_to("Kassym-Jomart Tokayev", "Tokayev")
    assert not resolves_to("", "Tô Lâm")
