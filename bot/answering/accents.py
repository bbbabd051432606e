"""Accents put back on unaccented Vietnamese questions, from the corpus's own wording."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bot.answering.glossary import has_diacritics
from index.text.normalize import fold

# Question words are rare in directives, so the corpus cannot tell how to accent them.
_QUESTION_ACCENTS = {
    "gi": "gì", "nao": "nào", "bao nhieu": "bao nhiêu", "bao gio": "bao giờ", "khi nao": "khi nào",
    "may": "mấy", "dau": "đâu", "ngay nao": "ngày nào", "lam gi": "làm gì", "la gi": "là gì",
    "ai ky": "ai ký", "nguoi ky": "người ký", "ky": "ký", "can": "cần", "can lam": "cần làm",
}


class AccentRestorer:
    """Puts accents back on unaccented Vietnamese using the corpus's own wording.

    "ai phu trach tuyen truyen" -> "ai phụ trách tuyên truyền": the dense model reads unaccented
    Vietnamese poorly. The corpus's most frequent accented spelling of each folded syllable
    sequence is the likeliest reading; sequences of up to three syllables give it context ("thu
    ngân sách", not "thứ ngân sách").
    """

    MAX_SYLLABLES = 3
    DOMINANT = 0.75

    def __init__(self, texts: Iterable[str]) -> None:
        counts: Counter[tuple[str, str]] = Counter()
        folded: dict[str, str] = {}   # fold() is slow per call; the vocabulary is small
        for text in texts:
            for run in re.split(r"[^\w\s]+|\n", text.lower()):
                syllables = run.split()
                keys = [folded.get(s) or folded.setdefault(s, fold(s)) for s in syllables]
                for n in range(1, self.MAX_SYLLABLES + 1):
                    counts.update((" ".join(keys[i: i + n]), " ".join(syllables[i: i + n]))
                                  for i in range(len(syllables) - n + 1))
        best: dict[str, tuple[int, str]] = {}
        totals: Counter[str] = Counter()
        for (key, form), count in counts.items():
            totals[key] += count
            if count > best.get(key, (0, ""))[0]:
                best[key] = (count, form)
        # A lone syllable without context is restored only when one spelling clearly dominates:
        # guessing "thủ độ" for "thu do" (thủ đô? thu đó?) misleads the dense model more than the
        # unaccented syllables do.
        self.best = {key: (count, form) for key, (count, form) in best.items()
                     if " " in key or count >= self.DOMINANT * totals[key]}
        self.best.update({key: (1_000_000, form) for key, form in _QUESTION_ACCENTS.items()})

    def restore(self, text: str) -> str:
        """The text with its unaccented word sequences given their usual accents."""
        if has_diacritics(text):
            return text
        return re.sub(r"\w+(?: \w+)*", lambda m: self._restore_run(m.group(0).split(" ")), text)

    def _restore_run(self, words: list[str]) -> str:
        # Each word takes its reading from the longest (then most frequent) known sequence covering
        # it, so context on either side decides: "thu" in "thu ngân sách" stays "thu", not "thủ".
        best: list[tuple[int, int, str]] = [(0, 0, w) for w in words]
        for n in range(1, self.MAX_SYLLABLES + 1):
            for start in range(len(words) - n + 1):
                key = " ".join(w.lower() for w in words[start: start + n])
                count, form = self.best.get(key, (0, ""))
                if not count:
                    continue
                for offset, syllable in enumerate(form.split(" ")):
                    if (n, count) > best[start + offset][:2]:
                        best[start + offset] = (n, count, syllable)
        return " ".join(_same_case(w, b[2]) for w, b in zip(words, best, strict=True))


def _same_case(original: str, restored: str) -> str:
    if original.isupper() and len(original) > 1:
        return restored.upper()
    return restored.capitalize() if original[:1].isupper() else restored
