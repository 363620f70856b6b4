"""The built-in plan templates, kept as data in resources/templates/."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ipdesk.errors import BadInput
from ipdesk.messages import message
from ipdesk.paths import data_path

DEFAULT_TEMPLATE = "yuhuatai-2023-2025"


def template_names() -> list[str]:
    return sorted(p.stem for p in data_path("resources", "templates").glob("*.json"))


@lru_cache(maxsize=4)
def load_template(name: str = DEFAULT_TEMPLATE) -> dict[str, Any]:
    """The template `name` as parsed JSON (see resources/templates)."""
    path = data_path("resources", "templates", f"{name}.json")
    if not path.is_file():
        names = "、".join(template_names())
        raise BadInput(
            message("templates.there_no_plan_template", name=name, names=names),
        )
    return json.loads(path.read_text(encoding="utf-8"))
