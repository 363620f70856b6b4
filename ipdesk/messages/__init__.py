"""The words of the core and the command line: every message is a code and its
parameters, and its words live in one catalogue per language (zh.py, en.py); the
window's own words are in its .ts files.

A `Message` is what the core hands out — in an error, a merge report, a quarantine
row, an import's warnings. It is a `str` whose value is both languages on one line,
Chinese first ("中文 / English"), which is what the command line and --json print; the
window shows `message.text(language)` instead, so nothing ever splits a finished
string. A parameter may itself be a Message (a reason inside a sentence) or a list of
them; it is worded in the same language. Stored in a file (quarantine.message,
imports.warnings) a message is JSON: {"code": …, "params": {…}}.

Adding a message: a code (lower case, dotted by topic) with a template in zh.py and
one in en.py with the same {placeholders}; tests/core/test_messages.py holds the two
catalogues to each other.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ipdesk.messages import en, zh

LANGUAGES: dict[str, dict[str, str]] = {"zh": zh.WORDS, "en": en.WORDS}
# Words written by an IPDesk before messages were codes, or not yet in the catalogues:
# the two languages as given ({"zh": …, "en": …}), shown without being parsed.
BILINGUAL = "bilingual"


class Message(str):
    """A message: its code (a key of the catalogues) and its parameters. As a str it
    is both languages, "中文 / English"."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any] | None = None) -> Message:
        given = {k: _plain(v) for k, v in (params or {}).items()}
        if code not in zh.WORDS:
            raise KeyError(f"no message {code!r} in the catalogue")
        both = f"{_render(code, given, 'zh')} / {_render(code, given, 'en')}"
        if code == BILINGUAL and given.get("zh") == given.get("en"):
            both = str(given.get("zh", ""))
        self = super().__new__(cls, both)
        self.code = code
        self.params = given
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.code, self.params))

    def text(self, language: str = "zh") -> str:
        """The message in `language` ("zh" or "en")."""
        return _render(self.code, self.params, language)

    def to_json(self) -> dict[str, Any]:
        """As stored in a file and printed by --json."""
        return {"code": self.code, "params": {k: _to_json(v) for k, v in self.params.items()}}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)

    @classmethod
    def from_json(cls, data: Any) -> Message:
        """A message stored by to_json; a plain string (stored before messages were
        codes) becomes a bilingual message holding it in both languages."""
        if isinstance(data, str):
            return cls(BILINGUAL, {"zh": data, "en": data})
        return cls(str(data["code"]), {k: _from_json(v) for k, v in data["params"].items()})

    @classmethod
    def loads(cls, text: str) -> Message:
        return cls.from_json(json.loads(text))


def _plain(value: Any) -> Any:
    """A parameter as a file can keep it: text, numbers, messages and lists of them
    stay; anything else (a date, a path) becomes its text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def _to_json(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [_to_json(v) for v in value]
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"code", "params"}:
        return Message.from_json(value)
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    return value


def _word(value: Any, language: str) -> Any:
    if isinstance(value, Message):
        return value.text(language)
    if isinstance(value, list | tuple):
        return LANGUAGES[language]["list.separator"].join(str(_word(v, language)) for v in value)
    return value


def _render(code: str, params: Mapping[str, Any], language: str) -> str:
    words = LANGUAGES.get(language, zh.WORDS)
    return words[code].format(**{k: _word(v, language) for k, v in params.items()})


def message(code: str, **params: Any) -> Message:
    """message("merge.merged", new=3, changed=1)."""
    if not params:
        return _fixed(code)
    return Message(code, params)


@lru_cache(maxsize=1024)
def _fixed(code: str) -> Message:
    """A message without parameters, made once: a city-scale plan's 5,015 tasks each
    get a light's reason (light.normal, …) on opening; rendering them every time took
    ~0.05 s. Messages are never changed once made, so one object serves them all."""
    return Message(code)


def bilingual(zh_text: str, en_text: str) -> Message:
    """Words not (yet) in the catalogues, given in both languages."""
    return Message(BILINGUAL, {"zh": zh_text, "en": en_text})


def detail(text: object) -> Message | str:
    """An optional detail in parentheses after a reason: （…） in Chinese, (…) in English;
    nothing when there is none."""
    return Message("paren", {"text": text}) if text not in (None, "") else ""


def label(kind: str, key: str) -> Message:
    """The word for a stored key: label("table", "tasks") → 任务 / Task."""
    return message(f"{kind}.{key}")


def text(value: object, language: str = "zh") -> str:
    """A message in `language`; any other value as it is."""
    return value.text(language) if isinstance(value, Message) else str(value)
