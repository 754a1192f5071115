import hashlib
import json
import sys
from pathlib import Path

import pytest

from desktop.extract.figures import find_figures
from desktop.extract.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from eval_figures import gold_text  # noqa: E402  (the text the gold offsets refer to)


def figures(text):
    return find_figures(text, split_sentences(text))


def only(text):
    found = figures(text)
    assert len(found) == 1, [(f.text, f.value, f.unit) for f in found]
    figure = found[0]
    assert text[figure.start : figure.end] == figure.text
    return figure


@pytest.mark.parametrize(
    "text, span, value, unit",
    [
        ("Trade reached over 400 million USD last year.", "400 million USD", 400_000_000.0, "USD"),
        ("Trade was $860 million last year.", "$860 million", 860_000_000.0, "USD"),
        ("Profits jumped to $1.13bn at the group.", "$1.13bn", 1_130_000_000.0, "USD"),
        ("Profits were £600m at the group.", "£600m", 600_000_000.0, "GBP"),
        ("It costs 1 billion USD to build.", "1 billion USD", 1e9, "USD"),
        ("The economy grew by 4.8% this year.", "4.8%", 4.8, "percent"),
        ("It sold $4.8m of bonds.", "$4.8m", 4_800_000.0, "USD"),
        ("It raised US$5 billion from investors.", "US$5 billion", 5e9, "USD"),
        ("It raised 5.5 billion dollars from investors.", "5.5 billion dollars", 5.5e9, "USD"),
        ("It raised USD 1 billion from investors.", "USD 1 billion", 1e9, "USD"),
        ("The state spent VND 2 trillion on roads.", "VND 2 trillion", 2e12, "VND"),
        ("Sales rose 5 per cent in March.", "5 per cent", 5.0, "percent"),
        ("Rates were cut by half a percentage point.", "half a percentage point", 0.5, "percentage points"),
        ("Shares rose 4p in early trade.", "4p", 0.04, "GBP"),
        ("It cost 5.65bn euros in all.", "5.65bn euros", 5.65e9, "EUR"),
        ("Output was 16.9bn pounds.", "16.9bn pounds", 16.9e9, "GBP"),
        ("The firm will hire 150,000 workers.", "150,000 workers", 150_000.0, "workers"),
        ("There are two and a half million cars in the city.", "two and a half million cars", 2.5e6, "cars"),
    ],
)
def test_values_in_base_units_and_units(text, span, value, unit):
    figure = only(text)
    assert figure.text == span
    assert figure.value == value
    assert figure.unit == unit


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("Trade reached over $400m.", "over"),
        ("Trade reached more than $400m.", "over"),
        ("Arrivals could exceed 300,000 tourists.", "over"),
        ("Trade reached nearly $1bn.", "nearly"),
        ("Trade reached almost $1bn.", "nearly"),
        ("Trade reached about $1bn.", "approx"),
        ("Trade reached approximately $1bn.", "approx"),
        ("The plan will cut up to 300 jobs.", "under"),
        ("The plan will cut fewer than 300 jobs.", "under"),
        ("Trade reached $1bn.", "exact"),
    ],
)
def test_qualifiers(text, qualifier):
    assert only(text).qualifier == qualifier


@pytest.mark.parametrize(
    "text, span, low, high, unit",
    [
        ("Airlines run 3-5 daily flights to Almaty.", "3-5 daily flights", 3.0, 5.0, "flights/day"),
        ("Inflation is within the 2-3% target range.", "2-3%", 2.0, 3.0, "percent"),
        ("The deal is worth $10-12bn to the firm.", "$10-12bn", 10e9, 12e9, "USD"),
        ("Growth of between 1% and 3% is forecast.", "1% and 3%", 1.0, 3.0, "percent"),
        ("Debts built up over 20 or 30 years.", "20 or 30 years", 20.0, 30.0, "years"),
    ],
)
def test_ranges(text, span, low, high, unit):
    figure = only(text)
    assert (figure.text, figure.value, figure.low, figure.high, figure.unit, figure.qualifier) == (
        span, None, low, high, unit, "range"
    )


def test_change_is_not_a_range():
    found = figures("The claimant total fell 11,000 to 813,200 last month.")
    assert [(f.text, f.value, f.qualifier) for f in found] == [("11,000", 11000.0, "exact"), ("813,200", 813200.0, "exact")]
    found = figures("The rate was cut from 2% to 1% for 2004.")
    assert [f.value for f in found] == [2.0, 1.0] and all(f.qualifier == "exact" for f in found)


@pytest.mark.parametrize(
    "text, span, value, unit",
    [
        ("Flights from Kazakhstan now operate at a frequency of 33 per week.", "33 per week", 33.0, "flights/week"),
        ("Kazakh arrivals reached approximately 150,000 annually.", "150,000 annually", 150_000.0, "people/year"),
        ("The airline runs two flights a week to Hanoi.", "two flights a week", 2.0, "flights/week"),
        ("It allows 30-day visa-free entry.", "30-day", 30.0, "days"),
        ("Next month marks 33 years since the establishment of diplomatic relations.", "33 years", 33.0, "years"),
        ("More than 40 direct flights connect the two countries.", "40 direct flights", 40.0, "flights"),
        ("The hotel welcomed 2,000 visitors.", "2,000 visitors", 2000.0, "people"),
    ],
)
def test_rates_durations_and_counted_nouns(text, span, value, unit):
    figure = only(text)
    assert (figure.text, figure.value, figure.unit) == (span, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Diplomatic relations were established in 1992.",
        "Trade grew between 2022 and 2023–2024 steadily.",
        "He spoke at a May 6 meeting with the president.",
        "In August 1959, the president visited Kazakhstan.",
        "The two countries signed a deal; the two sides agreed.",
        "It is one of the biggest firms.",
        "This was the first visit and the 33rd meeting.",
        "The meeting starts at 10:30 and ends at 3pm.",
        "The FTSE 100 index and the Boeing 747 fleet.",
        "It ranked No. 1 among the top 25 economies.",
        "The firm makes 3G phones in the 1990s.",
        "Shares were restated for 2000 and 2003 results.",
        "Two years ago, the leaders met.",
        "More than half of the region's output.",
    ],
)
def test_not_figures(text):
    assert figures(text) == [], [(f.text, f.value) for f in figures(text)]


def test_periods():
    text = "Trade turnover nearly doubled from over 400 million USD in 2022 to nearly 1 billion USD by 2023–2024."
    assert [f.period for f in figures(text)] == ["2022", "2023/2024"]
    assert only("Exports reached $2bn in the first four months of 2023.").period == "2023-01/2023-04"
    assert only("Exports reached $2bn in May 2024.").period == "2024-05"
    assert only("Profits were $2bn in the three months to December 2004.").period == "2004-10/2004-12"
    assert only("Profits were $2bn in the three months to December.").period is None
    assert only("Profits were $2bn in the year ending 31 December 2003.").period == "2003"
    found = figures("In 2024, its economy grew by 4.8%, with GDP projected to reach 450 billion USD by 2029.")
    assert [f.period for f in found] == ["2024", "2029"]
    assert only("Profits were $2bn last year.").period is None
    # a baseline year is not the figure's own period
    assert only("Output rose 10% on 2003.").period is None


def test_kinds():
    assert only("They aim to increase that figure to $2 billion in the near future.").kind == "target"
    assert only("GDP is projected to reach 450 billion USD by 2029.").kind == "projection"
    assert only("Tourist numbers could exceed 300,000 annually.").kind == "projection"
    assert only("Trade reached $860 million in 2024.").kind == "actual"
    assert only("Inflation would rise to its 2% target.").kind == "target"
    found = figures("Analysts predict profits of £170m, down from £194m last year.")
    assert [f.kind for f in found] == ["projection", "actual"]
    assert only("The economy grew 3.3%, slower than forecast.").kind == "actual"


def test_metrics_and_sectors():
    found = figures("Two-way trade reached $1bn. Exports to Kazakhstan were $300m. Kazakh tourists numbered 150,000.")
    assert [(f.metric, f.sectors) for f in found] == [
        ("bilateral trade turnover", ("trade",)),
        ("exports", ("trade",)),
        ("tourist arrivals", ("tourism",)),
    ]
    assert found[2].unit == "people"
    text = "Trade turnover between the two countries was $500m. In 2024, its economy grew by 4.8%."
    assert [f.metric for f in figures(text)] == ["bilateral trade turnover", "GDP growth"]


def test_a_growth_rate_of_arrivals_and_a_trade_target_have_their_metrics():
    text = ("Tourist arrivals from Kazakhstan rose 42 percent in the first ten months of the year to 96,000. "
            "The two countries target $2 billion in annual trade by 2030.")
    assert [(f.text, f.metric, f.sectors, f.kind) for f in figures(text)] == [
        ("42 percent", "tourist arrivals growth", ("tourism",), "actual"),
        ("96,000", "tourist arrivals", ("tourism",), "actual"),
        ("$2 billion", "bilateral trade turnover", ("trade",), "target"),
    ]


def test_conversions_share_period_and_metric():
    found = figures("It reported profits of $3.65bn (£1.97bn) for the final three months of 2004.")
    assert [(f.text, f.unit, f.period, f.metric) for f in found] == [
        ("$3.65bn", "USD", "2004-10/2004-12", "profit"),
        ("£1.97bn", "GBP", "2004-10/2004-12", "profit"),
    ]


def test_sentence_index_and_sorting():
    text = "Trade was $1bn. Exports were $2bn and imports $3bn."
    found = figures(text)
    assert [f.sentence_index for f in found] == [0, 1, 1]
    assert [f.start for f in found] == sorted(f.start for f in found)


def _seed(name):
    return gold_text(ROOT / "seeds" / name)


SEED_000 = [
    ("400 million USD", 4e8, "USD", "over", "2022", "actual", "bilateral trade turnover"),
    ("1 billion USD", 1e9, "USD", "nearly", "2023/2024", "actual", "bilateral trade turnover"),
    ("150,000 annually", 150000.0, "people/year", "approx", None, "actual", "tourist arrivals"),
    ("33 per week", 33.0, "flights/week", "exact", None, "actual", "direct flights per week"),
    ("300,000 annually", 300000.0, "people/year", "over", None, "projection", "tourist arrivals"),
    ("30-day", 30.0, "days", "exact", None, "actual", "visa-free stay"),
    ("4.8%", 4.8, "percent", "exact", "2024", "actual", "GDP growth"),
    ("450 billion USD", 4.5e11, "USD", "exact", "2029", "projection", "GDP"),
]
SEED_001 = [
    ("33 years", 33.0, "years", "exact", None, "actual", "years of diplomatic relations"),
    ("$860 million", 8.6e8, "USD", "exact", "2024", "actual", "bilateral trade turnover"),
    ("$2 billion", 2e9, "USD", "exact", None, "target", "bilateral trade turnover"),
    ("40 direct flights", 40.0, "flights", "over", None, "actual", "direct flights"),
]


@pytest.mark.parametrize("name, expected", [("000_5a05035d248fb0ac.txt", SEED_000), ("001_ae37e9c086af8f7d.txt", SEED_001)])
def test_seed_golden(name, expected):
    text = _seed(name)
    found = figures(text)
    got = [(f.text, f.value, f.unit, f.qualifier, f.period, f.kind, f.metric) for f in found]
    assert got == expected
    for figure in found:
        assert text[figure.start : figure.end] == figure.text
        assert figure.sectors and len(figure.sectors) == 1


def test_seed_spans_match_the_gold_file():
    gold = {}
    for line in (ROOT / "benchmarks" / "eval" / "figures_gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["source"].startswith("seeds/"):
            gold[record["source"]] = (record["text_sha256"], [(f["start"], f["end"], f["text"]) for f in record["figures"]])
    assert len(gold) == 2  # both seeds are in the gold file
    for source, (digest, spans) in gold.items():
        text = _seed(source.split("/", 1)[1])
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == digest  # the text that was annotated
        assert [(f.start, f.end, f.text) for f in figures(text)] == spans


def test_a_number_word_inside_a_name_is_not_a_figure():
    # seen in the app on a BBC rugby report: "his side's Six Nations defeat" gave a figure "6 nations"
    assert figures("Kaplan refereed his side's Six Nations defeat to Ireland.") == []
    assert figures("Six Nations organisers met. The Three Gorges dam opened. The deal with the Big Four firms.") == []
    # counts written with number words still count, a nationality adjective or people noun included
    found = figures("Six nations signed. Two Vietnamese airlines fly there. Three Americans died.")
    assert [(f.text, f.value, f.unit) for f in found] == [
        ("Six nations", 6.0, "nations"), ("Two Vietnamese airlines", 2.0, "airlines"), ("Three Americans", 3.0, "people")]
