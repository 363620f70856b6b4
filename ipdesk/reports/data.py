"""Words the Chinese sheets and workbooks print for stored keys (statuses, report
states, task and indicator kinds)."""

from __future__ import annotations

STATUS_ZH = {"not_started": "未启动", "in_progress": "推进中", "done": "已完成", "behind": "滞后"}
STATE_ZH = {"draft": "草稿", "submitted": "已提交", "approved": "审核通过", "returned": "退回"}
KIND_ZH = {"task": "任务", "subtask": "子任务", "activity": "阶段工作", "safeguard": "保障措施"}
INDICATOR_KIND_ZH = {
    "cumulative": "累计",
    "new": "新增",
    "level": "达到",
    "rate": "比率",
    "score": "评分",
    "yesno": "是否",
}
