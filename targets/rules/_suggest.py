"""The closest name to a misspelt one, for messages: "unknown metric 'x' (did you mean 'y'?)".

difflib compares a word with every candidate (a few microseconds each), so a programme of
sixty thousand metrics and a figures file naming thousands of unknown ones would take
hours to say so. Each pool of names is prepared once (`Suggestions`) for all the words
looked up in it, and the fuzzy match is bounded: it runs only over pools of at most
`FUZZY_POOL` names and for the first `FUZZY_WORDS` distinct words; past either bound a
word is matched only regardless of case.
"""

from __future__ import annotations

from collections.abc import Iterable

from targets._safe import quoted

__all__ = ["FUZZY_POOL", "FUZZY_WORDS", "Suggestions", "did_you_mean"]

FUZZY_POOL = 5000
"""Candidates a fuzzy match runs over at most (larger pools: case-insensitive matches)."""
FUZZY_WORDS = 50
"""Distinct words matched fuzzily in one pool; the others case-insensitively only."""
_LONGEST = 100
"""No name of ours is longer; a longer word is spared difflib."""


class Suggestions:
    """A pool of names, prepared at the first lookup (most runs have none) and once for
    all the lookups that follow (see the module's note)."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self._candidates = candidates
        self._pool: list[str] | None = None
        self._lowered: dict[str, str] | None = None
        self._fuzzy_left = FUZZY_WORDS
        self._said: dict[str, str] = {}

    def hint(self, word: str) -> str:
        """A ``" (did you mean 'x'?)"`` suffix, or ``""`` when nothing is close enough."""
        found = self._said.get(word)
        if found is None:
            found = self._said[word] = self._hint(word)
        return found

    def _hint(self, word: str) -> str:
        if len(word) > _LONGEST:
            return ""
        if self._pool is None:
            self._pool = sorted(set(self._candidates))
            if len(self._pool) > FUZZY_POOL:
                self._fuzzy_left = 0
        close: list[str] = []
        if self._fuzzy_left > 0:
            import difflib  # noqa: PLC0415 - a misspelt name only: start-up time

            self._fuzzy_left -= 1
            close = difflib.get_close_matches(word, self._pool, n=1, cutoff=0.6)
        if not close:
            if self._lowered is None:
                self._lowered = {c.lower(): c for c in self._pool}
            same = self._lowered.get(word.lower())
            close = [same] if same is not None else []
        return f" (did you mean {quoted(close[0])}?)" if close else ""


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix for one word, or ``""``; for many words looked
    up in one large pool, prepare it once with `Suggestions`."""
    return Suggestions(candidates).hint(word)
