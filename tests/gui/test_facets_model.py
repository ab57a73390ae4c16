"""Facet model: exact counts of the current result, multi-select, clear-all, filters reach the core."""

from __future__ import annotations

from PySide6.QtCore import Qt

from index.models import FacetCount, SearchRequest
from viewer.models.facets import COUNT_ROLE, FACETS, KEY_ROLE, VALUE_ROLE, FacetsModel
from viewer.search import SearchController


def _group(model: FacetsModel, key: str):  # type: ignore[no-untyped-def]
    return next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data(KEY_ROLE) == key)


def _values(model: FacetsModel, key: str) -> dict[str, int]:
    """Value → count of a facet group; for the month group, of the months under the years."""
    g = _group(model, key)
    rows = [model.index(r, 0, g) for r in range(model.rowCount(g))]
    if key == "month":
        rows = [model.index(r, 0, year) for year in rows for r in range(model.rowCount(year))]
    return {i.data(VALUE_ROLE): i.data(COUNT_ROLE) for i in rows}


def test_counts_are_those_of_the_result(qtmodeltester, archive, common_word):  # type: ignore[no-untyped-def]
    result = archive.search(SearchRequest(text=common_word))
    model = FacetsModel()
    model.set_facets(result.facets)
    qtmodeltester.check(model)
    assert [model.index(r, 0).data(KEY_ROLE) for r in range(model.rowCount())] == [f.name for f in FACETS]
    for fld in FACETS:
        assert _values(model, fld.name) == {c.value: c.count for c in result.facets.get(fld.name, ())}
    # Each month count is exact: together they cover every hit once; a year sums its months.
    assert sum(_values(model, "month").values()) == result.total
    g = _group(model, "month")
    for r in range(model.rowCount(g)):
        year = model.index(r, 0, g)
        months = [model.index(m, 0, year).data(VALUE_ROLE) for m in range(model.rowCount(year))]
        assert all(m.startswith(year.data(VALUE_ROLE)) for m in months)
        assert year.data(COUNT_ROLE) == sum(
            model.index(m, 0, year).data(COUNT_ROLE) for m in range(len(months))
        )


def test_multi_select_and_clear_all(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = FacetsModel()
    model.set_facets(
        {
            "street": (FacetCount("古城街道", 5), FacetCount("北关街道", 3)),
            "topic": (FacetCount("民生", 4),),
            "month": (FacetCount("2025-01", 1), FacetCount("2026-01", 2)),
        }
    )
    qtmodeltester.check(model)
    g = _group(model, "street")
    with qtbot.waitSignal(model.filters_changed):
        assert model.setData(model.index(0, 0, g), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(model.filters_changed):
        model.setData(model.index(1, 0, g), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.set_checked("topic", "民生", True)
    assert model.selected()["street"] == ("北关街道", "古城街道")
    assert model.selected()["topic"] == ("民生",)
    assert model.index(0, 0, g).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # Years, then months, newest first; other values by count.
    m = _group(model, "month")
    assert [model.index(r, 0, m).data() for r in range(2)] == ["2026", "2025"]
    year_2026 = model.index(0, 0, m)
    assert model.index(0, 0, year_2026).data() == "2026-01" and year_2026.data(COUNT_ROLE) == 2
    # Checking a year checks its months; one month of a year checked shows the year partly checked.
    with qtbot.waitSignal(model.filters_changed):
        model.setData(year_2026, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.selected()["month"] == ("2026-01",)
    assert year_2026.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.set_facets({"month": (FacetCount("2026-01", 2), FacetCount("2026-02", 1))})
    assert (
        model.index(0, 0, _group(model, "month")).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.PartiallyChecked
    )
    model.set_year_checked("2026", False)
    assert model.selected()["month"] == ()
    model.set_facets(
        {
            "street": (FacetCount("古城街道", 5), FacetCount("北关街道", 3)),
            "topic": (FacetCount("民生", 4),),
        }
    )
    # A checked value absent from the next result stays visible (count 0) so it can be unchecked.
    model.set_facets({"street": (FacetCount("古城街道", 2),)})
    qtmodeltester.check(model)
    assert _values(model, "street") == {"北关街道": 0, "古城街道": 2}
    with qtbot.waitSignal(model.filters_changed) as blocker:
        model.clear_all()
    assert blocker.signal_triggered and not model.has_selection()
    assert all(v == () for v in model.selected().values())


def test_checking_a_facet_filters_the_search(qtbot, archive, runner, common_word):  # type: ignore[no-untyped-def]
    controller = SearchController(archive, runner)
    model = FacetsModel()
    model.filters_changed.connect(lambda: controller.update(filters=model.filters()))
    with qtbot.waitSignal(controller.result_ready, timeout=10_000) as first:
        controller.update(text=common_word)
    model.set_facets(first.args[0].facets)
    month, count = max(_values(model, "month").items(), key=lambda kv: kv[1])
    with qtbot.waitSignal(controller.result_ready, timeout=10_000) as narrowed:
        model.set_checked("month", month, True)
    result = narrowed.args[0]
    assert result.total == count <= first.args[0].total
    assert all(archive.article(i).date.strftime("%Y-%m") == month for i in result.ids)


def test_the_panel_follows_the_field_registry_with_its_labels(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    from index import fields

    model = FacetsModel()
    model.set_facets({"street": (FacetCount("古城街道", 5),)})  # no "photographer" key: empty group
    qtmodeltester.check(model)
    keys = [model.index(r, 0).data(KEY_ROLE) for r in range(model.rowCount())]
    assert keys == list(fields.facet_names()) and "photographer" in keys
    assert model.rowCount(_group(model, "photographer")) == 0
    old = QLocale()
    try:
        QLocale.setDefault(QLocale("en"))
        labels = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert labels == [f.label_en for f in FACETS]
        QLocale.setDefault(QLocale("zh_CN"))
        assert model.index(keys.index("photographer"), 0).data() == "摄影"
    finally:
        QLocale.setDefault(old)


def test_a_photographer_value_goes_into_the_request(qtbot, archive, runner) -> None:  # type: ignore[no-untyped-def]
    """Checking a photographer asks the core for ``filters={"photographer": (name,)}``.

    (That the core then keeps only that photographer's articles is tested with the core's search.)
    """
    everyone = [a for e in archive.editions() for a in archive.edition_articles(e.id)]
    names = sorted({p for a in everyone for p in a.photographers})
    assert names, "the sample editions credit no photographer"
    controller = SearchController(archive, runner)
    model = FacetsModel()
    model.filters_changed.connect(lambda: controller.update(filters=model.filters()))
    model.set_facets({"photographer": tuple(FacetCount(n, 1) for n in names)})
    with qtbot.waitSignal(controller.result_ready, timeout=10_000):
        model.set_checked("photographer", names[0], True)
    assert dict(controller.request.filters) == {"photographer": (names[0],)}
    assert controller.request.photographers == (names[0],)


def test_the_photographer_facet_counts_and_filters(qtbot, archive, runner) -> None:  # type: ignore[no-untyped-def]
    """The 摄影 group shows the core's counts and checking a value keeps exactly those articles."""
    everyone = [a for e in archive.editions() for a in archive.edition_articles(e.id)]
    controller = SearchController(archive, runner)
    model = FacetsModel()
    model.filters_changed.connect(lambda: controller.update(filters=model.filters()))
    with qtbot.waitSignal(controller.result_ready, timeout=10_000) as first:
        controller.update(text="")
    model.set_facets(first.args[0].facets)
    counts = _values(model, "photographer")
    brute: dict[str, int] = {}
    for art in everyone:
        for name in set(art.photographers):
            brute[name] = brute.get(name, 0) + 1
    assert counts == brute and counts
    name = max(counts, key=lambda n: counts[n])
    with qtbot.waitSignal(controller.result_ready, timeout=10_000) as narrowed:
        model.set_checked("photographer", name, True)
    assert set(narrowed.args[0].ids) == {a.id for a in everyone if name in a.photographers}
