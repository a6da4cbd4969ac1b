"""'Did you mean' suggestions for misspelt keys, ids and names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word`, if one is close enough to be what was meant."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return " Did you mean 'x'?" for the closest candidate, or ''."""
    match = closest(word, candidates)
    return f" Did you mean '{match}'?" if match else ""


def follows_from_duplicate(word: str, candidates: Iterable[str], defined_twice: Iterable[str]) -> bool:
    """Whether 'did you mean' for `word` would name something defined twice. Then the second
    definition was most likely meant to be `word`: the duplicate's own message says so, and a
    hint here would point to the wrong fix."""
    return closest(word, candidates) in set(defined_twice)
