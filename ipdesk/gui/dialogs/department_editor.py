"""Adding a department or changing its names and liaison contact
(ui/department_editor.ui)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from ipdesk.gui import operations
from ipdesk.gui.forms.ui_department_editor import Ui_DepartmentEditor
from ipdesk.gui.session import Session
from ipdesk.read.plan import department

FIELDS = {
    "name": "nameEdit",
    "short_name": "shortEdit",
    "code": "codeEdit",
    "contact_name": "contactEdit",
    "contact_phone": "phoneEdit",
    "contact_email": "emailEdit",
}


class DepartmentEditor(QDialog):
    def __init__(
        self, session: Session, department_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.department_id = department_id
        self.ui = Ui_DepartmentEditor()
        self.ui.setupUi(self)
        self.setObjectName("departmentEditor")
        self.current = department(session.db, department_id) if department_id else None
        if self.current is None:
            self.setWindowTitle(self.tr("添加单位"))
        else:
            self.setWindowTitle(self.tr("编辑单位 {name}").format(name=self.current.short_name))
        for key, widget in FIELDS.items():
            getattr(self.ui, widget).setText(str(getattr(self.current, key, "") or ""))
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)

    def values(self) -> dict[str, Any]:
        return {key: getattr(self.ui, widget).text().strip() for key, widget in FIELDS.items()}

    def save(self) -> None:
        new = self.values()
        if self.current is None:
            if self.session.run(operations.add_department(self.session, new)):
                self.accept()
            return
        old = {k: getattr(self.current, k) for k in new}
        if new == old or self.session.run(
            operations.department(self.session, self.current.id, new, old)
        ):
            self.accept()
