"""The coordinator's indicator settings (ui/indicator_editor.ui): name, unit, target
and comparator, baseline, how several departments' figures combine."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ipdesk.gui import i18n, operations
from ipdesk.gui.forms.ui_indicator_editor import Ui_IndicatorEditor
from ipdesk.gui.session import Session
from ipdesk.plan.codes import display_code
from ipdesk.read.indicators import load_indicators


class IndicatorEditor(QDialog):
    def __init__(self, session: Session, indicator_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.indicator_id = indicator_id
        self.ui = Ui_IndicatorEditor()
        self.ui.setupUi(self)
        self.setObjectName("indicatorEditor")
        cur = next(i for i in load_indicators(session.db) if i.id == indicator_id)
        self.current = cur
        ui = self.ui
        self.setWindowTitle(self.tr("指标设置 {code}").format(code=display_code(cur.code)))
        ui.textLabel.setText(cur.text or "")
        ui.nameEdit.setText(cur.name or "")
        ui.unitEdit.setText(cur.unit or "")
        ui.comparatorCombo.addItem(self.tr("达到（≥）"), ">=")
        ui.comparatorCombo.addItem(self.tr("超过（>）"), ">")
        ui.comparatorCombo.addItem(self.tr("不超过（≤）"), "<=")
        ui.comparatorCombo.addItem(self.tr("低于（<）"), "<")
        ui.comparatorCombo.addItem(self.tr("保持（=）"), "=")
        ui.comparatorCombo.addItem(self.tr("约（≈）"), "~")
        ui.comparatorCombo.setCurrentIndex(max(0, ui.comparatorCombo.findData(cur.comparator)))
        ui.targetSpin.setValue(float(cur.target or 0))
        ui.hasBaseline.setChecked(cur.baseline is not None)
        ui.baselineSpin.setValue(float(cur.baseline or 0))
        ui.baselineSpin.setEnabled(ui.hasBaseline.isChecked())
        ui.hasBaseline.toggled.connect(ui.baselineSpin.setEnabled)
        ui.aggregationCombo.addItem(self.tr("各单位数值相加"), "sum")
        ui.aggregationCombo.addItem(self.tr("以指定单位的数值为准"), "designated")
        ui.aggregationCombo.setCurrentIndex(max(0, ui.aggregationCombo.findData(cur.aggregation)))
        ui.designatedCombo.addItem(self.tr("（不指定）"), None)
        for dept in session.departments().values():
            ui.designatedCombo.addItem(dept.short_name, dept.id)
        ui.designatedCombo.setCurrentIndex(max(0, ui.designatedCombo.findData(cur.designated)))
        ui.kindLabel.setText(
            self.tr("类型：{kind}。累计、新增类指标由各单位填写每期新增数量。").format(
                kind=i18n.kind_label(cur.kind)
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
        cur = self.current
        old = {
            "name": cur.name,
            "unit": cur.unit,
            "comparator": cur.comparator,
            "target": cur.target,
            "baseline": cur.baseline,
            "aggregation": cur.aggregation,
            "designated_department_id": cur.designated,
        }
        if new == old:
            self.accept()
            return
        if self.session.run(
            operations.indicator_settings(self.session, self.indicator_id, new, old)
        ):
            self.accept()
