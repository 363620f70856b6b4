"""The settings dialog (ui/settings_dialog.ui): language and the default folder for
files to send."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

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
        super().accept()
