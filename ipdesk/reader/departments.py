"""Departments named in a plan: `（牵头单位：…；配合单位：…）`, `责任单位：…`, and the
names themselves, normalised so that one department has one entry
(`区科技局` = `区科学技术局` = `科技局`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Short form → full form of the usual names of government bodies.
ABBREVIATIONS = {
    "科技局": "科学技术局",
    "工信局": "工业和信息化局",
    "发改委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "人社局": "人力资源和社会保障局",
    "市场监管局": "市场监督管理局",
    "文旅局": "文化和旅游局",
    "文广旅局": "文化广电和旅游局",
    "住建局": "住房和城乡建设局",
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "金融局": "地方金融监督管理局",
    "编办": "机构编制委员会办公室",
    "委编办": "委机构编制委员会办公室",
    "法院": "人民法院",
    "检察院": "人民检察院",
    "工商联": "工商业联合会",
    "自然资源局": "规划和自然资源局",
    "应急局": "应急管理局",
    "医保局": "医疗保障局",
    "城管局": "城市管理局",
    "交通局": "交通运输局",
    "数据局": "数据资源管理局",
    "政务办": "政务服务管理办公室",
    "农业农村局": "农业农村局",
    "生态环境局": "生态环境局",
    "退役军人局": "退役军人事务局",
    "公安分局": "公安分局",
    "税务局": "税务局",
}
_FULL_TO_SHORT = {full: short for short, full in ABBREVIATIONS.items() if short != full}
_PREFIXES = ("区委", "区", "县委", "县", "市委", "市", "旗")
SUFFIXES = (
    "局",
    "委",
    "办",
    "院",
    "部",
    "中心",
    "街道",
    "办事处",
    "管委会",
    "管理委员会",
    "委员会",
    "办公室",
    "政府",
    "公司",
    "协会",
    "联合会",
    "分局",
    "镇",
    "乡",
    "园区",
    "开发区",
    "集团",
    "大学",
    "学院",
    "团委",
    "妇联",
    "科协",
    "总工会",
    "海关",
    "支行",
    "银行",
)
ROLE_RE = re.compile(
    r"(牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|配合部门|协办单位|参与单位|牵头)[：:]"
)
_SPLIT_RE = re.compile(r"[、，,；;/\s]+")
# 《…（牵头单位：A；配合单位：B、C）》 at the end of a task paragraph or on its own.
ASSIGN_RE = re.compile(
    r"[（(]\s*(?:(?:牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|配合部门|协办单位|参与单位)"
    r"[：:][^（）()]*)[)）]\s*[。；]?\s*$"
)
DEPT_LINE_RE = re.compile(
    r"^\s*(?:牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|配合部门)[：:].*$"
)


def key(name: str) -> str:
    """The form two ways of writing one department share: no 区/县 prefix, short
    forms spelled out, no aside in brackets, no 办事处."""
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"[（(][^）)]*[)）]", "", name)
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix) :]
            break
    name = name.removesuffix("办事处")
    for short, full in sorted(ABBREVIATIONS.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(short) and not name.endswith(full):
            name = name[: -len(short)] + full
            break
    return name


def aliases(name: str) -> list[str]:
    """Keys under which a department is found: its own and the one in brackets
    (区市场监督管理局（区知识产权局） is also 区知识产权局)."""
    found = [key(name)]
    for inner in re.findall(r"[（(]([^）)]+)[)）]", name):
        if looks_like_department(inner):
            found.append(key(inner))
    return found


def short_form(name: str) -> str:
    """区科学技术局 → 区科技局; a name with no usual short form is kept."""
    bare = re.sub(r"[（(][^）)]*[)）]", "", name)
    for full, short in sorted(_FULL_TO_SHORT.items(), key=lambda kv: -len(kv[0])):
        if bare.endswith(full):
            return bare[: -len(full)] + short
    return bare


def looks_like_department(text: str) -> bool:
    text = text.strip()
    return 2 <= len(text) <= 30 and text.endswith(SUFFIXES) and not re.search(r"[。，；]", text)


def split_names(text: str) -> list[str]:
    """`区科技局、区财政局和各街道` → the names one by one (和/及 split only between
    two names, never inside 工业和信息化局)."""
    text = re.sub(r"(等(?:相关)?(?:单位|部门))$", "", text.strip().rstrip("。；;"))
    out: list[str] = []
    for piece in _SPLIT_RE.split(text):
        piece = piece.strip()
        if not piece:
            continue
        parts = [piece]
        for joiner in ("和", "及", "与"):
            next_parts = []
            for part in parts:
                pos = -1
                for m in re.finditer(joiner, part):
                    left = part[: m.start()]
                    if left.endswith(SUFFIXES) and looks_like_department(part[m.end() :]):
                        pos = m.start()
                        break
                if pos > 0:
                    next_parts += [part[:pos], part[pos + 1 :]]
                else:
                    next_parts.append(part)
            parts = next_parts
        out += [p for p in parts if p]
    return out


@dataclass
class Assignment:
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lead or self.co)


def parse_roles(text: str) -> Assignment:
    """`牵头单位：区知识产权局；配合单位：区科技局、区工信局` → lead and co names.
    `责任单位：A、B、C` alone: the first is the lead, the rest co-operate."""
    text = text.strip().strip("（()）").strip()
    result = Assignment()
    pieces = list(ROLE_RE.finditer(text))
    for n, m in enumerate(pieces):
        end = pieces[n + 1].start() if n + 1 < len(pieces) else len(text)
        names = split_names(text[m.end() : end].strip("；;，, "))
        role = m.group(1)
        if role.startswith(("配合", "协办", "参与")):
            result.co += names
        elif role.startswith(("责任", "主责")) and not any(
            p.group(1).startswith("牵头") for p in pieces
        ):
            result.lead += names[:1]
            result.co += names[1:]
        else:
            result.lead += names
    return result


def take_assignment(paragraph: str) -> tuple[str, Assignment]:
    """A task paragraph without its `（牵头单位：…）` ending, and what that said."""
    match = ASSIGN_RE.search(paragraph)
    if not match:
        return paragraph, Assignment()
    rest = paragraph[: match.start()].rstrip()
    if paragraph.rstrip().endswith("。") and not rest.endswith(("。", "；")):
        rest += "。"
    return rest, parse_roles(match.group(0))


class Registry:
    """The one list of departments a document names, in order of first mention."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._by_key: dict[str, int] = {}

    def add(self, name: str) -> str:
        """Record a name; returns the name the department is listed under."""
        name = re.sub(r"\s+", "", name)
        for k in aliases(name):
            if k in self._by_key:
                listed = self.names[self._by_key[k]]
                # Prefer the fuller way of writing it.
                if len(key(name)) >= len(key(listed)) and len(name) > len(listed):
                    self.names[self._by_key[k]] = name
                    for alias in aliases(name):
                        self._by_key.setdefault(alias, self._by_key[k])
                    return name
                return listed
        self._by_key.update({k: len(self.names) for k in aliases(name)})
        self.names.append(name)
        return name

    def canonical(self, name: str) -> str:
        for k in aliases(re.sub(r"\s+", "", name)):
            if k in self._by_key:
                return self.names[self._by_key[k]]
        return name

    def find(self, name: str) -> int | None:
        for k in aliases(re.sub(r"\s+", "", name)):
            if k in self._by_key:
                return self._by_key[k]
        return None
