"""Words the Chinese sheets and workbooks print for stored keys (statuses, report
states, task and indicator kinds), taken from the message catalogue (ipdesk/messages),
where each is written once."""

from __future__ import annotations

from ipdesk.messages import zh
from ipdesk.plan.rules import Kind, ReportState, Status


def _words(topic: str, keys: list[str]) -> dict[str, str]:
    return {k: zh.WORDS[f"{topic}.{k}"] for k in keys}


STATUS_ZH = {s.value: s.label_zh for s in Status}
STATE_ZH = {s.value: s.label_zh for s in ReportState}
KIND_ZH = _words("task_kind", ["task", "subtask", "activity", "safeguard"])
INDICATOR_KIND_ZH = {k.value: k.label_zh for k in Kind}
