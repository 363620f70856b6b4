"""The first-run page (issue 6): with no file open, offer the demo plan, a new master
from the built-in plan, or a file received from the coordinator — and a short guide
for each role."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui.forms.ui_welcome import Ui_WelcomePage

translate = QCoreApplication.translate


def guide_html(role: str) -> str:
    """The short first-use guide for a liaison officer or the coordinator."""
    if role == "liaison":
        steps = [
            translate(
                "Guide",
                "<b>打开</b>：双击协调员发来的 .ipdesk 文件，或在本窗口点“打开协调员发来的文件”。请先把文件复制到电脑上，不要直接在U盘里打开。",
            ),
            translate(
                "Guide",
                "<b>填报</b>：在“部门填报”中，右上角选好报送期间；点选一项任务，填写状态、完成百分比、进展情况、存在问题、下步计划，添加佐证材料。每次修改都会立即保存，按 Ctrl+Z 可撤销上一步。",
            ),
            translate(
                "Guide",
                "<b>指标</b>：在下方“指标填报”中填写本期新增数量（累计会自动计算）。数值有误时会在格子旁提示。",
            ),
            translate(
                "Guide",
                "<b>打印</b>：点“打印本部门表”（Ctrl+P），在打印对话框中选择打印机、份数和页码；也可打印预览或另存为 PDF。请领导签字盖章。",
            ),
            translate(
                "Guide",
                "<b>提交并报送</b>：全部填完后点“提交本期”（提交后锁定），再点“导出报送文件”，把生成的文件用U盘或邮件交给协调员。",
            ),
        ]
    else:
        steps = [
            translate(
                "Guide",
                "<b>建立</b>：点“新建总表（内置计划）”，内置方案的任务、指标、阶段和分工会全部建立。在“计划设置”中核对单位、联络员、分工、时限和指标目标。",
            ),
            translate(
                "Guide", "<b>下发</b>：在“汇总合并”中为各单位生成部门文件，发给各单位联络员。"
            ),
            translate(
                "Guide",
                "<b>汇总</b>：把各单位交回的文件拖到“汇总合并”，先预览（新增、修改、冲突、拒收及原因），再合并；冲突逐项选择，合并可以撤销。",
            ),
            translate(
                "Guide",
                "<b>审核</b>：在“部门填报”中选择单位，审核通过或退回（写明原因）。“全区总览”可按领域、单位、状态、红黄绿灯、逾期、本期未报筛选。",
            ),
            translate(
                "Guide",
                "<b>打印与归档</b>：打印全区汇总表、指标完成情况表；检查验收前导出归档材料。总表文件请定期备份。",
            ),
        ]
    items = "".join(f"<li style='margin-bottom:6px'>{s}</li>" for s in steps)
    return f"<ol style='margin-left:-20px'>{items}</ol>"


class WelcomePage(QWidget):
    openDemo = Signal()
    createMaster = Signal()
    openFile = Signal()
    openRecent = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_WelcomePage()
        self.ui.setupUi(self)
        self.setObjectName("welcomePage")
        font = self.ui.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.ui.title.setFont(font)
        self.ui.title.setStyleSheet("color: #1f3a5f;")
        for button in (self.ui.demoButton, self.ui.newButton, self.ui.openButton):
            button.setMinimumHeight(button.fontMetrics().height() * 2 + 8)
            button.setStyleSheet("QPushButton { font-weight: bold; }")
        self.ui.demoButton.clicked.connect(self.openDemo)
        self.ui.newButton.clicked.connect(self.createMaster)
        self.ui.openButton.clicked.connect(self.openFile)
        self.ui.recentList.itemActivated.connect(
            lambda item: self.openRecent.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.ui.liaisonGuide.setHtml(guide_html("liaison"))
        self.ui.coordinatorGuide.setHtml(guide_html("coordinator"))
        self.ui.recentBox.setMaximumWidth(420)
        # The guides are short: keep the page compact and let the space go below.
        height = self.fontMetrics().height() * 17
        self.ui.guideTabs.setMaximumHeight(height)
        self.ui.recentBox.setMaximumHeight(height)
        self.ui.outerLayout.addStretch(1)

    def set_recent(self, files: list[str]) -> None:
        self.ui.recentList.clear()
        for path in files:
            item = QListWidgetItem(f"{Path(path).name}\n{Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.ui.recentList.addItem(item)
        if not files:
            item = QListWidgetItem(self.tr("（还没有打开过文件）"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.ui.recentList.addItem(item)


class GuideDialog(QDialog):
    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(
            self.tr("联络员使用指南") if role == "liaison" else self.tr("协调员使用指南")
        )
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        text = QTextBrowser()
        text.setHtml(guide_html(role))
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
