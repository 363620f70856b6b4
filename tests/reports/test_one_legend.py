"""One set of signals on every printed sheet (issue 13): the legend's shapes, colour
words and light words; the document's own numbering; whole expected counts."""

from __future__ import annotations

import re

import pytest

from ipdesk.plan.rules import Light
from ipdesk.read import legend
from ipdesk.reports.pdf import page


def test_the_sheets_draw_the_lights_with_the_legends_shapes():
    assert page.LIGHT_SHAPE == legend.SHAPES
    for light in Light:
        assert page.LIGHT_INK[light].hexval()[2:].upper() == legend.INK[light][1:].upper()
    # Four different shapes: legible in black and white.
    assert len(set(legend.SHAPES.values())) == 4
    assert legend.MILESTONE_REACHED not in legend.SHAPES.values()


@pytest.mark.parametrize("kind", ["dept", "district", "indicators", "timeline"])
def test_every_sheet_explains_its_marks_with_the_one_legend(sheets, kind):
    text = re.sub(r"\s+", "", sheets[kind].text)
    for light in (Light.red, Light.yellow, Light.green, Light.grey):
        assert f"{legend.SHAPES[light]}{light.label_zh}·{light.word_zh}" in text, light


def test_phases_are_written_as_the_document_writes_them(sheets):
    acceptance = re.sub(r"\s+", "", sheets["acceptance"].text)
    assert "（二）组织实施阶段" in acceptance
    for kind in ("acceptance", "timeline", "district"):
        assert "四（二）组织实施阶段" not in re.sub(r"\s+", "", sheets[kind].text)


def test_expected_counts_are_whole_things():
    assert legend.expected_number(1.51, "家") == 2
    assert legend.expected_number(2.0, "件") == 2
    assert legend.expected_number(36.55, "%") == pytest.approx(36.5, abs=0.06)
    assert legend.expected_number(14.694, "亿元") == pytest.approx(14.7)
    assert legend.expected_number(None, "家") is None
