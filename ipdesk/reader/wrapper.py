"""The wrapper of a 印发通知 around a plan (document number, the notice's title,
addressees, the notice itself, issuer, date, 此件公开发布, 附件, 抄送) and the plan's
title, which may be split over lines or letter-spaced. Kept as plan information,
never read as tasks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipdesk.reader.departments import looks_like_department
from ipdesk.reader.numbering import marker
from ipdesk.reader.text import chinese_int, half_width_digits

DOC_NUMBER_RE = re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号")
NOTICE_TITLE_RE = re.compile(r"关于(?:印发|转发|下发)?《?(.+?)》?的(?:通知|函|意见)$")
NOTICE_BODY_RE = re.compile(
    r"(印发给你们|现予印发|现印发|请认真(?:贯彻|组织|抓好)|请结合实际|认真贯彻执行|已经.{1,12}同意)"
)
PUBLIC_RE = re.compile(r"^[（(]?\s*此件(?:公开发布|主动公开|依申请公开|不予公开)\s*[)）]?$")
DATE_RE = re.compile(
    r"^\s*(\d{4}|[二〇零一三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?:印发)?\s*$"
)
META_RE = re.compile(
    r"^(发布时间|发布日期|成文日期|来源|信息来源|浏览次数|字号|索引号|发文机关|文号|主题分类)[:：]"
)
ANNEX_RE = re.compile(r"^附\s*件\s*\d*\s*[:：]?\s*(.*)$")
CC_RE = re.compile(r"^(抄送|抄报|主送)[:：]")
_CN_YEAR = str.maketrans("〇零一二三四五六七八九", "00123456789")


@dataclass
class Wrapper:
    title: str = ""
    notice_title: str | None = None
    issuer: str | None = None
    date: str | None = None
    document_number: str | None = None
    addressees: str | None = None
    lines: list[str] = field(default_factory=list)
    notice_blocks: list[int] = field(default_factory=list)
    title_blocks: list[int] = field(default_factory=list)
    body_start: int = 0  # position in the paragraph list where the plan's text begins


def parse_date(text: str) -> str | None:
    match = DATE_RE.match(half_width_digits(text))
    if not match:
        return None
    year = int(match[1].translate(_CN_YEAR)) if not match[1].isdigit() else int(match[1])
    month = int(match[2]) if match[2].isdigit() else chinese_int(match[2])
    day = int(match[3]) if match[3].isdigit() else chinese_int(match[3])
    if not (month and day and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_wrapper_line(text: str) -> bool:
    """A line of the notice or the document's tail (抄送, 印发 date)."""
    return bool(
        DOC_NUMBER_RE.search(text)
        and len(text) < 40
        or NOTICE_TITLE_RE.search(text)
        or PUBLIC_RE.match(text)
        or parse_date(text)
        or META_RE.match(text)
        or CC_RE.match(text)
        or re.search(r"\d{4}年\d{1,2}月\d{1,2}日印发$", text)
    )


def read_wrapper(paragraphs: list[tuple[str, list[int], bool]]) -> Wrapper:
    """Read the notice and the title from the start of the document.

    `paragraphs` are (text, block indices, heading) with text already tidied."""
    w = Wrapper()
    n = 0
    in_notice = False
    while n < len(paragraphs):
        text, blocks, _heading = paragraphs[n]
        number = DOC_NUMBER_RE.search(text)
        notice = NOTICE_TITLE_RE.search(text)
        if number and len(text) < 40 and not notice:
            w.document_number = re.sub(r"\s+", "", text)
        elif notice:
            w.notice_title = text
            w.title = w.title or notice.group(1).strip("《》")
            in_notice = True
        elif META_RE.match(text) or PUBLIC_RE.match(text) or CC_RE.match(text):
            pass
        elif parse_date(text) and (in_notice or n < 8):
            w.date = parse_date(text)
        elif (
            text.endswith(("：", ":"))
            and (text.startswith("各") or "各" in text[:6])
            and len(text) < 120
        ):
            w.addressees = text.rstrip("：:")
            in_notice = True
        elif in_notice and NOTICE_BODY_RE.search(text):
            pass
        elif in_notice and looks_like_department(text) and marker(text) is None:
            w.issuer = text
        elif text.endswith("文件") and len(text) <= 24 and n < 3:
            w.issuer = w.issuer or text.removesuffix("文件")
        elif ANNEX_RE.match(text) and in_notice and len(text) < 40:
            pass
        else:
            break
        w.lines.append(text)
        w.notice_blocks += blocks
        n += 1
    # The title: short lines without numbering or a full stop, joined.
    title_parts: list[str] = []
    while n < len(paragraphs):
        text, blocks, heading = paragraphs[n]
        if marker(text) is not None or text.endswith(("。", "；")) or len(text) > 60:
            break
        if (
            title_parts
            and len("".join(title_parts)) > 10
            and not (heading or re.match(r"^[（(].*年[)）]$", text) or len(text) <= 12)
        ):
            break
        if is_wrapper_line(text) and title_parts:
            break
        title_parts.append(text)
        w.title_blocks += blocks
        n += 1
    if title_parts:
        w.title = "".join(title_parts)
    elif w.title:
        pass
    w.body_start = n
    return w
