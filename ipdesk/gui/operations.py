"""Everything the user does in the window that writes the file, built in one place.

An `Operation` is a quick write: `do` runs now (Session.run), `undo` takes it back
with 撤销 (Ctrl+Z) — or is None, and then `final` says plainly that it cannot be
undone and what to do instead. A `LongOperation` runs on the window's writer thread
with a progress dialog (Session.start); none of those is undone with 撤销, and each
`final` says where it is taken back (an import is undone in 导入记录).

Each carries the `Changes` it makes, which the session hands to every page. The
operations call the core (ipdesk.store.edits, ipdesk.merge) and nothing else writes.

Adding an operation: a function here that takes the session and what the user chose,
reads the "before" it needs from the read layer, and returns the Operation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ipdesk.gui import i18n
from ipdesk.store import edits
from ipdesk.store.changes import EVERYTHING, PLAN, Changes
from ipdesk.store.files import open_plan
from ipdesk.store.schema import DEPARTMENT_TABLES
from ipdesk.work import CancelToken, Progress

if TYPE_CHECKING:  # (the department form's reads are imported when it is first shown)
    from ipdesk.gui.session import Session
    from ipdesk.read.department import DeptIndicator, DeptTask, Evidence, Submission


translate = QCoreApplication.translate


@dataclass
class Operation:
    """One quick write of the file, as the user sees it."""

    text: str  # what it did, for 撤销：… / 重做：…
    do: Callable[[], Any]
    undo: Callable[[], Any] | None  # None: it cannot be undone (`final` says why)
    changes: Changes
    final: str = ""  # shown when it cannot be undone: why, and what to do instead


@dataclass
class LongOperation:
    """A write that runs on the writer thread with a progress dialog."""

    title: str
    work: Callable[[Progress, CancelToken], Any]
    changes: Changes
    final: str  # none is undone with 撤销: where it is taken back
    cancellable: bool = True


REPORT_CHANGES = ("progress_reports",)
VALUE_CHANGES = ("indicator_values",)
MERGE_CHANGES = EVERYTHING  # a merge may bring any department row, and writes the logs


# ------------------------------------------------------------------ a department's period


def report_field(
    session: Session,
    task: DeptTask,
    department_id: str,
    period: str,
    new: dict[str, Any],
    field_label: str,
) -> Operation:
    """A change of one field of the department's report on a task (status, % done, the
    three texts); undo puts the report back as it was, or withdraws a first report."""
    db, task_id = session.db, task.id
    old = task.report.fields() if task.report else None

    def undo_it() -> None:
        if old is None:
            edits.delete_report(db, task_id, department_id, period)
        else:
            edits.save_report(db, task_id, department_id, period, **old)

    return Operation(
        translate("Operations", "修改 {code} 的{field}").format(code=task.code, field=field_label),
        lambda: edits.save_report(db, task_id, department_id, period, **new),
        undo_it,
        Changes.of(*REPORT_CHANGES, periods=[period], departments=[department_id]),
    )


def milestone_actual(
    session: Session, milestone_id: str, department_id: str, actual: str | None, before: str | None
) -> Operation:
    db = session.db
    return Operation(
        translate("Operations", "修改里程碑完成日期"),
        lambda: edits.set_milestone_actual(db, milestone_id, department_id, actual),
        lambda: edits.set_milestone_actual(db, milestone_id, department_id, before),
        Changes.of("milestone_actuals", departments=[department_id]),
    )


def add_evidence(
    session: Session, department_id: str, path: str, task_id: str, period: str
) -> Operation:
    """Attach a file; undo removes the evidence row it made (the stored file stays in the
    file's store of evidence, as every version does)."""
    db, made = session.db, []

    def do() -> None:
        made.append(edits.add_evidence(db, department_id, path, task_id=task_id, period=period))

    return Operation(
        translate("Operations", "添加佐证材料 {name}").format(name=Path(path).name),
        do,
        lambda: edits.remove_evidence(db, made[-1]),
        Changes.of("evidence", periods=[period], departments=[department_id]),
    )


def remove_evidence(
    session: Session, department_id: str, evidence: Evidence, copy: Path, task_id: str
) -> Operation:
    """Remove an evidence file; undo attaches it again from `copy` (taken out first)."""
    db, ids = session.db, [evidence.id]

    def undo_it() -> None:
        ids.append(
            edits.add_evidence(db, department_id, copy, task_id=task_id, period=evidence.period)
        )

    return Operation(
        translate("Operations", "删除佐证材料 {name}").format(name=evidence.file_name),
        lambda: edits.remove_evidence(db, ids[-1]),
        undo_it,
        Changes.of("evidence", departments=[department_id]),
    )


def indicator_value(
    session: Session, item: DeptIndicator, department_id: str, period: str, value: float | None
) -> Operation:
    """The department's value of an indicator for a period (None: remove it)."""
    db, ind, old = session.db, item.status.id, item.value

    def put(v: float | None) -> None:
        if v is None:
            edits.delete_value(db, ind, department_id, period)
        else:
            edits.save_value(db, ind, department_id, period, v)

    return Operation(
        translate("Operations", "填报 {name}").format(name=item.status.name),
        lambda: put(value),
        lambda: put(old),
        Changes.of(*VALUE_CHANGES, periods=[period], departments=[department_id]),
    )


def submit(session: Session, department_id: str, period: str) -> Operation:
    """Submitting locks the period for the department: only the coordinator's 退回
    opens it again, so 撤销 does not."""
    db = session.db
    return Operation(
        translate("Operations", "提交 {period}").format(period=i18n.period_label(period)),
        lambda: edits.submit_period(db, department_id, period),
        None,
        Changes.of("submissions", periods=[period], departments=[department_id]),
        final=translate("Operations", "提交不能撤销；如需修改，请协调员退回本期报告。"),
    )


def review(
    session: Session,
    department_id: str,
    period: str,
    *,
    approve: bool,
    reason: str = "",
    before: Submission,
) -> Operation:
    """The coordinator approves or returns a department's report; undo puts the review
    back as it was (the same from the form and from the merge center)."""
    db, name = session.db, session.department_name(department_id)
    text = (
        translate("Operations", "审核通过{dept}{period}的报告")
        if approve
        else translate("Operations", "退回{dept}{period}的报告")
    ).format(dept=name, period=i18n.period_label(period))
    return Operation(
        text,
        lambda: edits.review_period(db, department_id, period, approve=approve, reason=reason),
        lambda: edits.restore_review(
            db,
            department_id,
            period,
            state=before.state,
            reason=before.reason,
            reviewed_at=before.reviewed_at,
        ),
        Changes.of("submissions", periods=[period], departments=[department_id]),
    )


# ------------------------------------------------------------------ the plan (coordinator)


def plan_settings(session: Session, new: dict[str, Any], old: dict[str, Any]) -> Operation:
    db = session.db
    return Operation(
        translate("Operations", "修改报送设置"),
        lambda: edits.update_plan(db, **new),
        lambda: edits.update_plan(db, **old),
        Changes.of("plan"),
    )


def task_fields(
    session: Session, task_id: str, code: str, new: dict[str, Any], old: dict[str, Any]
) -> Operation:
    db = session.db
    return Operation(
        translate("Operations", "修改任务 {code}").format(code=code),
        lambda: edits.update_task(db, task_id, **new),
        lambda: edits.update_task(db, task_id, **old),
        Changes.of("tasks"),
    )


def task_departments(
    session: Session,
    task_id: str,
    code: str,
    roles: tuple[list[str], list[str]],
    old: tuple[list[str], list[str]],
) -> Operation:
    """The task's lead and co-operating departments, (lead, co) replaced as a whole."""
    db = session.db
    return Operation(
        translate("Operations", "修改任务 {code} 的分工").format(code=code),
        lambda: edits.assign(db, task_id, *roles),
        lambda: edits.assign(db, task_id, *old),
        Changes.of("assignments"),
    )


def milestone(
    session: Session,
    task_id: str,
    name: str,
    planned: str,
    milestone_id: str | None,
    old: tuple[str, str] | None,
) -> Operation:
    """Add a planned milestone, or change one's name and date (old: its (name, date))."""
    db, ids = session.db, [milestone_id]

    def undo_it() -> None:
        if old is None:
            added = ids[-1]
            assert added is not None  # do_it has run and stored the new milestone's id
            edits.delete_milestone(db, added)
        else:
            edits.save_milestone(db, task_id, old[0], old[1], milestone_id)

    return Operation(
        translate("Operations", "修改里程碑 {name}").format(name=name),
        lambda: ids.append(edits.save_milestone(db, task_id, name, planned, ids[-1])),
        undo_it,
        Changes.of("milestones"),
    )


def remove_milestone(
    session: Session, task_id: str, milestone_id: str, name: str, planned: str
) -> Operation:
    db = session.db
    return Operation(
        translate("Operations", "删除里程碑 {name}").format(name=name),
        lambda: edits.delete_milestone(db, milestone_id),
        lambda: edits.save_milestone(db, task_id, name, planned, milestone_id),
        Changes.of("milestones"),
    )


def department(
    session: Session, department_id: str, new: dict[str, Any], old: dict[str, Any]
) -> Operation:
    db = session.db
    return Operation(
        translate("Operations", "修改单位 {name}").format(name=new.get("short_name", "")),
        lambda: edits.save_department(db, department_id, **new),
        lambda: edits.save_department(db, department_id, **old),
        Changes.of("departments"),
    )


def add_department(session: Session, fields: dict[str, Any]) -> Operation:
    """A department cannot be deleted once files may refer to it, so there is nothing
    honest for 撤销 to do."""
    db = session.db
    return Operation(
        translate("Operations", "添加单位 {name}").format(name=fields.get("short_name", "")),
        lambda: edits.save_department(db, None, **fields),
        None,
        Changes.of("departments"),
        final=translate(
            "Operations",
            "添加单位不能撤销（单位添加后可能已被部门文件引用）；可修改它的名称和联络员。",
        ),
    )


def indicator_settings(
    session: Session, indicator_id: str, new: dict[str, Any], old: dict[str, Any]
) -> Operation:
    db = session.db
    return Operation(
        translate("Operations", "修改指标 {name}").format(name=new.get("name", "")),
        lambda: edits.update_indicator(db, indicator_id, **new),
        lambda: edits.update_indicator(db, indicator_id, **old),
        Changes.of("indicators"),
    )


# ------------------------------------------------------------------ the merge center


def resolve(session: Session, conflict_id: int, take: str) -> Operation:
    """Keep one side of a conflict; undo opens the conflict again with the value the
    field had before."""
    from ipdesk.merge import conflicts  # late: the merge engine and its signatures

    db = session.db
    side = (
        translate("Operations", "总表值") if take == "master" else translate("Operations", "报送值")
    )
    return Operation(
        translate("Operations", "处理冲突 #{id}：采用{side}").format(id=conflict_id, side=side),
        lambda: conflicts.resolve_conflict(db, conflict_id, take),
        lambda: conflicts.reopen_conflict(db, conflict_id),
        Changes.of("conflicts", *DEPARTMENT_TABLES),
    )


def resolve_all(session: Session, conflict_ids: list[int], take: str, scope: str) -> Operation:
    """Keep one side of several conflicts at once (all of a file's, or a department's);
    undo opens them all again, each with the value it had before."""
    from ipdesk.merge import conflicts  # late: the merge engine and its signatures

    db, ids = session.db, list(conflict_ids)
    side = (
        translate("Operations", "总表值") if take == "master" else translate("Operations", "报送值")
    )

    def undo_all() -> None:
        with db.atomic():
            for cid in reversed(ids):
                conflicts.reopen_conflict(db, cid)

    return Operation(
        translate("Operations", "处理{scope}的 {n} 处冲突：采用{side}").format(
            scope=scope, n=len(ids), side=side
        ),
        lambda: conflicts.resolve_many(db, ids, take),
        undo_all,
        Changes.of("conflicts", *DEPARTMENT_TABLES),
    )


def merge_files(session: Session, paths: list[Path]) -> LongOperation:
    from ipdesk.merge import engine  # late: the merge engine and its signatures

    target = session.path
    return LongOperation(
        translate("Operations", "合并到总表"),
        lambda progress, cancel: engine.merge_files(
            target, paths, progress=progress, cancel=cancel
        ),
        MERGE_CHANGES,
        translate(
            "Operations", "合并不能用“撤销”撤回；如需撤回某个文件，请在“导入记录”中撤销该次导入。"
        ),
    )


def undo_import(session: Session, import_id: int) -> LongOperation:
    from ipdesk.merge import undo  # late: the merge engine and its signatures

    target = session.path
    return LongOperation(
        translate("Operations", "撤销导入"),
        lambda progress, cancel: undo.undo_import(target, import_id),
        MERGE_CHANGES,
        translate("Operations", "撤销导入不能用“撤销”撤回；如需恢复，请重新合并该文件。"),
        cancellable=False,
    )


def reimport(session: Session, import_id: int) -> LongOperation:
    """Merge again the file of an undone import, from the copy the master kept."""
    from ipdesk.merge import engine  # late: the merge engine and its signatures

    target = session.path
    return LongOperation(
        translate("Operations", "重新导入"),
        lambda progress, cancel: engine.reimport(target, import_id),
        MERGE_CHANGES,
        translate(
            "Operations", "重新导入不能用“撤销”撤回；如需撤回，请在“导入记录”中撤销这次新的导入。"
        ),
        cancellable=False,
    )


def issue_update(session: Session, folder: str, department_id: str) -> LongOperation:
    """The small update file of one department after a review (issue #12)."""
    from ipdesk.merge import issue  # late: the merge engine and its signatures

    target = session.path

    def work(progress: Progress, cancel: CancelToken) -> list[Path]:
        db = open_plan(target)
        try:
            return [issue.issue_update_into(db, department_id, folder)]
        finally:
            db.close()

    return LongOperation(
        translate("Operations", "生成更新文件"),
        work,
        Changes.of("departments"),
        translate("Operations", "生成更新文件不改变总表，无需撤销；如不需要，删除该文件即可。"),
    )


def issue_files(
    session: Session, folder: str, departments: list[str] | None = None
) -> LongOperation:
    """Issue a file to every department, or to the `departments` (ids) chosen."""
    from ipdesk.merge import issue  # late: the merge engine and its signatures

    target = session.path

    def work(progress: Progress, cancel: CancelToken) -> list[Path]:
        db = open_plan(target)
        try:
            return issue.issue_all(
                db, folder, departments=departments, progress=progress, cancel=cancel
            )
        finally:
            db.close()

    return LongOperation(
        translate("Operations", "一键下发部门文件"),
        work,
        Changes.of("departments"),
        translate(
            "Operations",
            "下发不能撤销：每个单位得到了新的签名密钥，旧文件停用。如有需要，可再次下发。",
        ),
    )


def import_workbook(session: Session, workbook: str) -> LongOperation:
    target = session.path

    def work(progress: Progress, cancel: CancelToken) -> Any:
        from ipdesk.reports.xlsx_dept import import_department_workbook  # openpyxl: late

        return import_department_workbook(target, workbook)

    return LongOperation(
        translate("Operations", "导入部门 Excel 填报表"),
        work,
        MERGE_CHANGES,
        translate(
            "Operations",
            "导入不能用“撤销”撤回；如需撤回，请在“汇总合并 → 导入记录”中撤销该次导入。",
        ),
        cancellable=False,
    )


def merge_issued_file(session: Session, path: str) -> LongOperation:
    """A department takes in a file newly issued by the coordinator."""
    from ipdesk.merge import engine  # late: the merge engine and its signatures

    target = session.path
    return LongOperation(
        translate("Operations", "正在合并新下发的文件…"),
        lambda progress, cancel: engine.merge_files(
            target, [path], progress=progress, cancel=cancel
        )[0],
        EVERYTHING | PLAN,
        translate("Operations", "合并新下发的文件不能撤销；本单位未报送的修改都已保留。"),
    )
