"""What is worked out from one item (its browser data, its map), kept between the builds
of `build.py serve`: an unchanged file's item is the same object from one build to the
next (check/cache.py), so its results are reused rather than rendered again. Off (every
call computed) unless serve switches it on; while on, the other arguments of a call are
taken to be the same from build to build (serve switches it off and on when settings change)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..load import model

Result = TypeVar("Result")
_kept: dict[tuple[str, int], tuple[model.Item, Any]] | None = None


def per_item(function: Callable[..., Result], item: model.Item, *args: Any) -> Result:
    if _kept is None:
        return function(item, *args)
    key = (function.__qualname__, id(item))
    found = _kept.get(key)
    if found is not None and found[0] is item:  # the same object: its file has not changed
        return found[1]
    result = function(item, *args)
    _kept[key] = (item, result)
    return result


def start() -> None:
    """Keep results from now on (again from nothing)."""
    global _kept
    _kept = {}


def stop() -> None:
    global _kept
    _kept = None


def keep_only(items: Iterable[model.Item]) -> None:
    """Forget the results of items that are no longer the project's."""
    if _kept is not None:
        live = {id(item) for item in items}
        for key in [key for key, (item, _) in _kept.items() if id(item) not in live]:
            del _kept[key]
