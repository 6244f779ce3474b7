"""Reading numbers written by people: '76.000' and '4,2' (German) or '76,000' and '4.2' (English).

The notation of a file is decided from the values that can only be read one way ('4,2', '1.234.567',
'4.2') or by the user's explicit choice; never by the delimiter. A value that reads differently in
the two notations ('84,000' is 84000 in English and 84 in German) is read only when the file's
evidence decides it:

- the file's notation uses its separator for thousands ('84,000' in an English file): read so;
- the file's notation would make it a decimal mark with exactly three decimals ('84,000' in a German
  file): read so only if another value of the file has three or more decimals in that notation, since
  nobody writes 84 as '84,000' otherwise;
- the file shows no notation at all: not read.

Values that stay undecided are listed (NumberFormat.ambiguous) and the import stops there. Only
ASCII digits count as digits: '２０２４' is not a number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

GERMAN, ENGLISH = "de", "en"
STYLES = (GERMAN, ENGLISH)
DECIMAL_MARK = {GERMAN: ",", ENGLISH: "."}
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_PLAIN = re.compile(r"[+-]?[0-9]+")
_AMBIGUOUS = re.compile(r"[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}")
_STRICT = {
    GERMAN: re.compile(r"[+-]?([1-9][0-9]{0,2}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?"),
    ENGLISH: re.compile(r"[+-]?([1-9][0-9]{0,2}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?"),
}


def clean(text: str) -> str:
    """Without spaces, non-breaking spaces and apostrophes used as thousands separators."""
    return _SPACES.sub("", text.strip())


def is_ambiguous(text: str) -> bool:
    """'84,000', '1.620': one separator and exactly three digits after it, read differently in each
    notation."""
    return bool(_AMBIGUOUS.fullmatch(clean(text)))


def evidence(text: str) -> str | None:
    """'de' or 'en' if the text can only be read one way, None if plain, ambiguous or not a number."""
    token = clean(text)
    if _PLAIN.fullmatch(token) or _AMBIGUOUS.fullmatch(token):
        return None
    german, english = bool(_STRICT[GERMAN].fullmatch(token)), bool(_STRICT[ENGLISH].fullmatch(token))
    if german != english:
        return GERMAN if german else ENGLISH
    return None


def decimals(text: str, style: str) -> int:
    """How many decimals the text has when read in `style` (0 when it has no decimal mark)."""
    token = clean(text)
    mark = DECIMAL_MARK[style]
    return len(token.rsplit(mark, 1)[1]) if mark in token else 0


def parse_number(text: str, style: str) -> float | None:
    """The number in text under the style, or None if it is not a number in that style."""
    token = clean(text)
    if not _STRICT[style].fullmatch(token):
        return None
    if style == GERMAN:
        return float(token.replace(".", "").replace(",", "."))
    return float(token.replace(",", ""))


def other(style: str) -> str:
    return ENGLISH if style == GERMAN else GERMAN


@dataclass(frozen=True)
class NumberFormat:
    style: str  # 'de' or 'en': how the values were read
    reason: str  # for people, in English (the CLI prints it)
    conflicts: tuple[int, ...] = ()  # positions of values that contradict the file's notation
    code: str = ""  # forced, detected, whole, mixed, undecided: for translated messages
    ambiguous: tuple[int, ...] = ()  # positions of values that the file's evidence does not decide
    example: int | None = None  # position of a value that decided the notation
    example_text: str = ""  # that value as written
    three_decimals: bool = False  # a value of the file has three or more decimals in its notation


def detect(values: Sequence[str | None], forced: str | None = None) -> NumberFormat:
    """Decide the notation of a file's values (None for cells that are numbers already)."""
    texts = [v if isinstance(v, str) else "" for v in values]
    if forced:
        return NumberFormat(forced, f"set by --numbers {forced}", code="forced")
    votes = [evidence(t) if t else None for t in texts]
    german = [i for i, v in enumerate(votes) if v == GERMAN]
    english = [i for i, v in enumerate(votes) if v == ENGLISH]
    conflicts: tuple[int, ...] = ()
    if german and english:
        style = GERMAN if len(german) >= len(english) else ENGLISH
        conflicts = tuple(english if style == GERMAN else german)
        code, reason = "mixed", "mixed formats"
    elif german or english:
        style = GERMAN if german else ENGLISH
        code = "detected"
        reason = (
            "German number format (decimal comma) detected"
            if style == GERMAN
            else "English number format (decimal point) detected"
        )
    else:
        style, code, reason = "", "whole", "whole numbers only"
    decided = [i for i, v in enumerate(votes) if v == style] if style else []
    three = any(decimals(texts[i], style) >= 3 for i in decided)
    ambiguous = tuple(
        i
        for i, text in enumerate(texts)
        if text and is_ambiguous(text) and (not style or (DECIMAL_MARK[style] in clean(text) and not three))
    )
    if ambiguous and code == "whole":
        code, reason = "undecided", "some values could be read two ways and nothing in the file decides"
    return NumberFormat(
        style or ENGLISH,
        reason,
        conflicts,
        code=code,
        ambiguous=ambiguous,
        example=decided[0] if decided else None,
        example_text=texts[decided[0]] if decided else "",
        three_decimals=three,
    )


def read_typed(text: str, lang: str) -> float | None:
    """A number typed into a form: read in the page's notation; text that only the other notation
    explains ('4,2' on an English page) is read in that one. None if it is not a number."""
    style = GERMAN if lang == GERMAN else ENGLISH
    number = parse_number(text, style)
    if number is None and evidence(text) == other(style):
        number = parse_number(text, other(style))
    return number
