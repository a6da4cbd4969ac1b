"""`build.py serve`: build into a private folder, serve it with live reload, rebuild when any
input changes. A build with errors leaves the last good site served, with the errors shown
over every open page (live_server.py); the next good build reloads the pages."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from pathlib import Path

from ..load.config import ConfigError, plain, read_config
from ..load.glossary import glossary_file
from ..load.project import Project
from .live_build import LiveBuild
from .live_server import DevServer, quiet_mkdocs_server_log, watch_existing

PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not built yet</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>The site has not been built yet</h1>
<p>Fix the errors shown in the terminal and over this page; this page reloads by itself.</p></main></body></html>
"""


def inputs(project: Project) -> list[Path]:
    """Everything that feeds the site: the two folders, mkdocs.yml and the files it names
    (an INHERIT parent, the glossary, the theme's custom_dir)."""
    found = [project.scenarios_dir, project.docs_dir]
    config_file: Path | None = project.config_file
    while config_file is not None and config_file not in found:
        found.append(config_file)
        try:
            config = read_config(config_file)
        except ConfigError:
            break
        parent = config.get("INHERIT")
        config_file = config_file.parent / parent if isinstance(parent, str) else None
        theme = plain(config.get("theme"), {})
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        if isinstance(custom_dir, str):
            found.append(project.root / custom_dir)
    glossary = glossary_file(project.config_file)
    return [*found, glossary] if glossary else found


def serve(project: Project, host: str, port: int, strict: bool) -> int:
    site_url = f"http://{host}:{port}/"
    folder = Path(tempfile.mkdtemp(prefix="quiz-engine-serve-"))
    live = LiveBuild(project, folder, site_url, strict, lambda: inputs(project))
    server = DevServer(
        live.build, live.error_data, host=host, port=port, root=str(live.site_dir), polling_interval=0.25
    )
    live.request_build = server.request_build
    watched: set[Path] = set()
    try:
        server.listen()
    except OSError as exc:
        print(f"serve: cannot listen on {host}:{port}: {exc.strerror}. Try --port {port + 1}.", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
        return 1
    quiet_mkdocs_server_log()
    signal.signal(signal.SIGTERM, _stop)  # `kill` stops it as Ctrl+C does: nothing left behind
    try:
        live.build()
        if not live.site_dir.is_dir():  # no good build yet: a page to carry the errors
            live.site_dir.mkdir(parents=True)
            (live.site_dir / "index.html").write_text(PLACEHOLDER, encoding="utf-8")
        live.after_build = lambda: watch_existing(server, inputs(project), watched)  # new folders, INHERIT
        live.after_build()
        print(f"serve: {site_url} (Ctrl+C to stop); watching {_names(project, watched)}", file=sys.stderr)
        server.serve()
    except KeyboardInterrupt:
        print("serve: stopped.", file=sys.stderr)
    finally:
        live.stop()
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _names(project: Project, paths: set[Path]) -> str:
    return ", ".join(sorted(project.display(p) + ("/" if p.is_dir() else "") for p in paths))
