"""Display units, value text and chart placement: Qt-free."""

import math

import pytest

from desktop.charts.plan import plan_chart, report_date_year
from desktop.charts.units import display_unit, format_amount, format_figure, format_interval, format_value
from desktop.core.reconcile import Interval
from tests.charts.sample_figures import TRADE, make_figure, trade_figures


@pytest.mark.parametrize(("value", "unit", "qualifier", "expected"), [
    (860e6, "USD", "exact", "$860 m"),
    (400e6, "USD", "over", "over $400 m"),
    (1e9, "USD", "nearly", "nearly $1 bn"),
    (999.8e6, "USD", "approx", "about $1 bn"),
    (1.13e9, "USD", "exact", "$1.13 bn"),
    (4.8, "percent", "exact", "4.8 %"),
    (33, "flights/week", "exact", "33 flights/week"),
    (150_000, "people/year", "under", "under 150,000 people/year"),
    (5e12, "KZT", "exact", "KZT 5 tn"),
    (40, "flights", "over", "over 40 flights"),
])
def test_format_value(value, unit, qualifier, expected):
    assert format_value(value, unit, qualifier) == expected


def test_format_range_shares_scale():
    assert format_value(None, "USD", "range", 1e9, 2e9) == "$1–2 bn"
    assert format_value(None, "USD", "range", 500e6, 2e9) == "$500 m – $2 bn"
    assert format_figure(make_figure(1, None, qualifier="range", low=3, high=5, unit="percent")) == "3–5 %"
    assert format_amount(None, "USD") == "?"


def test_format_interval_and_kind():
    """One wording for "the values a figure allows" and for the kind, shared by reconcile view and briefing."""
    assert format_interval(Interval(855e6, 865e6), "USD") == "$855 m – $865 m"
    assert format_interval(Interval(400e6, math.inf), "USD") == "above $400 m"
    assert format_interval(Interval(-math.inf, 5e6), "USD") == "below $5 m"
    assert format_interval(Interval(-math.inf, math.inf), "USD") == "any value"
    assert format_interval(Interval(4.8, 4.8), "percent") == "4.8 %"
    target = make_figure(5, 2e9, kind="target")
    assert format_figure(target, with_kind=True) == "$2 bn (target)"
    assert format_figure(target) == "$2 bn"
    assert format_figure(make_figure(1, 860e6), with_kind=True) == "$860 m"


def test_display_unit_from_magnitude():
    assert display_unit("USD", [400e6, 1e9]).label == "USD bn"
    assert display_unit("USD", [400e6, 860e6]).label == "USD m"
    assert display_unit("USD", [400e6, 860e6]).to_display(860e6) == pytest.approx(860)
    assert display_unit("percent", [4.8]).label == "%"
    assert display_unit("flights/week", [33]).label == "flights/week"
    assert display_unit("people/year", [3e6]).label == "people/year (m)"


def test_plan_places_periods_report_dates_and_units():
    plan = plan_chart(TRADE, trade_figures())
    by_id = {p.figure.id: p for p in plan.points}
    assert plan.unit.label == "USD bn"
    assert by_id[1].x == pytest.approx(2022.5) and not by_id[1].period_bar
    assert by_id[2].x == pytest.approx(2024.0) and by_id[2].period_bar           # "2023/2024": a bar
    assert (by_id[2].x_start, by_id[2].x_end) == (2023.0, 2025.0)
    assert by_id[5].at_report_date and by_id[5].x == pytest.approx(report_date_year("2025-05-06"))
    assert (by_id[6].low, by_id[6].high, by_id[6].y) == pytest.approx((1.0, 1.5, 1.25))
    assert 8 not in by_id and plan.note() == "Not plotted: 1 figure in KZT"   # never converted silently


def test_same_metric_and_period_are_jittered_apart():
    plan = plan_chart(TRADE, trade_figures())
    by_id = {p.figure.id: p for p in plan.points}
    assert by_id[3].x != by_id[4].x
    assert abs(by_id[3].x - 2024.5) < 0.1 and abs(by_id[4].x - 2024.5) < 0.1


def test_rates_convert_into_the_chart_unit():
    metric = "direct flights per week"
    figures = [make_figure(1, 3, unit="flights/day", metric=metric),
               make_figure(2, 40, unit="flights", metric=metric, period="2025")]
    plan = plan_chart(metric, figures)
    assert plan.unit.label == "flights/week"
    assert sorted(p.y for p in plan.points) == pytest.approx([21, 40])
