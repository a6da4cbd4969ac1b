"""Each file's check result kept while the file is unchanged: `build.py serve` checks again
only the files that changed since its last build (and then every check across files)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .context import Context

Stamp = tuple[int, int]  # modification time (ns) and size


def file_stamp(path: Path) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class FileCache:
    def __init__(self) -> None:
        self._kept: dict[Path, tuple[Stamp | None, Any]] = {}
        self._context: Context | None = None

    def clear(self) -> None:
        """Forget every result: what a file's check reads besides the file has changed (an image, settings)."""
        self._kept.clear()

    def results(self, jobs: list[tuple[Path, str]], ctx: Context, keep_model: bool, check: Callable) -> list:
        """`check(jobs, ctx, keep_model)`'s results, calling it only for the files changed since the last call."""
        if ctx != self._context or not keep_model:
            self._kept.clear()
            self._context = ctx
        stamps = {path: file_stamp(path) for path, _ in jobs}
        changed = [(path, display) for path, display in jobs if self._kept.get(path, (None,))[0] != stamps[path]]
        if changed:
            for (path, _), result in zip(changed, check(changed, ctx, keep_model)):
                self._kept[path] = (stamps[path], result)
        self._kept = {path: self._kept[path] for path, _ in jobs}  # removed files are forgotten
        return [self._kept[path][1] for path, _ in jobs]
