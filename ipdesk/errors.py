"""Typed errors of the core. Each carries a code and parameters; its message says
what is wrong and what to do, Chinese first with an English translation. The CLI
prints the message on one line; the GUI shows it in a dialog."""

from __future__ import annotations

from pathlib import Path


class IPDeskError(Exception):
    """Base of every error a user can be shown. Nothing was changed when it is raised."""

    code = "error"

    def __init__(self, message_zh: str, message_en: str, **params: object) -> None:
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh = message_zh
        self.message_en = message_en
        self.params = params

    @property
    def message(self) -> str:
        return str(self)


class FileRefused(IPDeskError):
    """A file that IPDesk will not open, for the reason named by `code`."""

    REASONS: dict[str, tuple[str, str]] = {
        "missing": ("文件不存在", "the file does not exist"),
        "not_a_file": ("这不是一个文件（可能是文件夹）", "it is not a file (perhaps a folder)"),
        "empty": (
            "文件是空的（0 字节），可能复制未完成",
            "the file is empty (0 bytes); the copy may not have finished",
        ),
        "not_sqlite": (
            "这不是 IPDesk 文件，或文件已损坏（可能是别的程序的文件，或复制时没有复制完整）",
            "it is not an IPDesk file, or it is damaged (a file of another program, or an"
            " incomplete copy)",
        ),
        "truncated": (
            "文件不完整（被截断），可能复制或传输未完成",
            "the file is incomplete (truncated); the copy or transfer may not have finished",
        ),
        "damaged": ("文件已损坏", "the file is damaged"),
        "foreign_app": (
            "这是其他程序的数据库，不是 IPDesk 文件",
            "it is another application's database, not an IPDesk file",
        ),
        "newer_schema": ("该文件由更新版本的 IPDesk 创建", "this file was made by a newer IPDesk"),
        "locked": ("文件正被其他程序占用", "the file is in use by another program"),
        "readonly": (
            "文件是只读的，无法保存修改",
            "the file is read-only, so changes cannot be saved",
        ),
        "exists": ("文件已存在，不会覆盖", "the file already exists and will not be overwritten"),
        "disk_full": ("磁盘空间不足，修改未能保存", "the disk is full; the change was not saved"),
        "altered": (
            "这是一个报送文件，但它在生成后被修改过，与签名不符",
            "it is a file made to be sent, but it was changed afterwards and no longer matches its signature",
        ),
        "busy": (
            "另一个合并、撤销导入或下发操作正在使用该总表",
            "another merge, undo or issue is working on this master",
        ),
    }
    ADVICE: dict[str, tuple[str, str]] = {
        "missing": ("请检查路径。", "Check the path."),
        "not_a_file": ("请选择一个 .ipdesk 文件。", "Choose an .ipdesk file."),
        "empty": ("请向发送方重新索取该文件。", "Ask the sender for the file again."),
        "not_sqlite": ("请选择 .ipdesk 文件。", "Choose an .ipdesk file."),
        "truncated": ("请向发送方重新索取该文件。", "Ask the sender for the file again."),
        "damaged": (
            "请使用备份或向发送方重新索取该文件。",
            "Use a backup or ask the sender for the file again.",
        ),
        "foreign_app": ("请选择 .ipdesk 文件。", "Choose an .ipdesk file."),
        "newer_schema": ("请升级 IPDesk 后再打开。", "Update IPDesk, then open it again."),
        "locked": ("请关闭正在使用它的程序后重试。", "Close the program using it and try again."),
        "readonly": (
            "请复制到可写的位置（不要直接在U盘或只读文件夹中打开）后重试。",
            "Copy it to a writable folder and try again.",
        ),
        "exists": (
            "请换一个文件名，或先删除旧文件。",
            "Choose another name or remove the old file first.",
        ),
        "disk_full": (
            "请清理磁盘空间后重试，已保存的内容不受影响。",
            "Free some disk space and try again; what was saved is safe.",
        ),
        "altered": (
            "请该单位重新导出报送文件。",
            "Ask the department to send it again.",
        ),
        "busy": (
            "请等它完成后再试（另一台电脑或另一个 IPDesk 窗口可能正在合并）。",
            "Wait for it to finish, then try again (another PC or IPDesk window may be merging).",
        ),
    }

    def __init__(self, code: str, path: str | Path, detail: str = "") -> None:
        reason_zh, reason_en = self.REASONS[code]
        advice_zh, advice_en = self.ADVICE[code]
        name = str(path)
        extra = f"（{detail}）" if detail else ""
        extra_en = f" ({detail})" if detail else ""
        super().__init__(
            f"无法打开 {name}：{reason_zh}{extra}。{advice_zh}",
            f"cannot open {name}: {reason_en}{extra_en}. {advice_en}",
            path=name,
            detail=detail,
        )
        self.code = code
        self.path = name


class DiskProblem(FileRefused):
    """A file-system problem met while writing, reading or checking a file, told apart
    by `code`: the disk is full, the place is read-only, the file is locked by another
    program, the file or its folder is gone, permission is missing, or a read/write
    error of the device. Nothing half-written is left behind when it is raised.

    A subclass of FileRefused, so whatever catches a refused file catches these too.
    """

    REASONS = {
        "disk_full": ("磁盘空间不足", "the disk is full"),
        "readonly": (
            "该位置是只读的（例如写保护的U盘、光盘或只读文件夹）",
            "the place is read-only (a write-protected USB stick, a disc or a read-only folder)",
        ),
        "permission": ("没有权限", "permission was denied"),
        "locked": ("文件正被其他程序占用", "the file is in use by another program"),
        "gone": (
            "文件或它所在的文件夹已不存在（U盘可能已拔出）",
            "the file or its folder is gone (was the USB stick removed?)",
        ),
        "no_folder": ("文件夹不存在", "the folder does not exist"),
        "is_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
        "io": (
            "读写出错（磁盘或U盘可能有故障）",
            "a read or write error (the disk or USB stick may be faulty)",
        ),
    }
    ADVICE = {
        "disk_full": (
            "请清理磁盘空间（或换一个磁盘）后重试；已保存的内容不受影响。",
            "Free some disk space (or use another disk) and try again; what was saved is safe.",
        ),
        "readonly": (
            "请换一个可写的位置，或去掉U盘的写保护后重试。",
            "Choose a writable place, or remove the USB stick's write protection, and try again.",
        ),
        "permission": (
            "请换一个文件夹（如“文档”），或请管理员开放权限后重试。",
            "Choose another folder (such as Documents), or ask the administrator for access.",
        ),
        "locked": (
            "请关闭正在使用它的程序（如 WPS、Excel、PDF 阅读器或另一个 IPDesk 窗口）后重试。",
            "Close the program using it (WPS, Excel, a PDF reader or another IPDesk window) and "
            "try again.",
        ),
        "gone": (
            "请确认U盘或磁盘仍然连接、文件仍在原处后重试。",
            "Check that the USB stick or disk is still connected and the file is where it was.",
        ),
        "no_folder": (
            "请先建立该文件夹，或选择一个已有的文件夹。",
            "Create the folder first, or choose one that exists.",
        ),
        "is_folder": ("请选择或填写一个文件名。", "Choose or give a file name."),
        "io": (
            "请检查磁盘或U盘（或换一个位置）后重试。",
            "Check the disk or USB stick (or use another place) and try again.",
        ),
    }
    ACTIONS = {
        "write": ("写入", "write"),
        "save": ("保存到", "save to"),
        "read": ("读取", "read"),
        "open": ("打开", "open"),
        "check": ("检查", "check"),
    }

    def __init__(
        self, code: str, path: str | Path, *, action: str = "write", detail: str = ""
    ) -> None:
        reason_zh, reason_en = self.REASONS[code]
        advice_zh, advice_en = self.ADVICE[code]
        verb_zh, verb_en = self.ACTIONS[action]
        name = str(path) or "?"
        extra = f"（{detail}）" if detail else ""
        extra_en = f" ({detail})" if detail else ""
        IPDeskError.__init__(
            self,
            f"无法{verb_zh} {name}：{reason_zh}{extra}。{advice_zh}",
            f"cannot {verb_en} {name}: {reason_en}{extra_en}. {advice_en}",
            path=name,
            detail=detail,
            action=action,
        )
        self.code = code
        self.path = name
        self.action = action


class NameNotFound(IPDeskError):
    """A task, indicator or department name that matches nothing, or more than one."""

    code = "name"

    def __init__(self, kind_zh: str, kind_en: str, text: str, candidates: list[str]) -> None:
        if candidates:
            shown = "、".join(candidates[:12]) + ("…" if len(candidates) > 12 else "")
            super().__init__(
                f"“{text}”对应多个{kind_zh}：{shown}。请写得更具体，或使用编号。",
                f"'{text}' matches more than one {kind_en}: {shown}. Be more specific or use the code.",
                text=text,
                candidates=candidates,
            )
            self.code = "ambiguous"
        else:
            super().__init__(
                f"找不到{kind_zh}“{text}”。请检查名称或编号（可用 ipdesk dump 查看全部）。",
                f"no {kind_en} called '{text}'. Check the name or code (ipdesk dump lists them all).",
                text=text,
                candidates=[],
            )
            self.code = "unknown"
        self.candidates = candidates


class NotAllowed(IPDeskError):
    """A write the file's role or department may not make (ownership, locked report)."""

    code = "not_allowed"


class BadInput(IPDeskError):
    """A value that is not acceptable (a negative amount, a bad date, a bad period)."""

    code = "bad_input"
