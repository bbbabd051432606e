"""Pre-Unicode Vietnamese encodings (TCVN3/ABC, VNI-Windows, Windows-1258) and a Vietnamese scorer.

Offices still receive .txt exports typed in the 1990s font-based encodings. Those bytes decode
without error as cp1252, so the only way to tell the encodings apart is to try each and count how
much of the result reads as Vietnamese syllables; `vietnamese_score` does that counting.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# TCVN 5712:1993 VN3 ("ABC", fonts .VnTime): one byte per precomposed letter. The byte values are
# given as the cp1252 (= Latin-1 here) character they show as, so one table serves bytes and
# mojibake text alike. VN3 has no upper-case toned letters: ABC users switched to the .VnTimeH
# font, whose glyphs are capitals for these same lower-case codes.
_TCVN3_ROWS = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),   # à ả ã á ạ (tone order: grave, hook, tilde, acute, dot)
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONE_MARKS = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # same order as the rows above
_TCVN3_PLAIN = {0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
                0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ"}


def _tcvn3_table() -> dict[str, str]:
    table = {chr(code): letter for code, letter in _TCVN3_PLAIN.items()}
    for base, codes in _TCVN3_ROWS.items():
        for code, mark in zip(codes, _TONE_MARKS, strict=True):
            table[chr(code)] = unicodedata.normalize("NFC", base + mark)
    return table


TCVN3_TO_UNICODE: dict[str, str] = _tcvn3_table()
UNICODE_TO_TCVN3: dict[str, str] = {v: k for k, v in TCVN3_TO_UNICODE.items()}
_TCVN3_TRANSLATE = str.maketrans(TCVN3_TO_UNICODE)

# VNI-Windows: a base letter followed by one modifier byte (tone, or hat/breve, or both in one).
# Lower-case modifiers follow lower-case bases, upper-case modifiers follow capitals.
_VNI_TONES_LOWER = {"\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0301": "ù", "\u0323": "ï"}
_VNI_HAT_LOWER = {"\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0301": "á", "\u0323": "ä", "": "â"}
_VNI_BREVE_LOWER = {"\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0301": "é", "\u0323": "ë", "": "ê"}
# Letters VNI writes as a single byte: i with tones, ơ, ư, đ, ỵ.
_VNI_SINGLE = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ơ": "ô", "ư": "ö", "đ": "ñ", "ỵ": "î",
               "Í": "Í", "Ì": "Ì", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò", "Ơ": "Ô", "Ư": "Ö", "Đ": "Ñ", "Ỵ": "Î"}


def _vni_table() -> dict[str, str]:
    """Map each Vietnamese letter to its VNI-Windows spelling (as cp1252 characters)."""
    table = dict(_VNI_SINGLE)
    for mark, mod in _VNI_TONES_LOWER.items():
        for base in "aeouy":   # setdefault: ỵ keeps its single byte from _VNI_SINGLE
            table.setdefault(unicodedata.normalize("NFC", base + mark), base + mod)
        for base, vni_base in (("ơ", "ô"), ("ư", "ö")):
            table[unicodedata.normalize("NFC", base + mark)] = vni_base + mod
    for hat_base, vowels in (("\u0302", "aeo"), ("\u0306", "a")):
        mods = _VNI_HAT_LOWER if hat_base == "\u0302" else _VNI_BREVE_LOWER
        for mark, mod in mods.items():
            for base in vowels:
                table[unicodedata.normalize("NFC", base + hat_base + mark)] = base + mod
    for letter, spelled in list(table.items()):
        upper = letter.upper()
        if upper != letter and upper not in table:
            table[upper] = spelled.upper()
    return table


UNICODE_TO_VNI: dict[str, str] = _vni_table()
VNI_TO_UNICODE: dict[str, str] = {v: k for k, v in UNICODE_TO_VNI.items()}
# Longest spelling first, so "ôù" (ớ) wins over "ô" (ơ).
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))


# cp1252 leaves five bytes undefined; a legacy file may still contain them, so they pass as Latin-1.
_CP1252_HOLES = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_C1_TO_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in _CP1252_HOLES}


def bytes_as_cp1252(data: bytes) -> str:
    """Bytes as the characters a Windows font-encoding user saw (cp1252, holes as Latin-1)."""
    return data.decode("latin-1").translate(_C1_TO_CP1252)


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text (bytes shown as cp1252 characters) to Unicode."""
    return text.translate(_TCVN3_TRANSLATE)


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text (bytes shown as cp1252 characters) to Unicode."""
    return _VNI_RE.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


def encode_tcvn3(text: str) -> bytes:
    """Unicode to TCVN3 bytes (used to build fixtures). Raises ValueError on unencodable letters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        code = UNICODE_TO_TCVN3.get(ch, ch)
        try:
            out.append(code.encode("cp1252"))
        except UnicodeEncodeError as exc:
            raise ValueError(f"{ch!r} has no TCVN3 code") from exc
    return b"".join(out)


def encode_vni(text: str) -> bytes:
    """Unicode to VNI-Windows bytes. Raises ValueError on characters VNI cannot spell."""
    spelled = "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
    try:
        return spelled.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{exc.object[exc.start]!r} has no VNI spelling") from exc


def encode_cp1258(text: str) -> bytes:
    """Unicode to Windows-1258 the way Windows writes it: base letter (with hat/horn) + tone mark."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        out.append((base + tones).encode("cp1258"))   # raises for non-Vietnamese letters, on purpose
    return b"".join(out)


# ---------------------------------------------------------------------------------------------
# Scoring: how Vietnamese does a decoding look?

# Onset, vowel cluster (only the clusters Vietnamese spelling allows), coda. Mis-decoded text is
# full of impossible clusters such as "oọ" or "aø", which is what makes this a good detector.
_VOWEL_CLUSTERS = (
    "iêu yêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu ai ao au ay âu ây eo êu ia iê iu oa oă oe "
    "oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê a ă â e ê i o ô ơ u ư y"
).split()
_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:" + "|".join(_VOWEL_CLUSTERS) + r")(ch|ng|nh|[cmnpt])?"
)
# Syllables closed by a stop consonant only take the acute or the dot-below tone.
_STOP_TONES = frozenset(("", "\u0301", "\u0323"))
# Frequent words of administrative prose; a correct decoding is full of them.
COMMON_WORDS = frozenset(
    "của và các ngày thực hiện năm được công tác hành chính cải cách tỉnh theo quy định trong những "
    "việc với có là đã để người dân số tháng kính gửi về đơn vị phòng sở huyện xã nhiệm vụ kế hoạch "
    "báo cáo trước giao chủ trì phối hợp triển khai đến tại này cho không một cơ quan".split()
)
_EDGE_PUNCT = string.punctuation + "“”‘’…–—«»"


@dataclass(frozen=True)
class VietScore:
    """Counts over the word tokens (tokens with digits are ignored: codes, dates)."""

    tokens: int
    syllables: int      # tokens that are well-formed Vietnamese syllables
    marked: int         # of those, ones carrying Vietnamese diacritics
    common: int         # tokens from COMMON_WORDS

    @property
    def value(self) -> int:
        """Ranking value: good syllables and common words up, malformed tokens down."""
        return self.syllables + 2 * self.common - 2 * (self.tokens - self.syllables)

    def is_clear(self) -> bool:
        """True when the text is unmistakably Vietnamese."""
        if self.tokens == 0 or self.syllables < 0.7 * self.tokens:
            return False
        return self.common >= 1 or self.marked >= 3


def is_syllable(word: str) -> bool:
    """A lower-case token that is one well-formed Vietnamese syllable with at most one tone."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in decomposed if c in _TONE_MARKS)
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    match = _SYLLABLE_RE.fullmatch(base)
    if match is None:
        return False
    return match.group(1) not in ("c", "ch", "p", "t") or tones in _STOP_TONES


def vietnamese_score(text: str) -> VietScore:
    """Score a candidate decoding (see VietScore)."""
    tokens = syllables = marked = common = 0
    for raw in text.split():
        word = raw.strip(_EDGE_PUNCT).lower()
        if not word or any(c.isdigit() for c in word):
            continue
        tokens += 1
        if is_syllable(word):
            syllables += 1
            marked += not word.isascii()
            common += word in COMMON_WORDS
    return VietScore(tokens, syllables, marked, common)


# ---------------------------------------------------------------------------------------------
# Choosing a decoding

SAMPLE_SIZE = 64 * 1024   # scoring is per token: the head of a file decides as well as all of it


def _head_bytes(data: bytes) -> bytes:
    cut = data.rfind(b"\n", 0, SAMPLE_SIZE) if len(data) > SAMPLE_SIZE else -1
    return data[:cut] if cut > 0 else data[:SAMPLE_SIZE]


def _head_text(text: str) -> str:
    cut = text.rfind("\n", 0, SAMPLE_SIZE) if len(text) > SAMPLE_SIZE else -1
    return text[:cut] if cut > 0 else text[:SAMPLE_SIZE]


def _lossy_utf8(data: bytes) -> str:
    """A UTF-8 file with a few damaged bytes is still best read as UTF-8."""
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(2, len(text) // 200):
        raise UnicodeDecodeError("utf-8", data, 0, len(data), "too many invalid bytes")
    return text


_LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {
    "tcvn3": lambda data: tcvn3_to_unicode(bytes_as_cp1252(data)),
    "vni": lambda data: vni_to_unicode(bytes_as_cp1252(data)),
    "cp1258": lambda data: unicodedata.normalize("NFC", data.decode("cp1258")),
    "utf-8-lossy": _lossy_utf8,
}


def decode_legacy(data: bytes) -> str | None:
    """Decode non-UTF-8 bytes with the 8-bit encoding that reads most like Vietnamese.

    None when no candidate is clearly Vietnamese: guessing would hand garbage to the parser.
    """
    sample = _head_bytes(data)
    best: tuple[int, str] | None = None
    for codec, decode in _LEGACY_DECODERS.items():
        try:
            score = vietnamese_score(decode(sample))
        except UnicodeDecodeError:
            continue
        if score.is_clear() and (best is None or score.value > best[0]):
            best = (score.value, codec)
    if best is None:
        return None
    try:
        return _LEGACY_DECODERS[best[1]](data)
    except UnicodeDecodeError:
        return None


_REPAIRS: tuple[Callable[[str], str], ...] = (
    tcvn3_to_unicode,
    vni_to_unicode,
    lambda text: text.encode("cp1252").decode("utf-8"),   # UTF-8 once read as cp1252 and re-saved
)


def repair_mojibake(text: str) -> str:
    """Valid UTF-8 can still hold legacy text (TCVN3/VNI pasted into a Unicode editor, or UTF-8
    read as cp1252 and saved again). Convert only when the text is not Vietnamese as it stands."""
    if text.isascii():
        return text
    sample = _head_text(text)
    as_is = vietnamese_score(sample)
    if as_is.is_clear():
        return text
    for repair in _REPAIRS:
        try:
            score = vietnamese_score(repair(sample))
            if score.is_clear() and score.value > as_is.value:
                return repair(text)
        except UnicodeError:
            continue
    return text
