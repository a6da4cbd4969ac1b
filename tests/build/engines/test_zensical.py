"""The Zensical adapter without Zensical: the staged config, the embed extension
loaded by name, and a failed engine leaving the published site alone.
(tests/browser/test_zensical.py builds with Zensical itself.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import markdown

from quiz_engine import Project, check_project
from quiz_engine.build.engines.zensical import staged_config
from quiz_engine.build.staging import stage
from quiz_engine.load.config import read_config

ROOT = Path(__file__).resolve().parents[3]


def test_staged_config_names_our_extension_templates_and_runtime(tmp_path: Path) -> None:
    project = Project.at(ROOT / "mkdocs.yml")
    items = check_project(project).items
    embeds = tmp_path / "embeds.json"
    config = staged_config(stage(project, items, tmp_path, "http://127.0.0.1:9/"), embeds)
    assert config["docs_dir"] == "docs" and config["site_dir"] == "site"
    assert config["site_url"] == "http://127.0.0.1:9/"
    assert {"quiz_engine.render.embeds": {"data": str(embeds)}} in config["markdown_extensions"]
    # Zensical runs in the staging folder: the glossary is found from there too.
    assert {"quiz_engine.render.glossary": {"file": str(ROOT / "glossary.yml")}} in config["markdown_extensions"]
    assert config["theme"]["custom_dir"] == "overrides" and config["theme"]["variant"] == "classic"
    assert (tmp_path / "overrides" / "main.html").is_file()
    scripts = [s for s in config["extra_javascript"] if isinstance(s, dict)]
    assert {"path": "assets/quiz-engine/elements.js", "type": "module"} in scripts
    assert "assets/quiz-engine/site.css" in config["extra_css"]
    nav = json.dumps(config["nav"])
    for item in items:
        assert f"{'scenarios' if item.kind == 'scenario' else 'quizzes'}/{item.id}.md" in nav


def test_tags_in_mkdocs_yml_are_kept(tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: !ENV [SITE_NAME, Module]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    config = read_config(config_file)
    assert config["site_name"].tag == "!ENV"
    assert config["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"].tag.endswith(
        "python/name:material.extensions.emoji.twemoji"
    )


def test_embed_extension_loads_by_name(tmp_path: Path) -> None:
    data = tmp_path / "embeds.json"
    data.write_text(json.dumps({"scenario:known": "<scenario-player>x</scenario-player>"}), encoding="utf-8")
    md = markdown.Markdown(
        extensions=["quiz_engine.render.embeds"], extension_configs={"quiz_engine.render.embeds": {"data": data}}
    )
    out = md.convert("/// scenario | known\n///\n\n/// quiz | unknown\n///\n")
    assert '<div class="qe-embed" data-search-exclude><scenario-player>x</scenario-player></div>' in out
    assert "Cannot show quiz 'unknown'" in out


def test_a_failed_engine_leaves_the_site_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--engine", "zensical", "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "ZENSICAL": str(tmp_path / "no-such-zensical")},
    )
    assert result.returncode == 1
    assert "the site engine failed: cannot run" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "the staging folder was not removed"


def test_our_extensions_import_in_zensicals_own_environment() -> None:
    """Zensical loads them by name in its virtual environment, which has Python-Markdown and
    PyYAML but none of our build's other packages (MkDocs, nh3, mergedeep...)."""
    import os
    import subprocess

    python = ROOT / ".venv-zensical" / "bin" / "python"
    assert python.is_file(), "run 'make zensical' first"
    result = subprocess.run(
        [str(python), "-c", "import quiz_engine.render.glossary, quiz_engine.render.embeds"],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert result.returncode == 0, result.stderr
