"""A plan published as a web page: the page's article (the element holding most of
the paragraph text), without the site's menus, breadcrumbs, scripts and footer;
tables with their rowspan/colspan spread over the cells they cover. Standard
library html.parser only."""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "br",
    "tr",
    "section",
    "article",
}
BLOCK_TAGS |= {"center", "blockquote", "pre", "dd", "dt", "table", "ul", "ol", "td", "th"}
SKIP_TAGS = {"script", "style", "nav", "header", "footer", "noscript", "select", "button", "iframe"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr"}
_CHROME_RE = re.compile(
    r"(导航|nav|menu|breadcrumb|crumb|footer|header|banner|share|sidebar|toolbar|位置)", re.I
)


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID_TAGS:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: _Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def _skipped(node: _Node) -> bool:
    if node.tag in SKIP_TAGS:
        return True
    marks = " ".join((node.attrs.get("class", ""), node.attrs.get("id", "")))
    return (
        bool(marks.strip())
        and bool(_CHROME_RE.search(marks))
        and node.tag in ("div", "ul", "section", "p")
    )


def _text(node: _Node) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif not _skipped(child):
            parts.append("\n" if child.tag == "br" else _text(child))
    return "".join(parts)


def _has_blocks(node: _Node) -> bool:
    return any(
        isinstance(c, _Node) and (c.tag in BLOCK_TAGS and c.tag != "br" or _has_blocks(c))
        for c in node.children
    )


def _paragraph_weight(node: _Node) -> int:
    """Text in the node's own paragraphs: p, table, or a div holding only text — so
    the article's own element outweighs the page around it."""
    total = 0
    for child in node.children:
        if isinstance(child, _Node) and not _skipped(child):
            if child.tag in ("p", "table") or (child.tag == "div" and not _has_blocks(child)):
                total += len(re.sub(r"\s+", "", _text(child)))
        elif isinstance(child, str):
            total += len(child.strip())
    return total


def _article(root: _Node) -> _Node:
    best, best_weight = root, -1
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, _Node) and not _skipped(node):
            weight = _paragraph_weight(node)
            if weight > best_weight:
                best, best_weight = node, weight
            stack.extend(c for c in node.children if isinstance(c, _Node))
    return best


def _table_rows(table: _Node) -> list[list[str]]:
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], str] = {}
    r = 0
    stack = [table]
    trs: list[_Node] = []
    while stack:
        node = stack.pop(0)
        for child in node.children:
            if isinstance(child, _Node):
                if child.tag == "tr":
                    trs.append(child)
                elif child.tag in ("thead", "tbody", "tfoot"):
                    stack.append(child)
    for tr in trs:
        row: list[str] = []
        c = 0
        for cell in (x for x in tr.children if isinstance(x, _Node) and x.tag in ("td", "th")):
            while (r, c) in spans:
                row.append(spans.pop((r, c)))
                c += 1
            text = re.sub(r"\s+", " ", _text(cell)).strip()
            rowspan = int(re.sub(r"\D", "", cell.attrs.get("rowspan", "1")) or 1)
            colspan = int(re.sub(r"\D", "", cell.attrs.get("colspan", "1")) or 1)
            for dc in range(colspan):
                row.append(text)
                for dr in range(1, rowspan):
                    spans[(r + dr, c + dc)] = text
            c += colspan
        while (r, c) in spans:
            row.append(spans.pop((r, c)))
            c += 1
        rows.append(row)
        r += 1
    return rows


def _flatten(node: _Node, out: list[tuple[str, list[str] | None, bool]]) -> None:
    buffer: list[str] = []

    def flush() -> None:
        text = "".join(buffer)
        buffer.clear()
        for line in text.split("\n"):
            out.append((line, None, False))

    for child in node.children:
        if isinstance(child, str):
            buffer.append(child.replace("\n", " ").replace("\r", " "))
            continue
        if _skipped(child):
            continue
        if child.tag == "table":
            flush()
            for row in _table_rows(child):
                out.append(("", row, False))
            out.append(("", None, False))
        elif child.tag == "br":
            buffer.append("\n")
        elif child.tag in BLOCK_TAGS:
            flush()
            if child.tag in ("h1", "h2", "h3") and not any(
                isinstance(c, _Node) and c.tag in BLOCK_TAGS for c in child.children
            ):
                out.append((re.sub(r"\s+", " ", _text(child)), None, True))
            else:
                _flatten(child, out)
            out.append(("", None, False))
        else:
            buffer.append(_text(child).replace("\n", " "))
    flush()


def html_paragraphs(markup: str) -> list[tuple[str, list[str] | None, bool]]:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    article = _article(builder.root)
    out: list[tuple[str, list[str] | None, bool]] = []
    # A heading just before the article (the page's own title) belongs to it.
    parent = article.parent
    if parent is not None:
        index = parent.children.index(article)
        for sibling in parent.children[:index]:
            if isinstance(sibling, _Node) and sibling.tag in ("h1", "h2") and not _skipped(sibling):
                out.append((re.sub(r"\s+", " ", _text(sibling)), None, True))
    _flatten(article, out)
    return [(t.strip() if c is None else t, c, h) for t, c, h in out]
