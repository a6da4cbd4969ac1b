"""Insights: read, summarise and write insights/index.html in one go (`build.py insights`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..load.config import ConfigError, plain, settings
from .read import InsightsError, statements_from_file, statements_from_lrs
from .report import report_html
from .summarise import Summary, summarise

__all__ = ["InsightsError", "write_insights"]


def write_insights(
    config_file: Path, out: Path, lrs: str | None, auth: str | None, since: str | None, file: Path | None
) -> tuple[Path, Summary]:
    """Summarise the statements of the LRS (or the file) into out/index.html, replaced whole
    only once it is written: a failed read leaves the last report as it was."""
    statements = statements_from_file(file) if file else statements_from_lrs(lrs or "", auth, since)
    summary = summarise(statements)
    try:
        title = plain(settings(config_file).get("site_name"), None)
    except ConfigError:
        title = None  # the module's name from the statements
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out, suffix=".tmp", delete=False) as temp:
            temp.write(report_html(summary, title))
        target = out / "index.html"
        os.replace(temp.name, target)
    except OSError as exc:
        raise InsightsError(f"{out}: cannot write the report ({exc})") from None
    return target, summary
