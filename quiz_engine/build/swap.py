"""Build stage, last step: the new site takes the old one's place whole, or not at all."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

from .errors import BuildFailed

AT_FDCWD, RENAME_EXCHANGE = -100, 2  # from Linux's <fcntl.h> and <linux/fs.h>


def _exchange(built: Path, site_dir: Path) -> bool:
    """Swap the two folders in one step (Linux's renameat2 with RENAME_EXCHANGE), so a
    web server publishing `site_dir` never finds it missing. False where the system or
    the file system cannot; the caller then falls back to two renames."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux, or a C library without it
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    return renameat2(AT_FDCWD, os.fsencode(built), AT_FDCWD, os.fsencode(site_dir), RENAME_EXCHANGE) == 0


def swap_into_place(built: Path, site_dir: Path, staging: Path) -> None:
    """The old site is replaced whole or not at all: in one exchange where the system
    allows it (the old site then lies in `built`, removed with the staging folder), else
    by two renames on one file system, with `site_dir` missing for a moment between them."""
    if site_dir.is_dir() and not site_dir.is_symlink() and _exchange(built, site_dir):
        return
    old = staging / "old-site"
    if site_dir.exists():
        try:
            site_dir.rename(old)
        except OSError as exc:
            raise BuildFailed(f"cannot move the old site aside ({exc})") from None
    try:
        built.rename(site_dir)
    except OSError as exc:
        if old.exists():
            old.rename(site_dir)
        raise BuildFailed(f"cannot move the new site into place ({exc})") from None
