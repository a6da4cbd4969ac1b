"""preloads: each element's files, read from elements.js and the modules' static imports."""

from __future__ import annotations

import re

from quiz_engine.build.preloads import RUNTIME_DIR, element_files, preload_hints


def test_every_element_of_elements_js_is_found() -> None:
    source = (RUNTIME_DIR / "elements.js").read_text(encoding="utf-8")
    declared = re.findall(r'^\s*"([a-z-]+)":\s*\{', source, re.MULTILINE)
    assert len(declared) >= 5
    assert list(element_files()) == declared  # a reformatted elements.js must not drop one silently


def test_a_player_needs_its_module_what_it_imports_and_its_styles() -> None:
    files = element_files()
    assert files["scenario-player"] == {
        "modules": ["scenario-player.js", "scenario-engine.js", "dom.js", "storage.js"],
        "styles": ["players.css"],
    }
    assert files["module-certificate"]["styles"] == ["players.css", "certificate.css"]
    # progress.js is imported by the quiz player at once, and by the scenario player only at its end.
    assert "progress.js" in files["quiz-player"]["modules"] and "progress.js" not in files["scenario-player"]["modules"]


def test_every_hinted_file_exists() -> None:
    hints = preload_hints("assets/quiz-engine")
    paths = {path for files in hints.values() for path in files}
    assert len(paths) > 8
    assert all(path.startswith("assets/quiz-engine/") for path in paths)
    assert [p for p in paths if not (RUNTIME_DIR / p.removeprefix("assets/quiz-engine/")).is_file()] == []
