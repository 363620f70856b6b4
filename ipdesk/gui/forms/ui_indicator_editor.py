# Generated from ui/indicator_editor.ui by scripts/build_ui — generated, do not edit.
# ruff: noqa
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_IndicatorEditor(object):
    def setupUi(self, IndicatorEditor):
        if not IndicatorEditor.objectName():
            IndicatorEditor.setObjectName(u"IndicatorEditor")
        IndicatorEditor.resize(600, 420)
        self.layout = QVBoxLayout(IndicatorEditor)
        self.layout.setObjectName(u"layout")
        self.textLabel = QLabel(IndicatorEditor)
        self.textLabel.setObjectName(u"textLabel")
        self.textLabel.setWordWrap(True)
        self.textLabel.setText(u"")

        self.layout.addWidget(self.textLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.nameLabel = QLabel(IndicatorEditor)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(IndicatorEditor)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.unitLabel = QLabel(IndicatorEditor)
        self.unitLabel.setObjectName(u"unitLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.unitLabel)

        self.unitEdit = QLineEdit(IndicatorEditor)
        self.unitEdit.setObjectName(u"unitEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.unitEdit)

        self.comparatorLabel = QLabel(IndicatorEditor)
        self.comparatorLabel.setObjectName(u"comparatorLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.comparatorLabel)

        self.targetLayout = QHBoxLayout()
        self.targetLayout.setObjectName(u"targetLayout")
        self.comparatorCombo = QComboBox(IndicatorEditor)
        self.comparatorCombo.setObjectName(u"comparatorCombo")

        self.targetLayout.addWidget(self.comparatorCombo)

        self.targetSpin = QDoubleSpinBox(IndicatorEditor)
        self.targetSpin.setObjectName(u"targetSpin")
        self.targetSpin.setDecimals(2)
        self.targetSpin.setMaximum(100000000.000000000000000)

        self.targetLayout.addWidget(self.targetSpin)

        self.targetSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.targetLayout.addItem(self.targetSpacer)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.targetLayout)

        self.baselineLabel = QLabel(IndicatorEditor)
        self.baselineLabel.setObjectName(u"baselineLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.baselineLabel)

        self.baselineLayout = QHBoxLayout()
        self.baselineLayout.setObjectName(u"baselineLayout")
        self.hasBaseline = QCheckBox(IndicatorEditor)
        self.hasBaseline.setObjectName(u"hasBaseline")

        self.baselineLayout.addWidget(self.hasBaseline)

        self.baselineSpin = QDoubleSpinBox(IndicatorEditor)
        self.baselineSpin.setObjectName(u"baselineSpin")
        self.baselineSpin.setDecimals(2)
        self.baselineSpin.setMaximum(100000000.000000000000000)

        self.baselineLayout.addWidget(self.baselineSpin)

        self.baselineSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.baselineLayout.addItem(self.baselineSpacer)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.baselineLayout)

        self.aggregationLabel = QLabel(IndicatorEditor)
        self.aggregationLabel.setObjectName(u"aggregationLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.aggregationLabel)

        self.aggregationCombo = QComboBox(IndicatorEditor)
        self.aggregationCombo.setObjectName(u"aggregationCombo")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.aggregationCombo)

        self.designatedLabel = QLabel(IndicatorEditor)
        self.designatedLabel.setObjectName(u"designatedLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.designatedLabel)

        self.designatedCombo = QComboBox(IndicatorEditor)
        self.designatedCombo.setObjectName(u"designatedCombo")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.designatedCombo)


        self.layout.addLayout(self.form)

        self.kindLabel = QLabel(IndicatorEditor)
        self.kindLabel.setObjectName(u"kindLabel")
        self.kindLabel.setWordWrap(True)
        self.kindLabel.setText(u"")

        self.layout.addWidget(self.kindLabel)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.spacer)

        self.buttons = QDialogButtonBox(IndicatorEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.unitLabel.setBuddy(self.unitEdit)
        self.comparatorLabel.setBuddy(self.comparatorCombo)
        self.baselineLabel.setBuddy(self.hasBaseline)
        self.aggregationLabel.setBuddy(self.aggregationCombo)
        self.designatedLabel.setBuddy(self.designatedCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IndicatorEditor)
    # setupUi

    def retranslateUi(self, IndicatorEditor):
        IndicatorEditor.setWindowTitle(QCoreApplication.translate("IndicatorEditor", u"\u6307\u6807\u8bbe\u7f6e", None))
        self.nameLabel.setText(QCoreApplication.translate("IndicatorEditor", u"\u6307\u6807\u540d\u79f0(&N)", None))
        self.unitLabel.setText(QCoreApplication.translate("IndicatorEditor", u"\u5355\u4f4d(&U)", None))
        self.comparatorLabel.setText(QCoreApplication.translate("IndicatorEditor", u"\u76ee\u6807(&T)", None))
        self.baselineLabel.setText(QCoreApplication.translate("IndicatorEditor", u"\u57fa\u6570\uff082023\u5e7411\u6708\uff09(&B)", None))
        self.hasBaseline.setText(QCoreApplication.translate("IndicatorEditor", u"\u6709\u57fa\u6570", None))
        self.aggregationLabel.setText(QCoreApplication.translate("IndicatorEditor", u"\u591a\u5355\u4f4d\u586b\u62a5\u65f6(&A)", None))
        self.designatedLabel.setText(QCoreApplication.translate("IndicatorEditor", u"\u6307\u5b9a\u586b\u62a5\u5355\u4f4d(&D)", None))
    # retranslateUi

