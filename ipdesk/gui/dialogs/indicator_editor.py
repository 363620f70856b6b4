"""The coordinator's indicator settings (ui/indicator_editor.ui): name, unit, target
and comparator, baseline, how several departments' figures combine."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ipdesk.gui import i18n
from ipdesk.gui.forms.ui_indicator_editor import Ui_IndicatorEditor
from ipdesk.gui.session import Session
from ipdesk.plan.codes import display_code
from ipdesk.plan.rules import Kind
from ipdesk.store import edits
from ipdesk.store.rows import get_row


class IndicatorEditor(QDialog):
    def __init__(self, session: Session, indicator_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.indicator_id = indicator_id
        self.ui = Ui_IndicatorEditor()
        self.ui.setupUi(self)
        self.setObjectName("indicatorEditor")
        self.current = get_row(session.db, "indicators", indicator_id) or {}
        ui, cur = self.ui, self.current
        self.setWindowTitle(
            self.tr("指标设置 {code}").format(code=display_code(cur.get("code", "")))
        )
        ui.textLabel.setText(cur.get("text") or "")
        ui.nameEdit.setText(cur.get("name") or "")
        ui.unitEdit.setText(cur.get("unit") or "")
        ui.comparatorCombo.addItem(self.tr("达到（≥）"), ">=")
        ui.comparatorCombo.addItem(self.tr("超过（>）"), ">")
        ui.comparatorCombo.addItem(self.tr("不超过（≤）"), "<=")
        ui.comparatorCombo.addItem(self.tr("低于（<）"), "<")
        ui.comparatorCombo.addItem(self.tr("保持（=）"), "=")
        ui.comparatorCombo.addItem(self.tr("约（≈）"), "~")
        ui.comparatorCombo.setCurrentIndex(
            max(0, ui.comparatorCombo.findData(cur.get("comparator")))
        )
        ui.targetSpin.setValue(float(cur.get("target") or 0))
        ui.hasBaseline.setChecked(cur.get("baseline") is not None)
        ui.baselineSpin.setValue(float(cur.get("baseline") or 0))
        ui.baselineSpin.setEnabled(ui.hasBaseline.isChecked())
        ui.hasBaseline.toggled.connect(ui.baselineSpin.setEnabled)
        ui.aggregationCombo.addItem(self.tr("各单位数值相加"), "sum")
        ui.aggregationCombo.addItem(self.tr("以指定单位的数值为准"), "designated")
        ui.aggregationCombo.setCurrentIndex(
            max(0, ui.aggregationCombo.findData(cur.get("aggregation")))
        )
        ui.designatedCombo.addItem(self.tr("（不指定）"), None)
        for dept in session.departments().values():
            ui.designatedCombo.addItem(dept["short_name"], dept["id"])
        ui.designatedCombo.setCurrentIndex(
            max(0, ui.designatedCombo.findData(cur.get("designated_department_id")))
        )
        kind = Kind(cur.get("kind", "level"))
        ui.kindLabel.setText(
            self.tr("类型：{kind}。累计、新增类指标由各单位填写每期新增数量。").format(
                kind=i18n.pick(kind.label_zh, kind.label_en)
            )
        )
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(session.is_master)
        ui.buttons.accepted.connect(self.save)
        ui.buttons.rejected.connect(self.reject)

    def values(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "name": ui.nameEdit.text().strip(),
            "unit": ui.unitEdit.text().strip(),
            "comparator": ui.comparatorCombo.currentData(),
            "target": float(ui.targetSpin.value()),
            "baseline": float(ui.baselineSpin.value()) if ui.hasBaseline.isChecked() else None,
            "aggregation": ui.aggregationCombo.currentData(),
            "designated_department_id": ui.designatedCombo.currentData(),
        }

    def save(self) -> None:
        new = self.values()
        old = {k: self.current.get(k) for k in new}
        if new == old:
            self.accept()
            return
        db, ind = self.session.db, self.indicator_id
        if self.session.edit(
            self.tr("修改指标 {name}").format(name=new["name"]),
            lambda: edits.update_indicator(db, ind, **new),
            lambda: edits.update_indicator(db, ind, **old),
        ):
            self.accept()
