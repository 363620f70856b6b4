"""Quantified targets in plan wording: `专利授权量累计达8500件`, `专利代理率达85%以上`,
`新增…人才超过130人`, `培育10家示范企业`, `争创…示范区` (a yes/no target) — the number,
unit, comparator and kind of each, several in one sentence; and what is not a target:
years and dates, document numbers, durations, ages, names with digits (“633”人才工程,
5G, 15分钟生活圈) and counts that describe the plan itself (围绕6个方面).

One implementation for every reader: plan documents and the 任务分解表 import."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipdesk.reader.text import cuts, half_width_digits

# Units, longest first so 亿元 wins over 亿 and 个百分点 over 个.
UNITS = sorted(
    "家 件 个 项 人 人次 名 位 所 座 台 套 篇 部 条 批 户 次 场 期次 项次 万人 万人次 "
    "亿元 万元 元 亿 万 千万元 万件 万家 万户 平方米 万平方米 亩 公里 千米 吨 小时 天 个工作日 "
    "倍 % ％ 个百分点 百分点 分 "
    "件次 家次 余家 余件 余人 余项 余个".split(),
    key=len,
    reverse=True,
)
_UNIT = "|".join(re.escape(u) for u in UNITS)
# A number, a unit, and the words around it that decide the comparator.
_NUMBER_RE = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})(?P<after>以上|以下|以内|左右|及以上|之内)?"
)
# After these the "unit" is the start of a longer word: 15分钟, 3个月, 5年, 2次会议 …
_NOT_UNIT_AFTER = {
    "分": "钟之",
    "个": "月",
    "次": "会",
    "万": "人元件",
    "亿": "元",
}
# A number followed by one of these is part of a name or a date, never a target.
_NAME_AFTER = re.compile(r"^[A-Za-z]")
# Nouns that make `N个…` a count of the plan's own parts (围绕6个方面, 分3个阶段).
PLAN_NOUNS = (
    "方面",
    "阶段",
    "部分",
    "步骤",
    "环节",
    "任务",
    "措施",
    "举措",
    "章",
    "节",
    "款",
    "个方面",
)
LE_WORDS = ("不超过", "不高于", "不多于", "控制在", "低于", "少于", "降至", "降到", "下降到")
GE_BEFORE: tuple[str, ...] = (
    "不低于",
    "不少于",
    "至少",
    "达到",
    "累计达到",
    "累计达",
    "达",
    "提高到",
    "提高至",
)
GE_BEFORE += ("提升至", "提升到", "增至", "增加到", "实现", "突破")
GT_BEFORE = ("超过", "多于", "高于")
APPROX_BEFORE = ("约", "大约", "近")
NEW_MARKERS: tuple[str, ...] = (
    "新增",
    "新建",
    "建成",
    "新培育",
    "新认定",
    "新引进",
    "新创建",
    "新设",
    "新获",
)
NEW_MARKERS += ("每年", "年均", "新发展")
ACTIVITY_WORDS = ("培训", "举办", "开展", "办理", "受理", "宣传", "服务人次", "参与")
STOCK_WORDS = ("拥有量", "保有量", "数量", "总量", "总数", "企业数", "机构数", "覆盖")
SCORE_WORDS = ("满意度", "指数", "得分", "评分")
LEAD_VERBS = (
    "力争",
    "确保",
    "全区",
    "全市",
    "全县",
    "新增",
    "新建",
    "新培育",
    "新认定",
    "新引进",
    "新创建",
    "创建",
    "培育",
    "建成",
    "建设",
    "打造",
    "争创",
    "引进",
    "实现",
    "每年",
    "年均",
    "其中",
)
YESNO_RE = re.compile(
    r"^(?:力争)?(争创|创成|成功创建|创建成为|获批|争取获批)(.+?(?:示范区|示范县|示范市|示范城市|强县|强区|强市"
    r"|试点县|试点区|试点城市|示范园区|示范基地|称号|先进区|先进县))$"
)
COMPARATORS = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<", "eq": "=", "approx": "~"}
COMPARATOR_WORDS = {
    "ge": ("达到 / 以上 / 不低于", "at least"),
    "gt": ("超过", "more than"),
    "le": ("不超过 / 以下", "at most"),
    "lt": ("低于", "less than"),
    "eq": ("保持", "equal to"),
    "approx": ("约 / 左右", "about"),
}
KINDS = ("cumulative", "new", "level", "rate", "score", "yesno")


@dataclass
class Target:
    """One target found in a sentence: `text` is its own words in the sentence."""

    name: str
    target: float | None
    unit: str
    comparator: str  # ge gt le lt eq approx
    kind: str
    text: str
    start: int  # offsets of `text` in the paragraph
    end: int
    per_year: bool = False


def _clauses(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: split at ，；。：！？ outside quotes and brackets."""
    out, start = [], 0
    for i in cuts(paragraph, "，；。：！？,;", "“《（(〔【", "”》）)〕】"):
        out.append((start, i))
        start = i + 1
    out.append((start, len(paragraph)))
    return [(s, e) for s, e in out if e > s]


def _inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


def _is_not_a_target(clause: str, m: re.Match[str]) -> bool:
    unit, start, end = m.group("unit"), m.start(), m.end("unit")
    following = clause[end : end + 3]
    if unit in _NOT_UNIT_AFTER and following[:1] and following[0] in _NOT_UNIT_AFTER[unit]:
        return True
    if _NAME_AFTER.match(clause[m.end("num") :]) or _inside_quotes(clause, start):
        return True
    before = clause[:start]
    if before.endswith(("第", "〔", "[", "前")):
        return True  # 第3批, 〔2023〕, 前10%
    if re.search(r"[〔\[]\d{4}[〕\]]\s*$", before) or re.match(r"\d*号", clause[m.end("num") :]):
        return True
    rest = clause[m.end() :]
    if any(noun in rest[:4] for noun in PLAN_NOUNS) and not re.search(
        "|".join(NEW_MARKERS + ("达", "建成")), before
    ):
        return True
    if re.match(r"[-—~～至]\s*\d", clause[m.end("num") :]):
        return True  # a range such as 8000-10000件 is not read as one target
    return False


def _comparator(before: str, after: str | None) -> str:
    if after in ("以下", "以内", "之内"):
        return "le"
    if after == "左右":
        return "approx"
    tail = before[-6:]
    if tail.endswith(("不低于", "不少于", "不小于")):
        return "ge"
    if tail.endswith(("不超过", "不高于", "不多于", "不大于")):
        return "le"
    for word in LE_WORDS:
        if tail.endswith(word) or (word == "控制在" and word in tail):
            return "lt" if word in ("低于", "少于") else "le"
    if any(tail.endswith(w) for w in GT_BEFORE):
        return "gt"
    if any(tail.endswith(w) for w in APPROX_BEFORE):
        return "approx"
    if tail.endswith("保持在") and not after:
        return "eq"
    if after and "余" in after:
        return "gt"
    return "ge"


def _strip_comparator_words(text: str) -> str:
    words = sorted(
        LE_WORDS + GE_BEFORE + GT_BEFORE + APPROX_BEFORE + ("保持在", "累计", "达"),
        key=len,
        reverse=True,
    )
    changed = True
    while changed:
        changed = False
        for word in words:
            if text.endswith(word) and len(text) > len(word):
                text = text[: -len(word)]
                changed = True
    return text


def _strip_lead(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for verb in sorted(LEAD_VERBS, key=len, reverse=True):
            if text.startswith(verb) and len(text) > len(verb) + 1:
                text = text[len(verb) :]
                changed = True
    # "专利代理人、工程师、内审员等知识产权专业人才": the named kind after 等
    match = re.search(r"等的?(?=[^、]{2,}$)", text)
    if match and "、" in text[: match.start()]:
        text = text[match.end() :]
    if text.startswith("从事") and "的" in text:
        text = text[text.rindex("的") + 1 :]
    return text.strip("，、的 ")


def _kind(phrase: str, name: str, unit: str, previous: str | None) -> str:
    if unit in ("%", "％", "个百分点", "百分点") or name.endswith("率"):
        return "rate"
    if unit == "分" or any(w in name for w in SCORE_WORDS):
        return "score"
    if "累计" in phrase:
        return "cumulative"
    if any(w in phrase for w in NEW_MARKERS):
        return "new"
    if any(w in name for w in ACTIVITY_WORDS):
        return "new"
    if any(name.endswith(w) or w in name for w in STOCK_WORDS):
        return "level"
    if previous in ("new", "cumulative"):
        return previous
    if re.search(r"(达|达到)$", _verb_tail(phrase)):
        return "level"
    return "new"


def _verb_tail(phrase: str) -> str:
    m = _NUMBER_RE.search(half_width_digits(phrase))
    return phrase[: m.start()] if m else phrase


def find_targets(paragraph: str, *, title: str = "", goals: bool = False) -> list[Target]:
    """Every target in a paragraph, in reading order.

    Args:
        paragraph: one paragraph (or table cell) of the document.
        title: the plan's title; a generic name (培训人数) borrows its qualifier
            from the sentence when the qualifier is a word of the title (知识产权).
        goals: the paragraph states the plan's goals, where `争创…示范区` is a
            yes/no target.
    """
    text = half_width_digits(paragraph)
    found: list[Target] = []
    for c_start, c_end in _clauses(text):
        clause = text[c_start:c_end]
        seg_start = 0
        matches = [m for m in _NUMBER_RE.finditer(clause) if not _is_not_a_target(clause, m)]
        if not matches and goals:
            yes = YESNO_RE.match(clause.strip())
            if yes:
                lead = len(clause) - len(clause.lstrip())
                found.append(
                    Target(
                        name=yes.group(2),
                        target=None,
                        unit="",
                        comparator="ge",
                        kind="yesno",
                        text=paragraph[c_start + lead : c_end],
                        start=c_start + lead,
                        end=c_end,
                    )
                )
            continue
        for m in matches:
            rest = clause[m.end() :]
            noun_after = re.match(r"[^、，；。和及与]{2,}", rest)
            if noun_after and not re.match(r"(的|，|、|以|和|及)", rest):
                # 培育10家示范企业: the name follows the number
                end = m.end() + noun_after.end()
                name_part = noun_after.group(0)
                phrase_start = seg_start
                before_words = clause[phrase_start : m.start()]
                name = _strip_lead(name_part)
            else:
                end = m.end()
                phrase_start = seg_start
                before_words = clause[phrase_start : m.start()]
                name = _strip_lead(_strip_comparator_words(before_words.strip("，、 ")))
            phrase = clause[phrase_start:end].lstrip("、和及与 ")
            lead_gap = len(clause[phrase_start:end]) - len(phrase)
            if not name:
                seg_start = end
                continue
            previous = found[-1] if found and found[-1].start >= c_start else None
            sentence_before = text[: c_start + phrase_start]
            kind = _kind(phrase, name, m.group("unit"), _prev_kind(found, text, c_start))
            name = _qualified(name, previous, sentence_before, title)
            unit = m.group("unit").replace("％", "%").removeprefix("余")
            comparator = _comparator(before_words, m.group("after"))
            if m.group("unit").startswith("余"):
                comparator = "gt"
            found.append(
                Target(
                    name=name,
                    target=float(m.group("num")),
                    unit=unit,
                    comparator=comparator,
                    kind=kind,
                    text=paragraph[c_start + phrase_start + lead_gap : c_start + end],
                    start=c_start + phrase_start + lead_gap,
                    end=c_start + end,
                    per_year="每年" in phrase or "年均" in phrase,
                )
            )
            seg_start = end
            while seg_start < len(clause) and clause[seg_start] in "、和及与 ":
                seg_start += 1
    return found


def _prev_kind(found: list[Target], text: str, c_start: int) -> str | None:
    """The kind of the previous target of the same sentence (a list shares its verb:
    新增A 6家，B 5人 — B is new too)."""
    if not found:
        return None
    last = found[-1]
    between = text[last.end : c_start]
    if any(ch in between for ch in "。！？；"):
        return None
    return last.kind if last.kind in ("new", "cumulative") else None


def _qualified(name: str, previous: Target | None, sentence_before: str, title: str) -> str:
    """A bare noun in a list borrows the qualifier of what it is listed with:
    `新增“正版正货”示范街区1家、承诺企业5家` → “正版正货”承诺企业;
    `开展知识产权培训计划，培训人数达3000人` → 知识产权培训人数."""
    if len(name) > 4:
        return name
    if previous is not None:
        quoted = re.search(r"“[^”]+”", previous.name)
        if quoted and quoted.group(0) not in name:
            return quoted.group(0) + name
    if title:
        sentence = re.split(r"[。！？]", sentence_before)[-1]
        head = name[:2]
        pos = sentence.rfind(head)
        while pos > 0:
            before = sentence[:pos]
            for size in range(min(8, len(before)), 1, -1):
                term = before[-size:]
                if term in title and re.fullmatch(r"[\u4e00-\u9fff]+", term):
                    return term + name
            pos = sentence.rfind(head, 0, pos)
    return name
