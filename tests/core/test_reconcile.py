import json
import math
from itertools import count

import pytest

from desktop.core.reconcile import (
    ChartValue,
    FigureDecision,
    Interval,
    figure_interval,
    figures_for_chart,
    followed_figures,
    group_figures,
    group_of,
    group_to_json,
    key_text,
    rounding_step,
)
from desktop.domain.model import Figure

_ids = count(1)

TRADE = "bilateral trade turnover"
FLIGHTS = "direct flights per week"


def fig(
    text,
    value,
    unit="USD",
    qualifier="exact",
    *,
    low=None,
    high=None,
    period="2024",
    kind="actual",
    metric=TRADE,
    id=None,
    document_id=1,
    date="2025-05-06",
    start=0,
):
    return Figure(
        id=next(_ids) if id is None else id,
        document_id=document_id,
        sentence_index=2,
        sentence_start=100,
        sentence_end=200,
        start=start,
        end=start + len(text),
        text=text,
        value=value,
        unit=unit,
        qualifier=qualifier,
        low=low,
        high=high,
        period=period,
        kind=kind,
        metric=metric,
        sectors=("trade",),
        document_title=f"Doc {document_id}",
        document_date=date,
        document_source=f"/seeds/{document_id}.txt",
    )


def approx_interval(interval, low, high, low_open=False, high_open=False):
    assert interval.low == pytest.approx(low, rel=1e-12)
    if math.isinf(high):
        assert interval.high == high
    else:
        assert interval.high == pytest.approx(high, rel=1e-12)
    assert (interval.low_open, interval.high_open) == (low_open, high_open)


# ------------------------------------------------------------------------------------------------
# Intervals


@pytest.mark.parametrize(
    ("text", "value", "unit", "step"),
    [
        ("$860 million", 860e6, "USD", 10e6),
        ("$879 million", 879e6, "USD", 1e6),
        ("4.8%", 4.8, "percent", 0.1),
        ("33 per week", 33, "flights/week", 1),
        ("150,000", 150_000, "people", 10_000),
        ("USD 1.0 billion", 1e9, "USD", 0.1e9),
        ("$1.25 bn", 1.25e9, "USD", 0.01e9),
        ("four per week", 4, "flights/week", 1),  # spelled: read from the value
        ("450 billion USD by 2029", 450e9, "USD", 10e9),  # the year is not the number
        ("0.5%", 0.5, "percent", 0.1),
        ("12%", 0.12, "percent", 0.01),  # a percentage stored as a fraction still reads its digits
    ],
)
def test_rounding_step(text, value, unit, step):
    assert rounding_step(fig(text, value, unit)) == pytest.approx(step, rel=1e-12)


def test_exact_interval_is_half_the_last_significant_digit():
    approx_interval(figure_interval(fig("$860 million", 860e6)), 855e6, 865e6)
    approx_interval(figure_interval(fig("$879 million", 879e6)), 878.5e6, 879.5e6)
    approx_interval(figure_interval(fig("4.8%", 4.8, "percent")), 4.75, 4.85)
    approx_interval(figure_interval(fig("33 per week", 33, "flights/week")), 32.5, 33.5)


def test_exact_interval_is_capped_at_five_percent():
    approx_interval(figure_interval(fig("$2 billion", 2e9)), 1.9e9, 2.1e9)
    approx_interval(figure_interval(fig("four per week", 4, "flights/week")), 3.8, 4.2)
    approx_interval(figure_interval(fig("$1 billion", 1e9)), 0.95e9, 1.05e9)


def test_qualifier_intervals():
    approx_interval(figure_interval(fig("approximately 150,000", 150_000, "people/year", "approx")), 135_000, 165_000)
    approx_interval(figure_interval(fig("nearly 1 billion USD", 1e9, "USD", "nearly")), 0.9e9, 1e9)
    approx_interval(
        figure_interval(fig("over 400 million USD", 400e6, "USD", "over")), 400e6, math.inf, True, True
    )
    approx_interval(figure_interval(fig("under $5 million", 5e6, "USD", "under")), 0, 5e6, False, True)
    under_growth = figure_interval(fig("under 2%", 2, "percent", "under"))
    assert under_growth.low == -math.inf and under_growth.high == 2 and under_growth.high_open
    approx_interval(
        figure_interval(fig("3-5 daily flights", None, "flights/day", "range", low=3, high=5)), 3, 5
    )
    approx_interval(figure_interval(fig("about -2%", -2, "percent", "approx")), -2.2, -1.8)


def test_interval_contains_respects_open_ends():
    over = Interval(40, math.inf, True, True)
    assert not over.contains(40) and over.contains(40.1)
    closed = Interval(1, 2)
    assert closed.contains(1) and closed.contains(2) and not closed.contains(2.1)
    approx_interval(Interval(3, 5).scaled(7), 21, 35)
    with pytest.raises(ValueError):
        Interval(1, 2).scaled(-1)


# ------------------------------------------------------------------------------------------------
# Trade turnover


def trade_figures():
    a = fig("$860 million", 860e6, id=101, document_id=1, date="2025-05-06")
    b = fig("$879 million", 879e6, id=102, document_id=2, date="2025-01-20")
    c = fig("nearly USD 1 billion", 1e9, qualifier="nearly", id=103, document_id=3, date="2025-03-01")
    return a, b, c


def test_trade_turnover_conflict():
    a, b, c = trade_figures()
    [group] = group_figures([a, b, c])
    assert group.metric == TRADE and group.period == "2024" and group.unit == "USD" and group.kind == "actual"
    assert group.status == "conflict" and group.has_conflict
    # figures come in document date order
    assert [f.id for f in group.figures] == [102, 103, 101]
    approx_interval(group.interval_of(101), 855e6, 865e6)
    approx_interval(group.interval_of(102), 878.5e6, 879.5e6)
    approx_interval(group.interval_of(103), 900e6, 1000e6)
    # largest low 900 m (nearly 1 bn), smallest high 865 m ($860 m)
    assert group.severity == pytest.approx((900e6 - 865e6) / 900e6)
    assert group.accepted_figure_id is None and group.rejected_ids == frozenset() and group.note == ""


def test_860_and_879_alone_conflict():
    a, b, _ = trade_figures()
    [group] = group_figures([a, b])
    assert group.status == "conflict"
    assert group.severity == pytest.approx((878.5e6 - 865e6) / 878.5e6)


def test_rejecting_figures_resolves_the_conflict():
    a, b, c = trade_figures()
    decisions = {102: FigureDecision("rejected", "preliminary"), 103: FigureDecision("rejected")}
    [group] = group_figures([a, b, c], decisions)
    assert group.status == "agreed" and not group.has_conflict and group.severity == 0
    assert group.rejected_ids == frozenset({102, 103})
    assert len(group.figures) == 3  # rejected figures are still listed
    assert group.decision_notes == {102: "preliminary"}


def test_rejecting_one_leaves_a_conflict():
    a, b, c = trade_figures()
    [group] = group_figures([a, b, c], {103: FigureDecision("rejected")})
    assert group.status == "conflict"
    assert group.severity == pytest.approx((878.5e6 - 865e6) / 878.5e6)


def test_accepting_a_figure():
    a, b, c = trade_figures()
    [group] = group_figures([a, b, c], {101: FigureDecision("accepted", "official customs figure")})
    assert group.status == "accepted" and group.accepted_figure_id == 101
    assert group.has_conflict  # still visible that the reports disagree
    chart = figures_for_chart(group)
    assert [v.figure.id for v in chart] == [101]
    assert chart[0].value == 860e6 and chart[0].accepted and chart[0].unit == "USD"


def test_group_note_by_key_or_key_text():
    a, b, c = trade_figures()
    [group] = group_figures([a, b, c])
    assert group.key == (TRADE, "2024", "actual", "USD", None)
    assert group.key_text == "bilateral trade turnover|2024|actual|USD|" == key_text(group.key)
    [noted] = group_figures([a, b, c], notes={group.key: "customs vs ministry"})
    assert noted.note == "customs vs ministry"
    [noted] = group_figures([a, b, c], notes={group.key_text: "by text"})
    assert noted.note == "by text"


def test_figures_for_chart_without_decisions_is_every_non_rejected_figure():
    a, b, c = trade_figures()
    [group] = group_figures([a, b, c], {102: FigureDecision("rejected")})
    chart = figures_for_chart(group)
    assert [v.figure.id for v in chart] == [103, 101]
    assert [v.value for v in chart] == [1e9, 860e6]  # no averaging
    assert all(isinstance(v, ChartValue) and not v.accepted for v in chart)


def test_followed_figures():
    a, b, c = trade_figures()
    other = fig("30-day", 30, "days", metric=None, id=104)
    rejected_unmetric = fig("5", 5, "flights", metric=None, id=105)
    figures = [a, b, c, other, rejected_unmetric]
    assert [f.id for f in followed_figures(figures)] == [101, 102, 103, 104, 105]
    decisions = {101: FigureDecision("accepted"), 105: FigureDecision("rejected")}
    assert [f.id for f in followed_figures(figures, decisions)] == [101, 104]
    assert [f.id for f in followed_figures(figures, {103: FigureDecision("rejected")})] == [101, 102, 104, 105]


# ------------------------------------------------------------------------------------------------
# Flights


def flight_figures():
    date = "2025-05-04"
    weekly = fig("33 per week", 33, "flights/week", metric=FLIGHTS, period=None, id=201, date=date)
    daily = fig(
        "3-5 daily flights", None, "flights/day", "range", low=3, high=5,
        metric="direct flights per day", period=None, id=202, date=date,
    )
    four = fig("four per week", 4, "flights/week", metric=FLIGHTS, period=None, id=203, date=date)
    more_than_40 = fig(
        "more than 40 direct flights", 40, "flights", "over", metric=FLIGHTS, period=None, id=204, date=date,
    )
    return weekly, daily, four, more_than_40


def test_weekly_and_daily_flights_agree_after_conversion():
    weekly, daily, _, _ = flight_figures()
    [group] = group_figures([weekly, daily])
    assert group.status == "agreed" and group.severity == 0
    assert group.unit == "flights/week" and group.metric_key == "direct flights" and group.family == "flights/*"
    approx_interval(group.interval_of(202), 21, 35)
    approx_interval(group.interval_of(201), 32.5, 33.5)
    assert group.period is None and group.as_of == "2025"


def test_four_per_week_conflicts_with_33():
    weekly, daily, four, _ = flight_figures()
    [group] = group_figures([weekly, daily, four])
    assert group.status == "conflict"
    assert group.severity == pytest.approx((32.5 - 4.2) / 32.5)


def test_plain_count_joins_rates_when_the_metric_names_the_rate():
    weekly, daily, four, more_than_40 = flight_figures()
    [group] = group_figures([weekly, more_than_40])
    assert group.status == "conflict"
    approx_interval(group.interval_of(204), 40, math.inf, True, True)
    assert group.severity == pytest.approx((40 - 33.5) / 40)
    [everything] = group_figures([weekly, daily, four, more_than_40])
    assert everything.severity == pytest.approx((40 - 4.2) / 40)
    chart = figures_for_chart(everything)
    assert {v.figure.id: v.value for v in chart} == pytest.approx({201: 33, 202: 28, 203: 4, 204: 40})


def test_plain_count_without_a_rate_in_the_metric_stays_apart():
    weekly, *_ = flight_figures()
    plain = fig("more than 40 direct flights", 40, "flights", "over", metric="direct flights", period=None, id=205,
                date="2025-05-04")
    groups = group_figures([weekly, plain])
    assert len(groups) == 2 and {g.status for g in groups} == {"single"}
    assert {g.unit for g in groups} == {"flights/week", "flights"}


def test_over_touching_an_exact_end_is_a_conflict():
    a = fig("40", 40, "flights/week", metric=FLIGHTS, id=206)
    b = fig("over 42", 42, "flights/week", "over", metric=FLIGHTS, id=207)
    [group] = group_figures([a, b])  # "40" allows [38, 42] (5 % cap); "over 42" excludes 42 itself
    assert group.status == "conflict" and group.severity == 0


def test_undated_figures_are_grouped_by_document_year():
    early = fig("four per week", 4, "flights/week", metric=FLIGHTS, period=None, id=210, date="2023-02-01")
    late = fig("33 per week", 33, "flights/week", metric=FLIGHTS, period=None, id=211, date="2025-05-04")
    undated_doc = fig("33 per week", 33, "flights/week", metric=FLIGHTS, period=None, id=212, date=None)
    groups = group_figures([early, late, undated_doc])
    assert [(g.as_of, g.status) for g in groups] == [("2023", "single"), ("2025", "single"), (None, "single")]
    [merged] = group_figures([early, late, undated_doc], split_undated_by_year=False)
    assert merged.status == "conflict" and merged.as_of is None and len(merged.figures) == 3


# ------------------------------------------------------------------------------------------------
# Scope: what must not be compared


def test_different_periods_are_not_grouped():
    over_400 = fig("over 400 million USD", 400e6, qualifier="over", period="2022", id=301)
    nearly_1bn = fig("nearly 1 billion USD", 1e9, qualifier="nearly", period="2023/2024", id=302)
    groups = group_figures([over_400, nearly_1bn])
    assert [(g.period, g.status) for g in groups] == [("2022", "single"), ("2023/2024", "single")]


def test_first_four_months_are_not_the_year():
    year = fig("$1.2 billion", 1.2e9, period="2023", id=311)
    four_months = fig("$300 million", 300e6, period="2023-01/2023-04", id=312)
    groups = group_figures([year, four_months])
    assert len(groups) == 2 and all(g.status == "single" for g in groups)


def test_exports_are_not_turnover():
    turnover = fig("$860 million", 860e6, id=321)
    exports = fig("$500 million", 500e6, metric="Vietnam exports to Kazakhstan", id=322)
    assert all(g.status == "single" for g in group_figures([turnover, exports]))


def test_gdp_of_different_countries_needs_different_metric_names():
    kz = fig("4.8%", 4.8, "percent", metric="Kazakhstan GDP growth", id=331)
    vn = fig("7.09%", 7.09, "percent", metric="Vietnam GDP growth", id=332)
    assert all(g.status == "single" for g in group_figures([kz, vn]))
    # with one bare metric name the engine cannot tell the countries apart and compares them
    kz_bare = fig("4.8%", 4.8, "percent", metric="GDP growth", id=333)
    vn_bare = fig("7.09%", 7.09, "percent", metric="GDP growth", id=334)
    [group] = group_figures([kz_bare, vn_bare])
    assert group.status == "conflict"


def test_targets_and_projections_are_not_compared_with_actuals():
    actual = fig("$860 million", 860e6, id=341)
    target = fig("$2 billion", 2e9, kind="target", id=342)
    projection = fig("$1.5 billion", 1.5e9, kind="projection", id=343)
    groups = group_figures([actual, target, projection])
    assert sorted(g.kind for g in groups) == ["actual", "projection", "target"]
    assert all(g.status == "single" for g in groups)


def test_currencies_are_not_converted():
    usd = fig("$860 million", 860e6, id=351)
    kzt = fig("400 billion tenge", 400e9, "KZT", id=352)
    groups = group_figures([usd, kzt])
    assert sorted(g.unit for g in groups) == ["KZT", "USD"]


def test_figures_without_a_metric_are_not_grouped():
    assert group_figures([fig("$5 million", 5e6, metric=None), fig("$6 million", 6e6, metric="  ")]) == []


def test_metric_names_compare_case_and_space_insensitively():
    a = fig("$860 million", 860e6, metric="Bilateral trade  turnover", id=361)
    b = fig("$860 million", 860e6, metric="bilateral trade turnover", id=362)
    c = fig("$861 million", 861e6, metric="bilateral trade turnover", id=363)
    [group] = group_figures([a, b, c])
    assert group.status == "agreed" and group.metric == "bilateral trade turnover"


# ------------------------------------------------------------------------------------------------
# Ordering, statuses, JSON


def test_ordering_conflicts_by_severity_then_the_rest_by_metric_and_period():
    trade = list(trade_figures())  # severity ~0.039
    flights = list(flight_figures()[:3])  # 33/week vs 4/week, severity ~0.87
    tourists = [
        fig("approximately 150,000", 150_000, "people/year", "approx",
            metric="tourist arrivals", period="2024", id=401),
        fig("150,000", 150_000, "people/year", metric="tourist arrivals", period="2024", id=402),
    ]
    single_2022 = fig("over 400 million USD", 400e6, qualifier="over", period="2022", id=403)
    accepted_group = [
        fig("$1 billion", 1e9, metric="investment", period="2023", id=404),
        fig("$2 billion", 2e9, metric="investment", period="2023", id=405),
    ]
    groups = group_figures(
        trade + flights + tourists + [single_2022] + accepted_group, {405: FigureDecision("accepted")}
    )
    summary = [(g.metric_key, g.period, g.status) for g in groups]
    assert summary == [
        ("direct flights", None, "conflict"),
        (TRADE, "2024", "conflict"),
        (TRADE, "2022", "single"),
        ("investment", "2023", "accepted"),
        ("tourist arrivals", "2024", "agreed"),
    ]
    assert groups[0].severity > groups[1].severity > 0


def test_single_and_all_rejected():
    a = fig("$860 million", 860e6, id=501)
    [single] = group_figures([a])
    assert single.status == "single" and single.severity == 0
    [accepted_single] = group_figures([a], {501: FigureDecision("accepted")})
    assert accepted_single.status == "accepted"
    b = fig("$879 million", 879e6, id=502)
    [all_rejected] = group_figures([a, b], {501: FigureDecision("rejected"), 502: FigureDecision("rejected")})
    assert all_rejected.status == "agreed" and figures_for_chart(all_rejected) == ()


def test_decisions_for_figures_elsewhere_do_not_leak():
    a, b, c = trade_figures()
    [group] = group_figures([a, b, c], {999: FigureDecision("accepted")})
    assert group.status == "conflict" and group.accepted_figure_id is None


def test_group_of():
    a, b, c = trade_figures()
    groups = group_figures([a, b, c, fig("$5 million", 5e6, metric=None, id=601)])
    assert group_of(groups, 102) is groups[0]
    assert group_of(groups, 601) is None


def test_group_to_json():
    a, b, c = trade_figures()
    over = fig("over 900 million", 900e6, qualifier="over", id=104, document_id=4)
    [group] = group_figures(
        [a, b, c, over],
        {101: FigureDecision("accepted", "customs"), 102: FigureDecision("rejected")},
        {(TRADE, "2024", "actual", "USD", None): "checked"},
    )
    data = group_to_json(group)
    json.dumps(data, allow_nan=False)  # plain JSON, no Infinity
    assert {k: data[k] for k in ("metric", "period", "unit", "status", "note", "accepted_figure_id", "kind")} == {
        "metric": TRADE,
        "period": "2024",
        "unit": "USD",
        "status": "accepted",
        "note": "checked",
        "accepted_figure_id": 101,
        "kind": "actual",
    }
    assert data["key"] == "bilateral trade turnover|2024|actual|USD|"
    assert data["rejected_ids"] == [102]
    by_id = {f["id"]: f for f in data["figures"]}
    assert by_id[101] == {
        "id": 101,
        "value": 860e6,
        "low": None,
        "high": None,
        "unit": "USD",
        "qualifier": "exact",
        "period": "2024",
        "kind": "actual",
        "metric": TRADE,
        "interval": [pytest.approx(855e6), pytest.approx(865e6)],
        "interval_open": [False, False],
        "rejected": False,
        "accepted": True,
        "decision_note": "customs",
        "document": {"id": 1, "title": "Doc 1", "date": "2025-05-06", "source": "1.txt"},
        "sentence": {"index": 2, "start": 100, "end": 200},
        "start": 0,
        "end": len("$860 million"),
        "text": "$860 million",
    }
    assert by_id[102]["rejected"] and not by_id[102]["accepted"]
    assert by_id[104]["interval"] == [900e6, None] and by_id[104]["interval_open"] == [True, True]


def test_groups_are_hashable_and_comparable():
    a, b, c = trade_figures()
    first = group_figures([a, b, c], {101: FigureDecision("accepted", "x")})
    second = group_figures([c, b, a], {101: FigureDecision("accepted", "x")})
    assert first == second  # input order does not matter
    assert len({hash(g) for g in first}) == 1


def test_decision_of_and_sources_in_play():
    figures = [fig("$860 million", 860e6, id=901), fig("$879 million", 879e6, id=902),
               fig("USD 1 billion", 1e9, "USD", "nearly", id=903)]
    (group,) = group_figures(figures, {901: FigureDecision("accepted"), 903: FigureDecision("rejected")})
    assert [group.decision_of(f.id) for f in figures] == ["accepted", "set aside", "rejected"]
    assert group.sources_in_play == 2
    (undecided,) = group_figures(figures)
    assert [undecided.decision_of(f.id) for f in figures] == ["", "", ""]
    assert undecided.sources_in_play == 3
