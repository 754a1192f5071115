import json
import time

import pytest

from desktop.extract.sectors import SectorFileError, SectorTaxonomy

KEYS = (
    "tourism", "trade", "aviation", "investment", "energy", "diplomacy", "economy", "culture",
    "defence_security", "justice", "digital_technology", "transport_logistics", "agriculture", "education",
)
LABELS = (
    "Tourism", "Trade", "Aviation", "Investment", "Energy", "Diplomacy", "Economy", "Culture",
    "Defence and security", "Justice", "Digital and technology", "Transport and logistics", "Agriculture",
    "Education",
)


@pytest.fixture(scope="module")
def taxonomy():
    return SectorTaxonomy.load()


def test_keys_and_labels(taxonomy):
    assert taxonomy.keys() == KEYS
    assert tuple(taxonomy.label_of(key) for key in KEYS) == LABELS
    assert all(sector.keywords for sector in taxonomy.sectors)
    with pytest.raises(KeyError):
        taxonomy.label_of("astrology")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Flights from Kazakhstan now operate at a frequency of 33 per week, serving top Vietnamese "
            "destinations including Nha Trang, Phu Quoc, and Da Nang.",
            ("tourism", "aviation"),
        ),
        (
            "Bilateral trade turnover nearly doubled from over 400 million USD in 2022 to nearly 1 billion USD "
            "by 2023–2024.",
            ("trade",),
        ),
        ("They also exchanged views on tourism cooperation.", ("tourism",)),
        ("In 2024, its economy grew by 4.8%, with GDP projected to reach 450 billion USD by 2029.", ("economy",)),
        ("Recent years have witnessed remarkable progress in Vietnam–Kazakhstan cooperation.", ()),
    ],
)
def test_seed_sentences(taxonomy, sentence, expected):
    assert taxonomy.label(sentence) == expected


def test_visa_waiver_is_tourism_and_diplomacy(taxonomy):
    labels = taxonomy.label(
        "The two countries recently ratified a bilateral visa waiver agreement, allowing 30-day visa-free "
        "entry for citizens of both nations, expected to further boost tourism and business travel."
    )
    assert "tourism" in labels and "diplomacy" in labels


def test_inflections_word_boundaries_and_case(taxonomy):
    assert taxonomy.label("TOURISTS came") == ("tourism",)
    assert taxonomy.label("a touristic route") == ("tourism", "transport_logistics")
    assert taxonomy.label("two new economies") == ("economy",)
    assert taxonomy.label("the airlines") == ("aviation",)
    assert taxonomy.label("Vietjet") == ()  # "jet" inside a word does not count
    assert taxonomy.label("a businessman") == ()  # nor "bus"
    assert taxonomy.label("E-commerce grows") == ("digital_technology",)


def test_labels_come_in_taxonomy_order(taxonomy):
    labels = taxonomy.label("Education, energy and tourism")
    assert labels == ("tourism", "energy", "education")


def test_user_file_adds_keywords_and_sectors(tmp_path):
    user = tmp_path / "sectors.json"
    user.write_text(
        json.dumps(
            {
                "sectors": [
                    {"key": "tourism", "keywords": ["homestay"]},
                    {"key": "space", "label": "Space", "keywords": ["satellite", "cosmodrome"]},
                ]
            }
        ),
        encoding="utf-8",
    )
    taxonomy = SectorTaxonomy.load(user_path=user)
    assert taxonomy.keys() == KEYS + ("space",)
    assert taxonomy.label_of("space") == "Space"
    assert taxonomy.label_of("tourism") == "Tourism"
    assert taxonomy.label("Two homestays and a satellite launch") == ("tourism", "space")
    assert taxonomy.label("Tourists") == ("tourism",)  # shipped keywords stay


def test_malformed_user_file_names_the_file(tmp_path):
    user = tmp_path / "my-sectors.json"
    user.write_text('{"sectors": [ {"key": "x", ', encoding="utf-8")
    with pytest.raises(SectorFileError, match="my-sectors.json"):
        SectorTaxonomy.load(user_path=user)
    user.write_text('{"sectors": [{"label": "No key"}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="my-sectors.json"):
        SectorTaxonomy.load(user_path=user)
    user.write_text('{"sectors": [{"key": "k", "keywords": "not a list"}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="my-sectors.json"):
        SectorTaxonomy.load(user_path=user)


def test_labelling_is_fast(taxonomy):
    sentence = (
        "The two countries recently ratified a bilateral visa waiver agreement, allowing 30-day visa-free "
        "entry for citizens of both nations, expected to further boost tourism and business travel."
    )
    started = time.perf_counter()
    for number in range(5000):
        taxonomy.label(sentence + str(number))
    assert time.perf_counter() - started < 1.0
