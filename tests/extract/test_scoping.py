"""National metrics carry their economy, so Kazakhstan's GDP never lines up with Vietnam's."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def rules_pipeline():
    from desktop.extract.pipeline import Pipeline

    return Pipeline.load(use_model=False)


def _metrics(pipeline, text: str) -> list[tuple[str, str | None]]:
    return [(figure.text, figure.metric) for figure in pipeline.extract(text).figures]


def test_country_named_before_the_figure(rules_pipeline):
    text = "Vietnam's GDP grew 7.1% in 2024. Kazakhstan's GDP grew 4.8% in 2024."
    assert _metrics(rules_pipeline, text) == [("7.1%", "GDP growth (Vietnam)"), ("4.8%", "GDP growth (Kazakhstan)")]


def test_demonym_names_the_economy(rules_pipeline):
    text = "The Kazakh economy grew by 4.8% in 2024."
    assert _metrics(rules_pipeline, text) == [("4.8%", "GDP growth (Kazakhstan)")]


def test_its_economy_points_back_to_the_previous_sentence(rules_pipeline):
    text = ("Kazakhstan, the most dynamic economy in Central Asia, is growing. "
            "In 2024, its economy grew by 4.8%, with GDP projected to reach 450 billion USD by 2029.")
    assert _metrics(rules_pipeline, text) == [("4.8%", "GDP growth (Kazakhstan)"),
                                              ("450 billion USD", "GDP (Kazakhstan)")]


def test_bilateral_and_unscoped_metrics_stay_as_they_are(rules_pipeline):
    text = "Trade between Vietnam and Kazakhstan reached $860 million in 2024."
    assert _metrics(rules_pipeline, text) == [("$860 million", "bilateral trade turnover")]
    assert _metrics(rules_pipeline, "The economy grew 3% in 2024.") == [("3%", "GDP growth")]


def test_gazetteer_countries_are_countries_not_cities_or_regions():
    from desktop.extract.gazetteer import shared_gazetteer

    countries = shared_gazetteer().countries
    assert {"Kazakhstan", "Vietnam"} <= countries
    assert "Astana" not in countries and "Ho Chi Minh City" not in countries
