"""The site engines' one small interface. The build stages the docs once (staging.py);
each engine, a module in engines/ with a `build(staged)` function, turns that staged
folder into a site. Adding an engine is adding a module there: `--engine NAME` and
`extra.engine: NAME` in mkdocs.yml find it by its file name."""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Protocol

from . import engines
from .errors import BuildFailed

if TYPE_CHECKING:
    from .staging import Staged

DEFAULT_ENGINE = "mkdocs"


class Engine(Protocol):
    def build(self, staged: Staged) -> None:
        """Write the site into `staged.site_dir`; raise BuildFailed with a reason if it cannot."""


def engine_names() -> list[str]:
    return sorted(module.name for module in pkgutil.iter_modules(engines.__path__))


def load_engine(name: str) -> Engine:
    if name not in engine_names():
        raise BuildFailed(f"there is no site engine '{name}'; choose one of: {', '.join(engine_names())}.")
    return importlib.import_module(f"{engines.__name__}.{name}")  # type: ignore[return-value]
