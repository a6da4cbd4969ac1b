"""A project on disk: mkdocs.yml beside docs/ and scenarios/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Project:
    root: Path
    config_file: Path
    docs_dir: Path
    scenarios_dir: Path

    @classmethod
    def at(cls, config_file: Path) -> Project:
        config_file = config_file.resolve()
        root = config_file.parent
        return cls(root, config_file, root / "docs", root / "scenarios")

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
