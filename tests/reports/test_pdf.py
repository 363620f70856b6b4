"""The printed sheets, read back the way a reader's PDF viewer sees them: text
(pdftotext), fonts (pdffonts), pages (pdfinfo)."""

from __future__ import annotations

import re
import subprocess

import pytest

from ipdesk.plan.codes import display_code
from ipdesk.plan.periods import Period
from ipdesk.plan.rules import Light
from ipdesk.read.completeness import completeness
from ipdesk.read.department import department_tasks, evidence
from ipdesk.read.snapshot import snapshot
from ipdesk.reports.pdf import write_pdf
from ipdesk.reports.pdf.district import summary_line
from ipdesk.store import edits
from ipdesk.store.files import open_plan
from ipdesk.store.names import find_department, find_task
from tests.reports.conftest import ON, pdf_pages, pdf_text, read_sheet

KINDS = ("district", "indicators", "acceptance", "timeline", "dept", "dept_small")


def squeeze(text: str) -> str:
    """pdftotext breaks wrapped cells into lines: join them to look for a phrase."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", KINDS)
def test_fonts_are_embedded_subsets_and_nothing_else(sheets, kind):
    out = subprocess.run(
        ["pdffonts", str(sheets[kind].path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for line in out:
        name, *_, emb, sub, uni, _obj, _gen = line.split()
        assert "NotoSansSC" in name, line
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_says_which_of_how_many_and_when_printed(sheets, kind):
    sheet = sheets[kind]
    pages = sheet.text.split("\f")[: sheet.pages]
    assert len(pages) == sheet.pages
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页 共 {sheet.pages} 页" in page, (kind, n)
        assert re.search(r"打印于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}", page), (kind, n)
        assert "雨花台区知识产权强区建设" in page


def test_department_sheet_names_the_department_its_tasks_and_indicators(sheets, sheet_master):
    sheet = sheets["dept"]
    db = open_plan(sheet_master)
    try:
        dept = find_department(db, "区知识产权局").id
        snap = snapshot(db, ON)
        tasks = department_tasks(db, dept, Period.parse("2025Q1"), snap.tasks)
        indicators = snap.department_indicators(dept)
    finally:
        db.close()
    text = sheet.text
    flat = squeeze(text)
    assert "区市场监督管理局（区知识产权局）" in flat
    assert "2025年第一季度" in text and "部门工作进展情况表" in text
    assert len(tasks) > 20 and len(indicators) == 25
    for item in tasks:
        assert item.status.code in text, item.status.code
    # 四（一）宣传发动 ended in 2023: not expected in 2025, so not on the sheet.
    assert "4.1.1" not in text and "宣传发动" not in text
    for ind in indicators:
        assert squeeze(ind.name) in flat, ind.name
    some = next(t.report for t in tasks if t.report and t.report.progress)
    assert squeeze(some.progress) in flat  # the whole text, wrapped, never cut
    for label in ("填报人", "审核人（分管领导）", "单位（盖章）"):
        assert label in text
    first = sheet.page(1)
    assert "编号" in first and "进展情况" in first


def test_department_sheet_header_repeats_on_every_page_of_its_task_table(sheets):
    sheet = sheets["dept"]
    assert sheet.pages >= 4
    for n in range(2, sheet.pages - 1):
        page = sheet.page(n)
        assert "进展情况" in page and "存在问题" in page and "下步计划" in page, n


def test_department_sheet_shows_what_was_not_reported(sheets):
    text = sheets["dept_small"].text
    assert "区委宣传部" in text
    assert "未填报" in text  # co-operating tasks without a report this period
    assert "3.2.3" in text and "5.4" in text


def test_district_sheet_counts_agree_with_the_rules(sheets, sheet_master):
    text = sheets["district"].text
    db = open_plan(sheet_master)
    try:
        snap = snapshot(db, ON)
        period = Period.parse("2025Q2")
        comp = completeness(db, period, snap.tasks)
        line = summary_line(snap, comp)
        late = [snap.dept_name(c.department) for c in comp if not c.submitted and not c.reported]
    finally:
        db.close()
    top = [t for t in snap.tasks if t.parent_id is None]
    # It says what it counts (a task with sub-tasks once), as the window does.
    assert f"任务{len(top)}项（子任务随上级任务计）" in squeeze(line)
    assert squeeze(line) in squeeze(text)
    # Progress and reporting are two signals, counted apart.
    red = sum(1 for t in top if t.schedule_light is Light.red)
    assert f"红{red}、" in squeeze(line)
    late_tasks = sum(1 for t in top if t.report_light is Light.red)
    assert late_tasks and f"未按时报送{late_tasks}项" in squeeze(line)
    for heading in (
        "一、分领域推进情况",
        "二、本期报送情况",
        "三、指标完成情况",
        "四、逾期任务与缺报情况",
    ):
        assert heading in text
    for ind in snap.indicators:
        assert display_code(ind.code) in text  # the document's own numbering
    assert late, "the demo leaves departments unreported"
    for name in late:
        assert name in text
    assert "工作进度甘特图" in text  # the timeline pages at the end


def test_indicator_sheet_lists_every_indicator_with_its_figures(sheets, sheet_master):
    text = sheets["indicators"].text
    flat = squeeze(text)
    db = open_plan(sheet_master)
    try:
        snap = snapshot(db, ON)
    finally:
        db.close()
    assert len(snap.indicators) == 25
    for ind in snap.indicators:
        assert display_code(ind.code) in text  # the document's own numbering
        assert squeeze(ind.name) in flat
    patents = next(i for i in snap.indicators if i.name == "专利授权量")
    assert f"{patents.current:g}" in text and "8500" in text
    assert "二、各期填报数值" in text and "2025年\n第二季度" in pdf_text(sheets["indicators"].path)


def test_acceptance_sheet_has_every_plan_item_and_its_evidence(sheets, sheet_master):
    sheet = sheets["acceptance"]
    text = sheet.text
    db = open_plan(sheet_master)
    try:
        snap = snapshot(db, ON)
        files = evidence(db)
    finally:
        db.close()
    for t in snap.tasks:
        assert t.code in text, t.code
    for i in snap.indicators:
        assert i.code in text, i.code
    assert files
    flat = squeeze(text)
    for e in files:
        assert squeeze(e.file_name) in flat, e.file_name
    for heading in ("二、工作目标", "三、工作重点", "四、工作计划", "五、保障措施"):
        assert heading in text
    for n in range(2, sheet.pages):
        assert "内容（原文）" in sheet.page(n) and "佐证材料" in sheet.page(n), n


def test_timeline_repeats_scale_and_labels_on_every_page(sheets, sheet_master):
    sheet = sheets["timeline"]
    assert sheet.pages >= 2
    for n in range(1, sheet.pages + 1):
        page = sheet.page(n)
        for word in ("实施阶段", "季度", "2024年", "2025年", "今日 2025-08-20"):
            assert word in page, (n, word)
    text = sheet.text
    db = open_plan(sheet_master)
    try:
        snap = snapshot(db, ON)
    finally:
        db.close()
    flat = squeeze(text)
    for section in snap.sections.values():
        if section.kind == "area":
            assert squeeze(section.title) in flat
    for phase in snap.phases:
        assert f"{phase.start}至{phase.end}" in flat
    for light in (Light.red, Light.green, Light.grey):
        assert f"{light.label_zh}·{light.word_zh}" in text


def test_long_text_wraps_and_is_never_cut(demo_master, tmp_path):
    tail = "最后一句完整保留END7319"
    long_text = "本季度开展专项工作，" * 300 + tail
    db = open_plan(demo_master)
    try:
        task = find_task(db, "3.2.3")
        dept = find_department(db, "区委宣传部").id
        edits.save_report(
            db,
            task.id,
            dept,
            "2025Q3",
            status="in_progress",
            percent=40,
            progress=long_text,
            problems="问题" * 200 + "PROBLEM-END",
        )
        out = write_pdf(db, "dept", tmp_path / "long.pdf", department_id=dept, period="2025Q3")
    finally:
        db.close()
    sheet = read_sheet(out)
    flat = squeeze(sheet.text)
    # Side-by-side cells interleave in extracted text, so count rather than match.
    assert flat.count("本季度开展专项工作") == 300
    assert tail in flat
    assert flat.count("问题") >= 200 and "PROBLEM-END" in flat
    assert sheet.pages >= 3  # the row was split across pages, not clipped


def test_an_empty_plan_still_prints(plain_master, tmp_path):
    db = open_plan(plain_master)
    try:
        for kind in ("district", "indicators", "acceptance", "timeline"):
            out = write_pdf(db, kind, tmp_path / f"{kind}.pdf", on=ON)
            assert pdf_pages(out) >= 1
            assert "第 1 页" in pdf_text(out)
    finally:
        db.close()


def test_department_sheet_needs_a_department_in_the_master(plain_master, tmp_path):
    from ipdesk.errors import BadInput

    db = open_plan(plain_master)
    try:
        with pytest.raises(BadInput, match="部门"):
            write_pdf(db, "dept", tmp_path / "x.pdf")
        with pytest.raises(BadInput, match="未知的报表类型"):
            write_pdf(db, "weekly", tmp_path / "x.pdf")
    finally:
        db.close()
    assert not list(tmp_path.glob("x.pdf*"))  # no half-written PDF left behind


def test_cancel_stops_and_leaves_no_file(sheet_master, tmp_path):
    from ipdesk.reports.xlsx_ledger import write_ledger
    from ipdesk.work import Cancelled, CancelToken

    db = open_plan(sheet_master)
    try:
        pages = []
        token = CancelToken()

        def page_done(done, total, text):
            pages.append(done)
            if len(pages) == 2:
                token.cancel()  # as the window's 取消 would, from another thread

        with pytest.raises(Cancelled):
            write_pdf(db, "acceptance", tmp_path / "a.pdf", on=ON, progress=page_done, cancel=token)
        assert len(pages) == 2
        with pytest.raises(Cancelled):
            write_ledger(db, tmp_path / "l.xlsx", cancel=token)
    finally:
        db.close()
    assert not list(tmp_path.iterdir())
