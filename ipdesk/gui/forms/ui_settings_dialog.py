# Generated from ui/settings_dialog.ui by scripts/build_ui — generated, do not edit.
# ruff: noqa
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(480, 240)
        self.layout = QVBoxLayout(SettingsDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.languageLabel = QLabel(SettingsDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(SettingsDialog)
        self.languageCombo.setObjectName(u"languageCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.sendLabel = QLabel(SettingsDialog)
        self.sendLabel.setObjectName(u"sendLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.sendLabel)

        self.sendLayout = QHBoxLayout()
        self.sendLayout.setObjectName(u"sendLayout")
        self.sendFolderEdit = QLineEdit(SettingsDialog)
        self.sendFolderEdit.setObjectName(u"sendFolderEdit")

        self.sendLayout.addWidget(self.sendFolderEdit)

        self.browseButton = QPushButton(SettingsDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.sendLayout.addWidget(self.browseButton)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.sendLayout)


        self.layout.addLayout(self.form)

        self.hint = QLabel(SettingsDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
        self.sendLabel.setBuddy(self.sendFolderEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"\u8bbe\u7f6e", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u754c\u9762\u8bed\u8a00(&L)", None))
        self.sendLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u62a5\u9001\u6587\u4ef6\u9ed8\u8ba4\u4fdd\u5b58\u5230(&S)", None))
        self.browseButton.setText(QCoreApplication.translate("SettingsDialog", u"\u6d4f\u89c8\u2026", None))
        self.hint.setText(QCoreApplication.translate("SettingsDialog", u"\u5207\u6362\u8bed\u8a00\u540e\u7a97\u53e3\u4f1a\u91cd\u65b0\u6253\u5f00\u5f53\u524d\u6587\u4ef6\uff0c\u672a\u5b8c\u6210\u7684\u8f93\u5165\u4f1a\u5148\u4fdd\u5b58\u3002", None))
    # retranslateUi

