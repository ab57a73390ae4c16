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
    assert [model.index(r, 0).data(KEY_ROLE) for r in range(model.rowCount())] == [f[0] for f in FACETS]
    for key, _field, _label in FACETS:
        assert _values(model, key) == {c.value: c.count for c in result.facets.get(key, ())}
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
    assert model.selected()["streets"] == ("北关街道", "古城街道")
    assert model.selected()["topics"] == ("民生",)
    assert model.index(0, 0, g).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # Years, then months, newest first; other values by count.
    m = _group(model, "month")
    assert [model.index(r, 0, m).data() for r in range(2)] == ["2026", "2025"]
    year_2026 = model.index(0, 0, m)
    assert model.index(0, 0, year_2026).data() == "2026-01" and year_2026.data(COUNT_ROLE) == 2
    # Checking a year checks its months; one month of a year checked shows the year partly checked.
    with qtbot.waitSignal(model.filters_changed):
        model.setData(year_2026, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.selected()["months"] == ("2026-01",)
    assert year_2026.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.set_facets({"month": (FacetCount("2026-01", 2), FacetCount("2026-02", 1))})
    assert (
        model.index(0, 0, _group(model, "month")).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.PartiallyChecked
    )
    model.set_year_checked("2026", False)
    assert model.selected()["months"] == ()
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
    model.filters_changed.connect(lambda: controller.update(**model.selected()))
    with qtbot.waitSignal(controller.result_ready, timeout=10_000) as first:
        controller.update(text=common_word)
    model.set_facets(first.args[0].facets)
    month, count = max(_values(model, "month").items(), key=lambda kv: kv[1])
    with qtbot.waitSignal(controller.result_ready, timeout=10_000) as narrowed:
        model.set_checked("month", month, True)
    result = narrowed.args[0]
    assert result.total == count <= first.args[0].total
    assert all(archive.article(i).date.strftime("%Y-%m") == month for i in result.ids)
