"""Error classes found by the blind held-out annotation: spans, values, units, periods, kinds, metrics."""

import pytest

from desktop.extract.figures import find_figures
from desktop.extract.sentences import split_sentences


def figures(text):
    found = find_figures(text, split_sentences(text))
    for figure in found:
        assert text[figure.start : figure.end] == figure.text
    return found


def one(text, span):
    matching = [figure for figure in figures(text) if figure.text == span]
    assert len(matching) == 1, [(f.text, f.unit) for f in figures(text)]
    return matching[0]


@pytest.mark.parametrize(
    "text, span, value, unit",
    [
        ("The economy has grown for four consecutive quarters.", "four consecutive quarters", 4.0, "quarters"),
        ("It signed a five-year deal.", "five-year", 5.0, "years"),
        ("Workers staged a two-day strike.", "two-day", 2.0, "days"),
        ("Rates rose by one percentage point.", "one percentage point", 1.0, "percentage points"),
        ("The album sold seven million last year.", "seven million", 7e6, "count"),
        ("Tickets cost 70 euro cents each.", "70 euro cents", 0.70, "EUR"),
        ("A quarter of a million students protested.", "A quarter of a million students", 250_000.0, "students"),
        ("Three quarters of a million voters stayed home.", "Three quarters of a million voters", 750_000.0, "voters"),
        ("It wrote off 5 trillion rupiah in loans.", "5 trillion rupiah", 5e12, "IDR"),
        ("The gap was 29.4bn Australian dollars.", "29.4bn Australian dollars", 29.4e9, "AUD"),
        ("It raised 3bn Canadian dollars.", "3bn Canadian dollars", 3e9, "CAD"),
        ("It raised 2bn Hong Kong dollars.", "2bn Hong Kong dollars", 2e9, "HKD"),
        ("It raised 5m New Zealand dollars.", "5m New Zealand dollars", 5e6, "NZD"),
        ("Some 400,000 Sri Lankans work abroad.", "400,000 Sri Lankans", 400_000.0, "people"),
        ("About 300 Iraqis were hired.", "300 Iraqis", 300.0, "people"),
        ("The index closed at 1,011.15 points.", "1,011.15 points", 1011.15, "points"),
    ],
)
def test_spans_values_units(text, span, value, unit):
    figure = one(text, span)
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "The committee voted 8-1 to hold rates.",
        "The board backed it after a 2-1 split.",
        "Prices will rise in two years' time.",
        "The fourth quarter points to weakness.",
        "The film got an 18 certificate.",
        "Three quarters of the firms rose.",
    ],
)
def test_not_figures(text):
    assert figures(text) == []


def test_capitalised_plurals_are_not_all_demonyms():
    assert one("Delegates from 40 Nations attended.", "40 Nations").unit == "nations"


@pytest.mark.parametrize(
    "text, span, qualifier",
    [
        ("The storm pushed claims up to $37bn.", "$37bn", "exact"),
        ("The plan will cut up to 300 jobs.", "300 jobs", "under"),
        ("Investment may go up to $20bn.", "$20bn", "under"),
        ("It may be linked to as many as 56,000 deaths.", "56,000 deaths", "under"),
    ],
)
def test_up_to_after_a_push_is_exact(text, span, qualifier):
    assert one(text, span).qualifier == qualifier


def test_conversions_share_qualifier_kind_and_period():
    text = "Tickets will cost about 70 euro cents (£0.48; $0.98) in 2006."
    found = figures(text)
    assert [f.text for f in found] == ["70 euro cents", "£0.48", "$0.98"]
    assert {(f.qualifier, f.kind, f.period) for f in found} == {("approx", "projection", "2006")}


@pytest.mark.parametrize(
    "text, span, period",
    [
        ("Sales rose 5% in 2005 and 2006.", "5%", "2005/2006"),
        ("Mitch killed about 10,000 people and caused damage of about $10bn in 1998.", "10,000 people", "1998"),
        ("Mitch killed about 10,000 people and caused damage of about $10bn in 1998.", "$10bn", "1998"),
        ("Confidence is at its highest for five months and they are optimistic about 2005.", "five months", None),
    ],
)
def test_periods(text, span, period):
    assert one(text, span).period == period


@pytest.mark.parametrize(
    "text, span, kind",
    [
        ("The bank voted to raise rates to 5%.", "5%", "target"),
        ("The firm is hoping to increase its share from 30% to 40%.", "40%", "target"),
        ("The firm is hoping to increase its share from 30% to 40%.", "30%", "actual"),
        ("The economy saw 5% growth forecast for 2005.", "5%", "projection"),
        ("Sales of $5bn, expected in 2004, will help.", "$5bn", "projection"),
        ("Analysts' estimate of $5bn was high.", "$5bn", "projection"),
        ("An extra £50m will be made available.", "£50m", "target"),
        ("Inflation will fall from the current 2.5%.", "2.5%", "actual"),
        ("Inflation will fall, but it is currently 2.5%.", "2.5%", "actual"),
        ("It will grow faster than it has in the past 50 years.", "50 years", "actual"),
        ("Growth of 3% is expected in 2005, after 2% in 2004.", "2%", "actual"),
    ],
)
def test_kinds(text, span, kind):
    assert one(text, span).kind == kind


@pytest.mark.parametrize(
    "text, span, metric",
    [
        ("The Nikkei index of leading shares fell 3%.", "3%", "stock index"),
        ("The index closed up 22.5 points.", "22.5 points", "stock index"),
        ("The US stock market rose by 20%.", "20%", "stock index"),
        ("Glazer made an offer of 300p a share for the club.", "300p", "deal value"),
        ("Glazer tabled a takeover offer worth £800m.", "£800m", "deal value"),
        ("The firm owes $5bn to banks under the deal.", "$5bn", "debt"),
        ("The chief executive was paid £2m last year, the deal shows.", "£2m", "average earnings"),
        ("Congestion will cost the economy £20bn.", "£20bn", "costs"),
        ("Agriculture makes up 20% of the economy.", "20%", "GDP share"),
        ("Oil was down 6% on Friday.", "6%", "oil price"),
        ("Harry Potter took £10m at the box office.", "£10m", "revenue"),
        ("Consumers spent £5bn in December.", "£5bn", "spending"),
        ("Imports rose; the deficit in trade hit £5bn.", "£5bn", "trade deficit"),
        ("Its profits slumped 27% to $284m, helped by box-office flops.", "$284m", "profit"),
    ],
)
def test_metrics(text, span, metric):
    assert one(text, span).metric == metric
