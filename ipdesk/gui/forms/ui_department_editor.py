# Generated from ui/department_editor.ui by scripts/build_ui — generated, do not edit.
# ruff: noqa
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_DepartmentEditor(object):
    def setupUi(self, DepartmentEditor):
        if not DepartmentEditor.objectName():
            DepartmentEditor.setObjectName(u"DepartmentEditor")
        DepartmentEditor.resize(520, 360)
        self.layout = QVBoxLayout(DepartmentEditor)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(DepartmentEditor)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(DepartmentEditor)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.shortLabel = QLabel(DepartmentEditor)
        self.shortLabel.setObjectName(u"shortLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.shortLabel)

        self.shortEdit = QLineEdit(DepartmentEditor)
        self.shortEdit.setObjectName(u"shortEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.shortEdit)

        self.codeLabel = QLabel(DepartmentEditor)
        self.codeLabel.setObjectName(u"codeLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(DepartmentEditor)
        self.codeEdit.setObjectName(u"codeEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.contactLabel = QLabel(DepartmentEditor)
        self.contactLabel.setObjectName(u"contactLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.contactLabel)

        self.contactEdit = QLineEdit(DepartmentEditor)
        self.contactEdit.setObjectName(u"contactEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.contactEdit)

        self.phoneLabel = QLabel(DepartmentEditor)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(DepartmentEditor)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.emailLabel = QLabel(DepartmentEditor)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(DepartmentEditor)
        self.emailEdit.setObjectName(u"emailEdit")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.emailEdit)


        self.layout.addLayout(self.form)

        self.hint = QLabel(DepartmentEditor)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(DepartmentEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.shortLabel.setBuddy(self.shortEdit)
        self.codeLabel.setBuddy(self.codeEdit)
        self.contactLabel.setBuddy(self.contactEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DepartmentEditor)
    # setupUi

    def retranslateUi(self, DepartmentEditor):
        DepartmentEditor.setWindowTitle(QCoreApplication.translate("DepartmentEditor", u"\u5355\u4f4d\u4e0e\u8054\u7edc\u5458", None))
        self.nameLabel.setText(QCoreApplication.translate("DepartmentEditor", u"\u5168\u79f0(&N)", None))
        self.shortLabel.setText(QCoreApplication.translate("DepartmentEditor", u"\u7b80\u79f0(&S)", None))
        self.codeLabel.setText(QCoreApplication.translate("DepartmentEditor", u"\u4ee3\u7801(&C)", None))
        self.contactLabel.setText(QCoreApplication.translate("DepartmentEditor", u"\u8054\u7edc\u5458(&L)", None))
        self.phoneLabel.setText(QCoreApplication.translate("DepartmentEditor", u"\u7535\u8bdd(&P)", None))
        self.emailLabel.setText(QCoreApplication.translate("DepartmentEditor", u"\u7535\u5b50\u90ae\u7bb1(&E)", None))
        self.hint.setText(QCoreApplication.translate("DepartmentEditor", u"\u4ee3\u7801\u7528\u4e8e\u6587\u4ef6\u540d\u548c\u547d\u4ee4\u884c\uff08\u5b57\u6bcd\u6216\u62fc\u97f3\u7f29\u5199\uff0c\u5982 kjj\uff09\uff0c\u6dfb\u52a0\u540e\u4e0d\u5b9c\u518d\u6539\u3002", None))
    # retranslateUi

