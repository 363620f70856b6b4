"""A coordinator's desk for the merge center tests (and its screenshot): the demo
master (progress up to 2025-08-20), two department files issued from it with the
real issue function, filled in on the departments' PCs for 2025Q3 and sent back
with the real send function, a conflicting edit on the master, and a PDF renamed
.ipdesk.

- 区委宣传部 (xcb) reports on 3.2.3 and 5.4 and submits 2025Q3; meanwhile the
  coordinator moves 5.4 to 区知识产权局, so that report is quarantined.
- 区金融局 (jrj) reports on 3.3.2 (55 %, a progress text) and 4.2.5; the coordinator
  has also corrected the progress text of that 3.3.2 report: a conflict on 进展情况.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ipdesk.store import edits
from tests.merge.helpers import COORDINATOR_PC, edit, ids, send

PERIOD = "2025Q3"
JRJ_TEXT = "区金融局：知识产权质押融资登记12亿元，走访科技型企业15家。"
MASTER_TEXT = "协调员更正：质押融资登记10.5亿元（以区金融办台账为准）。"
XCB_TEXT = "区委宣传部：开展知识产权宣传周活动12场，媒体报道30篇。"


@dataclass
class Desk:
    folder: Path
    master: Path
    xcb: Path  # 区委宣传部's file as sent
    jrj: Path  # 区金融局's file as sent
    refused: Path  # a PDF renamed .ipdesk
    ids: dict[str, str]  # department / task code → id

    def report(self, task: str, dept: str, path: Path | None = None) -> tuple | None:
        from tests.merge.helpers import query

        rows = query(
            path or self.master,
            "SELECT status, percent, progress, deleted FROM progress_reports WHERE task_id = ?"
            " AND department_id = ? AND period = ?",
            [self.ids[task], self.ids[dept], PERIOD],
        )
        return rows[0] if rows else None


def make_desk(folder: Path, demo: Path, at: dict[str, str] | None = None) -> Desk:
    """The desk described above, in `folder` (IPDESK_TODAY must be 2025-08-20). `at`
    may set the PCs' clocks (IPDESK_FAKE_NOW) per step: issue, xcb, jrj, coordinator."""
    from ipdesk.merge.issue import issue_department_file

    def clock(step: str) -> dict[str, str]:
        return {"IPDESK_FAKE_NOW": at[step]} if at and step in at else {}

    master = folder / "知识产权强区-总表.ipdesk"
    shutil.copyfile(demo, master)
    code = ids(master)
    issued = {}

    def issue_both(db):
        for dept in ("xcb", "jrj"):
            issued[dept] = issue_department_file(db, code[dept], folder / f"下发-{dept}.ipdesk")

    edit(master, COORDINATOR_PC, issue_both, **clock("issue"))

    def xcb(db):
        edits.save_report(
            db,
            code["3.2.3"],
            code["xcb"],
            PERIOD,
            status="in_progress",
            percent=70,
            progress=XCB_TEXT,
        )
        edits.save_report(
            db,
            code["5.4"],
            code["xcb"],
            PERIOD,
            status="in_progress",
            percent=60,
            progress="区委宣传部：编发知识产权工作简报3期。",
        )
        edits.submit_period(db, code["xcb"], PERIOD)

    def jrj(db):
        edits.save_report(
            db,
            code["3.3.2"],
            code["jrj"],
            PERIOD,
            status="in_progress",
            percent=55,
            progress=JRJ_TEXT,
            problems="部分银行评估能力不足。",
            next_steps="召开银企对接会。",
        )
        edits.save_report(
            db,
            code["4.2.5"],
            code["jrj"],
            PERIOD,
            status="in_progress",
            percent=50,
            progress="区金融局：配合开展专项检查。",
        )

    def coordinator(db):
        edits.save_report(
            db, code["3.3.2"], code["jrj"], PERIOD, status="in_progress", progress=MASTER_TEXT
        )
        edits.assign(db, code["5.4"], [code["zscqj"]], [])

    edit(issued["xcb"], "pc-xcb", xcb, **clock("xcb"))
    edit(issued["jrj"], "pc-jrj", jrj, **clock("jrj"))
    edit(master, COORDINATOR_PC, coordinator, **clock("coordinator"))
    xcb_sent = send(
        issued["xcb"], folder / "知识产权强区-区委宣传部-报送.ipdesk", "pc-xcb", **clock("xcb")
    )
    jrj_sent = send(
        issued["jrj"], folder / "知识产权强区-区金融局-报送.ipdesk", "pc-jrj", **clock("jrj")
    )
    refused = folder / "区司法局-报送.ipdesk"
    refused.write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + b"0" * 4096
    )
    return Desk(folder, master, xcb_sent, jrj_sent, refused, code)
