"""The generated forms (ipdesk/gui/forms/ui_*.py) are what pyside6-uic makes of ui/*.ui
today: a form edited in Designer and not rebuilt, or a generated module edited by hand,
fails here (scripts/build_ui rebuilds them)."""

from __future__ import annotations

from ipdesk.gui.forms import build


def test_every_designer_form_has_its_generated_module_and_no_other():
    forms = build.ui_files()
    assert {f.stem for f in forms} >= {
        "welcome",
        "task_editor",
        "department_editor",
        "settings_dialog",
    }
    generated = {p.name for p in build.FORMS.glob("ui_*.py")}
    assert generated == {build.target_for(ui).name for ui in forms}


def test_generated_forms_match_a_fresh_compile_of_ui():
    for ui in build.ui_files():
        target = build.target_for(ui)
        text = target.read_text(encoding="utf-8")
        assert text == build.compile_form(ui), (
            f"{target.name} is older than ui/{ui.name}: run scripts/build_ui"
        )
        assert "generated, do not edit" in text.splitlines()[0]
