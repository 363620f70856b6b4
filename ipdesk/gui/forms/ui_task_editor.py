# Generated from ui/task_editor.ui by scripts/build_ui — generated, do not edit.
# ruff: noqa
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_TaskEditor(object):
    def setupUi(self, TaskEditor):
        if not TaskEditor.objectName():
            TaskEditor.setObjectName(u"TaskEditor")
        TaskEditor.resize(820, 600)
        self.layout = QVBoxLayout(TaskEditor)
        self.layout.setObjectName(u"layout")
        self.codeLabel = QLabel(TaskEditor)
        self.codeLabel.setObjectName(u"codeLabel")
        self.codeLabel.setText(u"\u4e09\uff08\u4e00\uff091")

        self.layout.addWidget(self.codeLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.titleLabel = QLabel(TaskEditor)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(TaskEditor)
        self.titleEdit.setObjectName(u"titleEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.textLabel = QLabel(TaskEditor)
        self.textLabel.setObjectName(u"textLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.textLabel)

        self.textEdit = QPlainTextEdit(TaskEditor)
        self.textEdit.setObjectName(u"textEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.textEdit)

        self.datesLabel = QLabel(TaskEditor)
        self.datesLabel.setObjectName(u"datesLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.datesLabel)

        self.datesLayout = QHBoxLayout()
        self.datesLayout.setObjectName(u"datesLayout")
        self.hasStart = QCheckBox(TaskEditor)
        self.hasStart.setObjectName(u"hasStart")

        self.datesLayout.addWidget(self.hasStart)

        self.startEdit = QDateEdit(TaskEditor)
        self.startEdit.setObjectName(u"startEdit")
        self.startEdit.setDisplayFormat(u"yyyy-MM-dd")
        self.startEdit.setCalendarPopup(True)

        self.datesLayout.addWidget(self.startEdit)

        self.hasDue = QCheckBox(TaskEditor)
        self.hasDue.setObjectName(u"hasDue")

        self.datesLayout.addWidget(self.hasDue)

        self.dueEdit = QDateEdit(TaskEditor)
        self.dueEdit.setObjectName(u"dueEdit")
        self.dueEdit.setDisplayFormat(u"yyyy-MM-dd")
        self.dueEdit.setCalendarPopup(True)

        self.datesLayout.addWidget(self.dueEdit)

        self.datesSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.datesLayout.addItem(self.datesSpacer)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.datesLayout)


        self.layout.addLayout(self.form)

        self.departmentsLayout = QHBoxLayout()
        self.departmentsLayout.setObjectName(u"departmentsLayout")
        self.leadBox = QGroupBox(TaskEditor)
        self.leadBox.setObjectName(u"leadBox")
        self.leadLayout = QVBoxLayout(self.leadBox)
        self.leadLayout.setObjectName(u"leadLayout")
        self.leadList = QListWidget(self.leadBox)
        self.leadList.setObjectName(u"leadList")

        self.leadLayout.addWidget(self.leadList)


        self.departmentsLayout.addWidget(self.leadBox)

        self.coBox = QGroupBox(TaskEditor)
        self.coBox.setObjectName(u"coBox")
        self.coLayout = QVBoxLayout(self.coBox)
        self.coLayout.setObjectName(u"coLayout")
        self.coList = QListWidget(self.coBox)
        self.coList.setObjectName(u"coList")

        self.coLayout.addWidget(self.coList)


        self.departmentsLayout.addWidget(self.coBox)

        self.milestoneBox = QGroupBox(TaskEditor)
        self.milestoneBox.setObjectName(u"milestoneBox")
        self.milestoneLayout = QVBoxLayout(self.milestoneBox)
        self.milestoneLayout.setObjectName(u"milestoneLayout")
        self.milestoneTable = QTableWidget(self.milestoneBox)
        self.milestoneTable.setObjectName(u"milestoneTable")

        self.milestoneLayout.addWidget(self.milestoneTable)

        self.milestoneButtons = QHBoxLayout()
        self.milestoneButtons.setObjectName(u"milestoneButtons")
        self.addMilestone = QPushButton(self.milestoneBox)
        self.addMilestone.setObjectName(u"addMilestone")

        self.milestoneButtons.addWidget(self.addMilestone)

        self.removeMilestone = QPushButton(self.milestoneBox)
        self.removeMilestone.setObjectName(u"removeMilestone")

        self.milestoneButtons.addWidget(self.removeMilestone)

        self.milestoneSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.milestoneButtons.addItem(self.milestoneSpacer)


        self.milestoneLayout.addLayout(self.milestoneButtons)


        self.departmentsLayout.addWidget(self.milestoneBox)


        self.layout.addLayout(self.departmentsLayout)

        self.reportLabel = QLabel(TaskEditor)
        self.reportLabel.setObjectName(u"reportLabel")
        self.reportLabel.setWordWrap(True)
        self.reportLabel.setText(u"")

        self.layout.addWidget(self.reportLabel)

        self.buttons = QDialogButtonBox(TaskEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.titleEdit)
        self.textLabel.setBuddy(self.textEdit)
        self.datesLabel.setBuddy(self.hasStart)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TaskEditor)
    # setupUi

    def retranslateUi(self, TaskEditor):
        TaskEditor.setWindowTitle(QCoreApplication.translate("TaskEditor", u"\u7f16\u8f91\u4efb\u52a1", None))
        self.titleLabel.setText(QCoreApplication.translate("TaskEditor", u"\u6807\u9898(&T)", None))
        self.textLabel.setText(QCoreApplication.translate("TaskEditor", u"\u5185\u5bb9\uff08\u539f\u6587\uff09(&C)", None))
        self.datesLabel.setText(QCoreApplication.translate("TaskEditor", u"\u65f6\u9650(&S)", None))
        self.hasStart.setText(QCoreApplication.translate("TaskEditor", u"\u5f00\u59cb", None))
        self.hasDue.setText(QCoreApplication.translate("TaskEditor", u"\u5b8c\u6210\u65f6\u9650", None))
        self.leadBox.setTitle(QCoreApplication.translate("TaskEditor", u"\u7275\u5934\u5355\u4f4d(&1)", None))
        self.coBox.setTitle(QCoreApplication.translate("TaskEditor", u"\u914d\u5408\u5355\u4f4d(&2)", None))
        self.milestoneBox.setTitle(QCoreApplication.translate("TaskEditor", u"\u91cc\u7a0b\u7891(&M)", None))
        self.addMilestone.setText(QCoreApplication.translate("TaskEditor", u"\u6dfb\u52a0\u91cc\u7a0b\u7891", None))
        self.removeMilestone.setText(QCoreApplication.translate("TaskEditor", u"\u5220\u9664\u6240\u9009", None))
    # retranslateUi

