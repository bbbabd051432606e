"""What a question states about the document it means, beyond its number: the type and the place.

"Ai ký quyết định … của tỉnh Sơn La?" is about a quyết định of Sơn La: a công điện of the Prime
Minister, or a quyết định of another province, is no reading of it however well its words match.
Such clauses are dropped before any extractor looks at them, so a question about a document the
corpus lacks is refused rather than answered from the nearest one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from index.store.models import Clause, Document
from index.text.normalize import fold
from index.text.vocabulary import ANY_DOCUMENT, ASKED_TYPES

# Administrative places as officials write them: a level word, then the capitalised name
# ("tỉnh Sơn La", "thành phố Cần Thơ", "TP. Hồ Chí Minh"). A lower-case word ends the name, so
# "thành phố trực thuộc trung ương" names no place; unaccented questions typed in lower case give
# no place and no constraint.
_PLACE = re.compile(r"\b(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|đặc khu)\s+(?=((?:[\w-]+\s*){1,4}))")
_NAME_WORDS = 4
# The types a signer question can name its document by; "văn bản" names any.
_TYPES = tuple(fold(t) for t in ASKED_TYPES if t != ANY_DOCUMENT)
_TYPE = re.compile(r"\b(" + "|".join(_TYPES) + r")\b")


@dataclass(frozen=True)
class Constraints:
    """The document types (folded) and places (folded) a question names."""

    types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    def admits(self, doc: Document, clause: Clause, header: str, whole_document: bool) -> bool:
        """Whether the clause of the document can be what a question about a whole document (its
        signer, author) is about: every place named is in its header or its own words, and one type
        named is the document's, or its subject's ("Quyết định ban hành Kế hoạch …"). A question
        about a task is not restricted: its place may be the task's subject ("… cho công chức cấp
        xã của tỉnh X") in a national document, and stays one of its words to match."""
        if not whole_document:
            return True
        if self.places:
            context = _folded(" ".join([header, *clause.headings, clause.text, *clause.footnotes.values()]))
            if not all(p in context for p in self.places):
                return False
        if self.types:
            kinds = f"{fold(doc.doc_type)} {fold(doc.subject)} {fold(doc.title)}".lower()
            return any(t in kinds for t in self.types)
        return True


@functools.lru_cache(maxsize=256)
def constraints_of(question: str, vietnamese: str) -> Constraints:
    """The constraints of a question, read from its own wording (places keep their capitals) and from
    its Vietnamese wording (types, also of English questions after the glossary)."""
    places = tuple(dict.fromkeys(p for m in _PLACE.finditer(question) if (p := _name(m.group(1)))))
    types = tuple(dict.fromkeys(m.group(1) for m in _TYPE.finditer(fold(vietnamese).lower())))
    return Constraints(types, places)


def _name(words: str) -> str:
    """The capitalised words that open words ("Sơn La" of "Sơn La tháng 11"), folded; "" if none."""
    name = []
    for word in words.split()[:_NAME_WORDS]:
        if not word[0].isupper() or word.isupper() and len(word) > 1:   # an acronym ends it too
            break
        name.append(word)
    return fold(" ".join(name)).lower()


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return " ".join(fold(text).lower().split())
