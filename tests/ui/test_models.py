"""The item models pass pytest-qt's qtmodeltester (Qt's QAbstractItemModelTester), filled and refilled."""

from __future__ import annotations



def test_documents_model(qtmodeltester, session):
    from desktop.ui.documents_list import DocumentsModel

    model = DocumentsModel()
    model.set_documents(session.documents())
    qtmodeltester.check(model)
    model.set_documents([])
    qtmodeltester.check(model)


def test_documents_model_fetches_lazily(qtmodeltester, session):
    from desktop.ui.documents_list import DocumentsModel

    documents = session.documents() * 300  # many rows: only the first batch is handed out
    model = DocumentsModel()
    model.set_documents(documents)
    assert model.rowCount() == DocumentsModel.BATCH
    qtmodeltester.check(model, force_py=True)
    assert model.row_of(documents[-1].id) is not None
    assert model.rowCount() > DocumentsModel.BATCH


def test_entity_tree_model_and_filter(qtmodeltester, session):
    from desktop.ui.entity_sidebar import EntityFilterProxy, EntityTreeModel

    model = EntityTreeModel()
    model.set_entities(session.entities())
    qtmodeltester.check(model)
    proxy = EntityFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(1)
    qtmodeltester.check(proxy)
    proxy.set_needle("kaz")
    qtmodeltester.check(proxy)
    model.set_entities([])
    qtmodeltester.check(model)


def test_entity_filter_ignores_case_and_diacritics(session):
    from desktop.ui.entity_sidebar import EntityFilterProxy, EntityTreeModel, EntityIdRole

    model = EntityTreeModel()
    model.set_entities(session.entities())
    proxy = EntityFilterProxy()
    proxy.setSourceModel(model)
    to_lam = next(e for e in session.entities() if e.name in ("Tô Lâm", "To Lam"))
    for needle in ("to lam", "TÔ LÂM", "Tô L"):
        proxy.set_needle(needle)
        shown = [proxy.index(row, 0, proxy.index(group, 0)).data(EntityIdRole)
                 for group in range(proxy.rowCount()) for row in range(proxy.rowCount(proxy.index(group, 0)))]
        assert shown == [to_lam.id]
    proxy.set_needle("")
    assert proxy.rowCount() == 3


def test_problems_model(qtmodeltester):
    from desktop.ui.import_status import ProblemsModel

    qtmodeltester.check(ProblemsModel((("/a/b.bin", "not text"), ("c.pdf", "unsupported format"))))


def test_export_checklist_model(qtmodeltester):
    from desktop.ui.export_dialog import MetricChecklistModel

    model = MetricChecklistModel([("trade", 4), ("flights", 2)], {"trade"})
    qtmodeltester.check(model)
    assert model.checked() == ["trade"]
    model.set_all(True)
    assert model.checked() == ["trade", "flights"]


