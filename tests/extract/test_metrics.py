import json

import pytest

from desktop.extract.metrics import (
    SECTOR_KEYS,
    MetricVocabularyError,
    load_metric_vocabulary,
    parse_metric_vocabulary,
)


def test_shipped_vocabulary_loads_and_uses_known_sectors():
    vocabulary = load_metric_vocabulary()
    names = [metric.name for metric in vocabulary.metrics]
    assert "bilateral trade turnover" in names and "tourist arrivals" in names
    assert len(names) == len(set(names))
    assert all(metric.sector in SECTOR_KEYS for metric in vocabulary.metrics)


def test_sector_keys_are_the_shipped_taxonomy():
    from desktop.extract.sectors import SectorTaxonomy

    # SECTOR_KEYS repeats resources/sectors.json's keys: a sector added to one must be added to the other
    assert SECTOR_KEYS == frozenset(SectorTaxonomy.load().keys())


@pytest.mark.parametrize("phrase", ["bilateral trade", "two-way trade", "trade turnover", "trade between the two countries"])
def test_trade_synonyms_fold_to_one_metric(phrase):
    vocabulary = load_metric_vocabulary()
    text = f"The {phrase} rose sharply."
    mentions = vocabulary.find(text)
    assert mentions, phrase
    names = [metric.name for metric in mentions[0].metrics]
    assert names[0] == "bilateral trade turnover"
    assert text[mentions[0].start : mentions[0].end].lower().replace("-", " ") == phrase.replace("-", " ")


def test_direction_keeps_exports_apart_from_turnover():
    vocabulary = load_metric_vocabulary()
    exports = vocabulary.by_name("exports")
    assert exports is not None and exports.direction == "export"
    mention = vocabulary.find("Exports from Vietnam to Kazakhstan grew.")[0]
    assert mention.metrics[0].name == "exports"


def test_acronyms_match_case_sensitively():
    vocabulary = load_metric_vocabulary()
    assert any(m.metrics[0].name.startswith("GDP") for m in vocabulary.find("GDP rose"))
    assert [m.phrase for m in vocabulary.find("a gdp-like word")] == []


def test_units_and_counts_resolve():
    vocabulary = load_metric_vocabulary()
    arrivals = vocabulary.by_name("tourist arrivals")
    assert arrivals.resolve_unit("count/year") == "people/year"
    assert arrivals.resolve_unit("USD") is None
    turnover = vocabulary.by_name("bilateral trade turnover")
    assert turnover.resolve_unit("USD") == "USD" and turnover.resolve_unit("percent") is None


def test_custom_file_is_read(tmp_path):
    path = tmp_path / "metrics.json"
    path.write_text(json.dumps({"metrics": [{"name": "rice exports", "sector": "agriculture", "synonyms": ["rice shipments"], "units": ["currency"]}]}))
    vocabulary = load_metric_vocabulary(path)
    assert vocabulary.find("rice shipments reached")[0].metrics[0].name == "rice exports"


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"metrics": 3}', '"metrics" list'),
        ('{"metrics": [{"sector": "trade"}]}', 'no "name"'),
        ('{"metrics": [{"name": "x", "sector": "space"}]}', "sector 'space'"),
        ('{"metrics": [{"name": "x", "sector": "trade", "synonyms": "trade"}]}', "list of non-empty strings"),
        ('{"metrics": [{"name": "x", "sector": "trade", "patterns": ["("]}]}', "not a valid regular expression"),
        ('{"metrics": [{"name": "x", "sector": "trade", "colour": "red"}]}', "unknown field"),
    ],
)
def test_malformed_files_raise_clear_errors(tmp_path, content, message):
    path = tmp_path / "metrics.json"
    path.write_text(content)
    with pytest.raises(MetricVocabularyError, match=message.replace("(", r"\(")) as error:
        load_metric_vocabulary(path)
    assert str(path) in str(error.value)


def test_missing_file_raises_clear_error(tmp_path):
    with pytest.raises(MetricVocabularyError, match="cannot read"):
        load_metric_vocabulary(tmp_path / "absent.json")


def test_parse_rejects_non_object():
    with pytest.raises(MetricVocabularyError):
        parse_metric_vocabulary([1, 2])
