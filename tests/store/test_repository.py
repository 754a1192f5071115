"""The store on hand-made extractions: exact rows in, exact records out, curation that survives."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from desktop.domain import ExtractedFigure, ExtractedMention, Extraction, RawDocument, Sentence
from desktop.ingest.readers import checksum_of
from desktop.store.repository import Repository, Scope

TEXT = "Tô Lâm met Tokayev in Astana. Trade reached $860 million in 2024."


def _raw(text: str = TEXT, title: str = "Talks", date: str | None = "2025-05-06") -> RawDocument:
    return RawDocument(text=text, title=title, source=f"/data/{title}.txt", checksum=checksum_of(text), date=date)


def _extraction(text: str = TEXT) -> Extraction:
    sentences = (Sentence(0, 0, 29), Sentence(1, 30, len(text)))
    figure_start = text.index("$860 million")
    figures = (ExtractedFigure(start=figure_start, end=figure_start + 12, text="$860 million", sentence_index=1,
                               value=860e6, unit="USD", period="2024", metric="bilateral trade turnover",
                               sectors=("trade",)),)
    mentions = (
        ExtractedMention(0, 6, "Tô Lâm", "person", "Tô Lâm", 0),
        ExtractedMention(11, 18, "Tokayev", "person", "Tokayev", 0),
        ExtractedMention(22, 28, "Astana", "place", "Astana", 0),
    )
    return Extraction(sentences, figures, mentions, (("diplomacy",), ("trade",)))


def _keys(extraction: Extraction) -> list[str]:
    return [f"{m.type}:{m.name.lower()}" for m in extraction.mentions]


@pytest.fixture
def stored(repository: Repository) -> tuple[Repository, int]:
    extraction = _extraction()
    result = repository.add_document(_raw(), extraction, _keys(extraction))
    assert result.created
    return repository, result.document_id


def test_migrations_build_every_table(repository: Repository):
    tables = set(inspect(repository.engine).get_table_names())
    assert {"documents", "sentences", "entities", "mentions", "figures", "sectors", "figure_curation",
            "alembic_version"} <= tables
    with repository.engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() == "0001"


def test_figure_comes_back_with_its_sentence_and_document(stored):
    repository, document_id = stored
    (figure,) = repository.figures()
    assert (figure.start, figure.end, figure.text) == (44, 56, "$860 million")
    assert TEXT[figure.start:figure.end] == "$860 million"
    assert (figure.sentence_index, figure.sentence_start, figure.sentence_end) == (1, 30, 65)
    assert (figure.value, figure.unit, figure.period, figure.metric) == (860e6, "USD", "2024",
                                                                        "bilateral trade turnover")
    assert (figure.document_id, figure.document_title, figure.document_date) == (document_id, "Talks", "2025-05-06")
    assert repository.sentence_text(document_id, 1) == "Trade reached $860 million in 2024."
    # many sentences in one query, cut by the database in characters (diacritics included); missing ones absent
    assert repository.sentence_texts([(document_id, 1), (document_id, 0), (document_id, 9), (999, 0)]) == {
        (document_id, 0): "Tô Lâm met Tokayev in Astana.", (document_id, 1): "Trade reached $860 million in 2024."}
    with pytest.raises(KeyError, match="no sentence 9"):
        repository.sentence_text(document_id, 9)


def test_same_content_twice_is_one_document(stored):
    repository, document_id = stored
    again = repository.add_document(_raw(title="Other name"), _extraction(), _keys(_extraction()))
    assert (again.document_id, again.created) == (document_id, False)
    assert repository.document_count() == 1
    assert len(repository.figures()) == 1


def test_a_failing_write_leaves_no_partial_document(repository: Repository):
    extraction = _extraction()
    with pytest.raises(ValueError):
        repository.add_document(_raw(), extraction, _keys(extraction)[:1])  # keys do not match mentions
    assert repository.document_count() == 0
    with repository.engine.connect() as connection:
        for table in ("sentences", "mentions", "figures", "entities"):
            assert connection.execute(text(f"select count(*) from {table}")).scalar() == 0


def test_sector_scope_narrows_documents_figures_and_entity_counts(stored):
    repository, _ = stored
    assert len(repository.documents(Scope(sectors=frozenset({"trade"})))) == 1
    assert repository.documents(Scope(sectors=frozenset({"tourism"}))) == []
    assert repository.figures(Scope(sectors=frozenset({"tourism"}))) == []
    # the names stand in the diplomacy sentence, not the trade one
    assert repository.entities(Scope(sectors=frozenset({"trade"}))) == []
    assert {e.name for e in repository.entities(Scope(sectors=frozenset({"diplomacy"})))} == {
        "Tô Lâm", "Tokayev", "Astana"}


def test_search_ignores_case_and_diacritics(stored):
    repository, document_id = stored
    assert [d.id for d in repository.documents(Scope(search="to lam"))] == [document_id]
    assert [d.id for d in repository.documents(Scope(search="TÔ LÂM astana"))] == [document_id]
    assert repository.documents(Scope(search="hanoi")) == []
    assert repository.documents(Scope(search="100%")) == []


def test_entity_scope_narrows_documents_and_figures(stored):
    repository, document_id = stored
    tokayev = next(e for e in repository.entities() if e.name == "Tokayev")
    assert [d.id for d in repository.documents(Scope(entity_id=tokayev.id))] == [document_id]
    assert len(repository.figures(Scope(entity_id=tokayev.id))) == 1
    assert repository.documents(Scope(entity_id=tokayev.id + 1000)) == []


def _reimport(repository: Repository, document_id: int) -> int:
    """Delete and import the same document again, as a user re-importing a file would."""
    repository.delete_document(document_id)
    extraction = _extraction()
    return repository.add_document(_raw(), extraction, _keys(extraction)).document_id


def test_rename_hide_and_type_change_survive_reimport(stored):
    repository, document_id = stored
    entities = {e.name: e for e in repository.entities()}
    repository.rename_entity(entities["Tokayev"].id, "Kassym-Jomart Tokayev")
    repository.set_entity_type(entities["Astana"].id, "organisation")
    repository.set_entity_hidden(entities["Tô Lâm"].id, True)
    _reimport(repository, document_id)
    after = {e.name: e for e in repository.entities(include_hidden=True)}
    assert after["Kassym-Jomart Tokayev"].id == entities["Tokayev"].id
    assert after["Astana"].type == "organisation"
    assert after["Tô Lâm"].hidden
    assert "Tô Lâm" not in {e.name for e in repository.entities()}


def test_merge_moves_mentions_and_redirects_future_imports(stored):
    repository, document_id = stored
    entities = {e.name: e for e in repository.entities()}
    repository.merge_entities([entities["Tokayev"].id], entities["Tô Lâm"].id)
    merged = {e.name: e for e in repository.entities()}
    assert "Tokayev" not in merged
    assert merged["Tô Lâm"].mention_count == 2
    assert set(merged["Tô Lâm"].aliases) == {"Tô Lâm", "Tokayev"}
    _reimport(repository, document_id)
    assert {e.name: e.mention_count for e in repository.entities()}["Tô Lâm"] == 2


def test_split_alias_gives_its_mentions_an_entity_that_survives_reimport(stored):
    repository, document_id = stored
    entities = {e.name: e for e in repository.entities()}
    repository.merge_entities([entities["Tokayev"].id], entities["Tô Lâm"].id)
    new_id = repository.split_alias(entities["Tô Lâm"].id, "Tokayev")
    _reimport(repository, document_id)
    after = {e.id: e for e in repository.entities()}
    assert after[new_id].name == "Tokayev" and after[new_id].mention_count == 1
    assert after[entities["Tô Lâm"].id].mention_count == 1


def test_figure_decision_and_metric_survive_reextraction(stored):
    repository, document_id = stored
    (figure,) = repository.figures()
    repository.set_figure_decision(figure.id, "accepted", "matches the ministry's release")
    repository.set_figure_metric(figure.id, "exports")
    assert repository.figure(figure.id).metric == "exports"
    extraction = _extraction()
    repository.replace_extraction(document_id, extraction, _keys(extraction))
    (again,) = repository.figures()
    assert again.metric == "exports"
    curation = repository.figure_curation()[again.id]
    assert (curation.status, curation.note) == ("accepted", "matches the ministry's release")
    repository.set_figure_metric(again.id, None)
    assert repository.figure(again.id).metric == "bilateral trade turnover"


def test_diacritic_spelling_of_a_name_wins(repository: Repository):
    text_a = "To Lam spoke."
    plain = Extraction((Sentence(0, 0, 13),), (), (ExtractedMention(0, 6, "To Lam", "person", "To Lam", 0),), ((),))
    repository.add_document(_raw(text_a, "a"), plain, ["person:to lam"])
    text_b = "Tô Lâm spoke."
    marked = Extraction((Sentence(0, 0, 13),), (), (ExtractedMention(0, 6, "Tô Lâm", "person", "Tô Lâm", 0),), ((),))
    repository.add_document(_raw(text_b, "b"), marked, ["person:to lam"])
    (entity,) = repository.entities()
    assert (entity.name, entity.mention_count, entity.document_count) == ("Tô Lâm", 2, 2)
    assert entity.aliases == ("To Lam", "Tô Lâm")


def test_schema_head_constant_matches_the_newest_migration(tmp_path):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from desktop.store import engine as engine_module

    config = Config()
    config.set_main_option("script_location", str(engine_module._MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == engine_module.SCHEMA_HEAD
    # a file store is migrated once, then reopened without running Alembic
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    first = Repository.open(url)
    assert engine_module.current_revision(first.engine) == engine_module.SCHEMA_HEAD
    first.close()
    again = Repository.open(url)
    assert again.document_count() == 0
    again.close()
