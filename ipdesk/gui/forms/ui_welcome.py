# Generated from ui/welcome.ui by scripts/build_ui — generated, do not edit.
# ruff: noqa
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QGroupBox, QHBoxLayout, QLabel,
    QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
    QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

class Ui_WelcomePage(object):
    def setupUi(self, WelcomePage):
        if not WelcomePage.objectName():
            WelcomePage.setObjectName(u"WelcomePage")
        WelcomePage.resize(1000, 700)
        self.outerLayout = QVBoxLayout(WelcomePage)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(32, 24, 32, 24)
        self.title = QLabel(WelcomePage)
        self.title.setObjectName(u"title")

        self.outerLayout.addWidget(self.title)

        self.subtitle = QLabel(WelcomePage)
        self.subtitle.setObjectName(u"subtitle")
        self.subtitle.setWordWrap(True)

        self.outerLayout.addWidget(self.subtitle)

        self.choices = QHBoxLayout()
        self.choices.setSpacing(16)
        self.choices.setObjectName(u"choices")
        self.demoBox = QGroupBox(WelcomePage)
        self.demoBox.setObjectName(u"demoBox")
        self.demoLayout = QVBoxLayout(self.demoBox)
        self.demoLayout.setObjectName(u"demoLayout")
        self.demoButton = QPushButton(self.demoBox)
        self.demoButton.setObjectName(u"demoButton")

        self.demoLayout.addWidget(self.demoButton)

        self.demoText = QLabel(self.demoBox)
        self.demoText.setObjectName(u"demoText")
        self.demoText.setWordWrap(True)
        self.demoText.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)

        self.demoLayout.addWidget(self.demoText)


        self.choices.addWidget(self.demoBox)

        self.newBox = QGroupBox(WelcomePage)
        self.newBox.setObjectName(u"newBox")
        self.newLayout = QVBoxLayout(self.newBox)
        self.newLayout.setObjectName(u"newLayout")
        self.newButton = QPushButton(self.newBox)
        self.newButton.setObjectName(u"newButton")

        self.newLayout.addWidget(self.newButton)

        self.newText = QLabel(self.newBox)
        self.newText.setObjectName(u"newText")
        self.newText.setWordWrap(True)
        self.newText.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)

        self.newLayout.addWidget(self.newText)


        self.choices.addWidget(self.newBox)

        self.openBox = QGroupBox(WelcomePage)
        self.openBox.setObjectName(u"openBox")
        self.openLayout = QVBoxLayout(self.openBox)
        self.openLayout.setObjectName(u"openLayout")
        self.openButton = QPushButton(self.openBox)
        self.openButton.setObjectName(u"openButton")

        self.openLayout.addWidget(self.openButton)

        self.openText = QLabel(self.openBox)
        self.openText.setObjectName(u"openText")
        self.openText.setWordWrap(True)
        self.openText.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)

        self.openLayout.addWidget(self.openText)


        self.choices.addWidget(self.openBox)


        self.outerLayout.addLayout(self.choices)

        self.lower = QHBoxLayout()
        self.lower.setSpacing(16)
        self.lower.setObjectName(u"lower")
        self.recentBox = QGroupBox(WelcomePage)
        self.recentBox.setObjectName(u"recentBox")
        self.recentLayout = QVBoxLayout(self.recentBox)
        self.recentLayout.setObjectName(u"recentLayout")
        self.recentList = QListWidget(self.recentBox)
        self.recentList.setObjectName(u"recentList")

        self.recentLayout.addWidget(self.recentList)


        self.lower.addWidget(self.recentBox)

        self.guideTabs = QTabWidget(WelcomePage)
        self.guideTabs.setObjectName(u"guideTabs")
        self.liaisonTab = QWidget()
        self.liaisonTab.setObjectName(u"liaisonTab")
        self.liaisonLayout = QVBoxLayout(self.liaisonTab)
        self.liaisonLayout.setObjectName(u"liaisonLayout")
        self.liaisonGuide = QTextBrowser(self.liaisonTab)
        self.liaisonGuide.setObjectName(u"liaisonGuide")

        self.liaisonLayout.addWidget(self.liaisonGuide)

        self.guideTabs.addTab(self.liaisonTab, "")
        self.coordinatorTab = QWidget()
        self.coordinatorTab.setObjectName(u"coordinatorTab")
        self.coordinatorLayout = QVBoxLayout(self.coordinatorTab)
        self.coordinatorLayout.setObjectName(u"coordinatorLayout")
        self.coordinatorGuide = QTextBrowser(self.coordinatorTab)
        self.coordinatorGuide.setObjectName(u"coordinatorGuide")

        self.coordinatorLayout.addWidget(self.coordinatorGuide)

        self.guideTabs.addTab(self.coordinatorTab, "")

        self.lower.addWidget(self.guideTabs)


        self.outerLayout.addLayout(self.lower)


        self.retranslateUi(WelcomePage)

        self.guideTabs.setCurrentIndex(0)

    # setupUi

    def retranslateUi(self, WelcomePage):
        self.title.setText(QCoreApplication.translate("WelcomePage", u"\u6b22\u8fce\u4f7f\u7528 IPDesk \u77e5\u8bc6\u4ea7\u6743\u5f3a\u533a\u5efa\u8bbe\u5de5\u4f5c\u53f0", None))
        self.subtitle.setText(QCoreApplication.translate("WelcomePage", u"\u8fd8\u6ca1\u6709\u6253\u5f00\u6587\u4ef6\u3002\u8bf7\u9009\u62e9\u4e0b\u9762\u7684\u4e00\u9879\u5f00\u59cb\uff1a", None))
        self.demoBox.setTitle(QCoreApplication.translate("WelcomePage", u"\u770b\u4e00\u770b", None))
        self.demoButton.setText(QCoreApplication.translate("WelcomePage", u"\u6253\u5f00\u6f14\u793a\u8ba1\u5212", None))
        self.demoText.setText(QCoreApplication.translate("WelcomePage", u"\u5185\u7f6e\u7684\u96e8\u82b1\u53f0\u533a\u5de5\u4f5c\u65b9\u6848\uff0c\u5e26\u6709\u793a\u4f8b\u8fdb\u5c55\uff0c\u53ef\u968f\u610f\u8bd5\u7528\uff0c\u4e0d\u5f71\u54cd\u6b63\u5f0f\u6570\u636e\u3002", None))
        self.newBox.setTitle(QCoreApplication.translate("WelcomePage", u"\u534f\u8c03\u5458", None))
        self.newButton.setText(QCoreApplication.translate("WelcomePage", u"\u65b0\u5efa\u603b\u8868\uff08\u5185\u7f6e\u8ba1\u5212\uff09", None))
        self.newText.setText(QCoreApplication.translate("WelcomePage", u"\u7528\u5185\u7f6e\u7684\u5de5\u4f5c\u65b9\u6848\uff08\u4efb\u52a1\u3001\u6307\u6807\u3001\u5206\u5de5\u3001\u9636\u6bb5\uff09\u5efa\u7acb\u5168\u533a\u603b\u8868\uff0c\u4e4b\u540e\u4e3a\u5404\u5355\u4f4d\u751f\u6210\u90e8\u95e8\u6587\u4ef6\u3002", None))
        self.openBox.setTitle(QCoreApplication.translate("WelcomePage", u"\u8054\u7edc\u5458", None))
        self.openButton.setText(QCoreApplication.translate("WelcomePage", u"\u6253\u5f00\u534f\u8c03\u5458\u53d1\u6765\u7684\u6587\u4ef6\u2026", None))
        self.openText.setText(QCoreApplication.translate("WelcomePage", u"\u6253\u5f00\u672c\u5355\u4f4d\u7684\u90e8\u95e8\u6587\u4ef6\uff08.ipdesk\uff09\u3002\u4e5f\u53ef\u4ee5\u628a\u6587\u4ef6\u76f4\u63a5\u62d6\u5230\u8fd9\u4e2a\u7a97\u53e3\u91cc\u3002", None))
        self.recentBox.setTitle(QCoreApplication.translate("WelcomePage", u"\u6700\u8fd1\u6253\u5f00", None))
        self.guideTabs.setTabText(self.guideTabs.indexOf(self.liaisonTab), QCoreApplication.translate("WelcomePage", u"\u8054\u7edc\u5458\u4f7f\u7528\u6307\u5357", None))
        self.guideTabs.setTabText(self.guideTabs.indexOf(self.coordinatorTab), QCoreApplication.translate("WelcomePage", u"\u534f\u8c03\u5458\u4f7f\u7528\u6307\u5357", None))
        pass
    # retranslateUi

