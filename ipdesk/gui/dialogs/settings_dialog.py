"""The settings dialog (ui/settings_dialog.ui): language, the default folder for
files to send, and this PC's name (shown to the coordinator instead of a number)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QLineEdit, QWidget

from ipdesk.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from ipdesk.gui.i18n import LANGUAGES
from ipdesk.gui.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language_changed = False
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.setObjectName("settingsDialog")
        for key, name in LANGUAGES.items():
            self.ui.languageCombo.addItem(name, key)
        self.ui.languageCombo.setCurrentIndex(
            max(0, self.ui.languageCombo.findData(settings.language))
        )
        self.ui.sendFolderEdit.setText(settings.send_folder)
        from ipdesk.store import clock

        self.site_name = QLineEdit(clock.site_name())
        self.site_name.setObjectName("siteNameEdit")
        self.site_name.setMaxLength(60)
        self.site_name.setPlaceholderText(self.tr("如：张敏的电脑、科技局办公室"))
        self.site_name.setToolTip(
            self.tr("报送文件带上这个名称；协调员看到的是“单位 · 名称”，而不是一串编号")
        )
        self.ui.form.addRow(QLabel(self.tr("本机名称")), self.site_name)
        self.ui.browseButton.clicked.connect(self._browse)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择文件夹"), self.ui.sendFolderEdit.text()
        )
        if folder:
            self.ui.sendFolderEdit.setText(folder)

    def accept(self) -> None:
        language = self.ui.languageCombo.currentData()
        self.language_changed = language != self.settings.language
        self.settings.language = language
        if self.ui.sendFolderEdit.text().strip():
            self.settings.send_folder = self.ui.sendFolderEdit.text().strip()
        from ipdesk.store import clock

        if self.site_name.text().strip() != clock.site_name():
            clock.set_site_name(self.site_name.text())
        super().accept()
