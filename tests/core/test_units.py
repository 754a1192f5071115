import pytest

from desktop.core.units import (
    DAYS_PER,
    Unit,
    canonical_unit,
    convert_rate,
    effective_unit,
    is_currency,
    metric_rate,
    parse_unit,
    rate_factor,
    strip_metric_rate,
    unit_family,
)


def test_parse_unit():
    assert parse_unit("flights/week") == Unit("flights", "week")
    assert parse_unit(" Flights / wk ") == Unit("flights", "week")
    assert parse_unit("people/annum") == Unit("people", "year")
    assert parse_unit("USD") == Unit("USD")
    assert parse_unit("percent") == Unit("percent")
    assert parse_unit("tonnes/hectare") == Unit("tonnes/hectare")  # not a time unit: a plain noun
    assert str(parse_unit("flights/day")) == "flights/day"
    assert parse_unit("flights/day").is_rate and not parse_unit("flights").is_rate


def test_is_currency():
    assert is_currency("USD") and is_currency("KZT")
    assert not is_currency("percent") and not is_currency("usd") and not is_currency("flights")


def test_days_per():
    assert DAYS_PER["day"] == 1
    assert DAYS_PER["week"] == 7
    assert DAYS_PER["year"] == 365
    assert DAYS_PER["month"] == pytest.approx(365 / 12)
    assert DAYS_PER["quarter"] == pytest.approx(91.25)


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (3, "flights/day", "flights/week", 21),
        (5, "flights/day", "flights/week", 35),
        (33, "flights/week", "flights/day", 33 / 7),
        (33, "flights/week", "flights/year", 33 * 365 / 7),
        (150_000, "people/year", "people/month", 12_500),
        (12_500, "people/month", "people/year", 150_000),
        (1, "people/quarter", "people/year", 4),
        (2, "flights/day", "flights/day", 2),
        (860e6, "USD", "USD", 860e6),
        (4.8, "percent", "percent", 4.8),
    ],
)
def test_convert_rate(value, source, target, expected):
    assert convert_rate(value, source, target) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("USD", "KZT"),  # currencies never convert
        ("flights", "flights/week"),  # a plain count has no time unit
        ("flights/week", "flights"),
        ("flights/week", "people/week"),
        ("percent", "USD"),
        ("days", "flights/day"),
    ],
)
def test_convert_rate_refuses(source, target):
    assert convert_rate(10, source, target) is None
    assert rate_factor(source, target) is None


def test_rate_factor():
    assert rate_factor("flights/day", "flights/week") == 7
    assert rate_factor("USD", "USD") == 1


def test_metric_rate_and_strip():
    assert metric_rate("direct flights per week") == "week"
    assert metric_rate("Weekly direct flights") == "week"
    assert metric_rate("flights a day") == "day"
    assert metric_rate("annual tourist arrivals") == "year"
    assert metric_rate("tourist arrivals per annum") == "year"
    assert metric_rate("direct flights") is None
    assert metric_rate("bilateral trade turnover") is None
    assert metric_rate(None) is None
    assert strip_metric_rate("direct flights per week") == "direct flights"
    assert strip_metric_rate("weekly direct flights") == "direct flights"


def test_effective_unit():
    assert effective_unit("flights", "direct flights per week") == "flights/week"
    assert effective_unit("flights", "daily flights") == "flights/day"
    assert effective_unit("flights", "direct flights") == "flights"
    assert effective_unit("flights/day", "direct flights per week") == "flights/day"  # a rate stays
    assert effective_unit("USD", "annual trade turnover") == "USD"  # money is never made a rate
    assert effective_unit("percent", "annual GDP growth") == "percent"
    assert effective_unit("Flights/WK", None) == "flights/week"


def test_unit_family():
    assert unit_family("flights/day") == unit_family("flights/week") == "flights/*"
    assert unit_family("flights") == "flights"
    assert unit_family("USD") == "USD"
    assert unit_family("KZT") != unit_family("USD")


def test_canonical_unit():
    assert canonical_unit(["flights/day", "flights/week", "flights/day"]) == "flights/week"
    assert canonical_unit(["flights/day", "flights/day"]) == "flights/day"
    assert canonical_unit(["people/month", "people/year", "people/year"]) == "people/year"
    assert canonical_unit(["people/month", "people/year"]) == "people/year"  # tie: year before month
    assert canonical_unit(["people/day", "people/month"]) == "people/month"
    assert canonical_unit(["USD", "USD"]) == "USD"
    assert canonical_unit(["percent"]) == "percent"
    assert canonical_unit([]) == ""
    assert canonical_unit(iter(["flights/day"])) == "flights/day"


def test_hourly_rates_from_extraction_convert():
    assert convert_rate(5.0, "flights/hour", "flights/day") == 120.0
    assert convert_rate(120.0, "flights/day", "flights/hour") == 5.0
