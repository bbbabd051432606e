"""Word tokens of questions and clauses, and how much each word counts as evidence (its rarity over clauses)."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.answering.glossary import canonical

# A number (with its separators and a percent sign) or a word of letters.
WORD = re.compile(r"\d+(?:[/.,:]\d+)*%?|[^\W\d_][\w&]*")
# A key word no more clauses than this share of the corpus contain is distinctive: a question about
# it that the chosen clause does not mention is probably about something the corpus does not cover.
RARE_SHARE = 0.01


def words(text: str) -> list[str]:
    """Canonical (folded, abbreviated) word tokens of a text."""
    return list(_words(text))


@functools.lru_cache(maxsize=8192)
def word_set(text: str) -> frozenset[str]:
    """The words and word pairs of a text, for membership tests."""
    tokens = list(_words(text))
    return frozenset(tokens) | frozenset(word_pairs(tokens))


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    # The same clause texts are compared with question after question: fold them once.
    return tuple(WORD.findall(canonical(text)))


def word_pairs(tokens: list[str]) -> list[str]:
    """Each pair of neighbouring tokens, as "a b"."""
    return [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


@dataclass
class TermWeights:
    """Inverse document frequency over clauses: rare words are strong evidence, common ones weak."""

    df: Counter[str] = field(default_factory=Counter)
    n_docs: int = 0

    @classmethod
    def from_texts(cls, texts: Iterable[str], folded: bool = False) -> TermWeights:
        """One text per clause; folded=True when the texts are already accent-folded."""
        weights = cls()
        for text in texts:
            tokens = WORD.findall(canonical(text, folded))
            weights.df.update(set(tokens) | set(word_pairs(tokens)))
            weights.n_docs += 1
        return weights

    def rare(self, term: str) -> bool:
        """Contained in no more than RARE_SHARE of the clauses (unseen words always)."""
        return self.df.get(term, 0) <= RARE_SHARE * self.n_docs

    def __call__(self, term: str) -> float:
        if not self.n_docs:
            return 1.0
        # Unseen words get the highest weight: a question about something no clause mentions
        # ("giá xăng") must lose most of its evidence.
        return math.log(1 + (self.n_docs + 1) / (self.df.get(term, 0) + 0.5))
