"""Chart images for Word documents (core/export/charts.py): their size, and the process-level cache of PNGs
keyed by every input of a chart."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from core.export import charts, workbook
from core.hrh import partners as pm
from tests.conftest import make_workspace

LINE = dict(title="Cumulative net", ylabel="Dollars")


@pytest.fixture(autouse=True)
def _empty_cache():
    charts.clear_cache()
    yield
    charts.clear_cache()


def _line(values=(1.0, 2.0, 3.0), labels=("Month 1", "3", "6"), **options) -> bytes:
    return charts.line_chart(list(labels), {"Cumulative net": list(values)}, **{**LINE, **options})


def test_a_chart_is_an_opaque_png_of_its_inches_at_the_dpi():
    image = Image.open(io.BytesIO(_line()))
    # a line chart is 8 x 4.2 inches: at 110 dpi, 8 * 110 = 880 by 4.2 * 110 = 462 pixels
    assert image.format == "PNG" and image.mode == "RGB" and image.size == (880, 462)
    # a radar chart is 6.4 x 6.6 inches: 6.4 * 110 = 704 by 6.6 * 110 = 726 pixels
    radar = charts.radar_chart(["A", "B", "C"], {"Round 1": [1, 2, 3]}, title="Readiness", max_value=4)
    assert Image.open(io.BytesIO(radar)).size == (704, 726)


def test_the_same_inputs_reuse_the_kept_png():
    first = _line()
    again = _line()
    assert again is first  # the very bytes kept, not a second drawing
    charts.clear_cache()
    redrawn = _line()
    assert redrawn is not first and redrawn == first  # drawn anew, pixel for pixel the same file


@pytest.mark.parametrize(
    "changed",
    [
        dict(values=(1.0, 2.0, 4.0)),  # one value
        dict(values=(1.0, 2.0, None)),  # a value missing
        dict(labels=("Month 1", "3", "9")),  # one label
        dict(title="Cumulative net, every third month"),
        dict(ylabel="Dollars a month"),
    ],
)
def test_a_change_in_any_input_draws_a_different_png(changed):
    before = _line()
    after = _line(**changed)
    assert after != before
    assert _line() is before  # the first is still kept beside it


def test_series_names_order_and_options_are_part_of_the_key():
    two = {"Offered today": [10, 20], "Could add": [5, 6]}
    swapped = {"Could add": [5, 6], "Offered today": [10, 20]}  # the same numbers, the legend in another order
    renamed = {"Offered now": [10, 20], "Could add": [5, 6]}
    options = dict(title="Services a month", ylabel="Services")
    pngs = [
        charts.bar_chart(["Syringes", "Naloxone"], two, **options),
        charts.bar_chart(["Syringes", "Naloxone"], swapped, **options),
        charts.bar_chart(["Syringes", "Naloxone"], renamed, **options),
        charts.bar_chart(["Syringes", "Naloxone"], two, **options, horizontal=True),
    ]
    assert len(set(pngs)) == 4


def test_equal_numbers_of_another_type_are_kept_apart():
    # 1 == 1.0 == True in Python: the key keeps the type, so no entry is found by equality across types
    assert charts._frozen([1]) != charts._frozen([1.0]) != charts._frozen([True])


def test_the_cache_is_bounded_dropping_the_least_recently_used(monkeypatch):
    one = len(_line(values=(1.0, 2.0, 3.0)))
    monkeypatch.setattr(charts, "CACHE_BYTES", int(2.5 * one))  # room for two charts of about this size
    first = _line(values=(1.0, 2.0, 3.0))
    _line(values=(1.0, 2.0, 5.0))
    assert _line(values=(1.0, 2.0, 3.0)) is first  # used again: now the most recent
    _line(values=(1.0, 2.0, 7.0))  # a third chart: the least recently used (the 5.0 one) goes
    assert len(charts._cache) == 2 and charts._cache_bytes <= charts.CACHE_BYTES
    assert _line(values=(1.0, 2.0, 3.0)) is first


def _images(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}


def test_a_change_of_the_data_gives_the_new_chart_after_a_kept_one(sqlite_store):
    ws = make_workspace(sqlite_store)
    pm.add_partner(sqlite_store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")
    before = _images(workbook.workbook_docx(sqlite_store, ws.id))
    assert len(before) == 1  # the partner map's chart: 1 partner of 1 type
    assert _images(workbook.workbook_docx(sqlite_store, ws.id)) == before  # exported again: the kept chart

    pm.add_partner(sqlite_store, ws.id, entity_type="hospital", name="Riverbend General Hospital")
    after = _images(workbook.workbook_docx(sqlite_store, ws.id))
    assert list(after.values()) != list(before.values())  # 2 types now: a new chart, not the kept one
    charts.clear_cache()
    assert _images(workbook.workbook_docx(sqlite_store, ws.id)) == after  # the same as drawn with nothing kept


def test_drawing_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    _line(values=(4.0, 5.0, 6.0))
    assert gc.isenabled()
    gc.disable()
    try:
        _line(values=(4.0, 5.0, 7.0))
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_an_input_the_key_cannot_hold_is_drawn_and_not_kept():
    values = {"Cumulative net": [1.0, 2.0, 3.0]}
    png = charts.line_chart(["Month 1", "3", "6"], {"Cumulative net": iter(values["Cumulative net"])}, **LINE)
    assert png == _line() and len(charts._cache) == 1  # the same picture; only the list-based call was kept
