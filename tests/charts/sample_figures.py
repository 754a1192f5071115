"""Figures made by hand, shaped like the seeds' (Vietnam–Kazakhstan trade), for chart tests without a store."""

from __future__ import annotations

from desktop.domain import Figure

TRADE = "bilateral trade"


def make_figure(figure_id: int, value: float | None, *, unit: str = "USD", qualifier: str = "exact",
                period: str | None = "2024", kind: str = "actual", metric: str | None = TRADE,
                low: float | None = None, high: float | None = None, document_id: int = 1,
                title: str = "Kazakhstan and Vietnam boost trade", date: str | None = "2025-05-06",
                text: str = "") -> Figure:
    return Figure(
        id=figure_id, document_id=document_id, sentence_index=3, sentence_start=100, sentence_end=180,
        start=120, end=135, text=text or f"{value}", value=value, unit=unit, qualifier=qualifier, low=low,
        high=high, period=period, kind=kind, metric=metric, sectors=("trade",), document_title=title,
        document_date=date, document_source=f"/seeds/{document_id:03d}.txt",
    )


def trade_figures() -> list[Figure]:
    """One of each qualifier and kind, two sources for 2024, a year range and an undated target."""
    return [
        make_figure(1, 400e6, qualifier="over", period="2022", text="over 400 million USD", document_id=1,
                    title="To Lam's visit to Kazakhstan", date="2025-05-04"),
        make_figure(2, 1e9, qualifier="nearly", period="2023/2024", text="nearly 1 billion USD", document_id=1,
                    title="To Lam's visit to Kazakhstan", date="2025-05-04"),
        make_figure(3, 860e6, period="2024", text="$860 million"),
        make_figure(4, 850e6, qualifier="approx", period="2024", text="about $850 million", document_id=3,
                    title="Trade review", date="2025-02-01"),
        make_figure(5, 2e9, kind="target", period=None, text="$2 billion"),
        make_figure(6, None, qualifier="range", low=1e9, high=1.5e9, period="2026", kind="projection",
                    text="$1-1.5 billion", document_id=3, title="Trade review", date="2025-02-01"),
        make_figure(7, 300e6, qualifier="under", period="2021", text="under $300 million", document_id=3,
                    title="Trade review", date="2025-02-01"),
        make_figure(8, 5e12, unit="KZT", period="2024", text="5 trillion tenge"),
    ]
