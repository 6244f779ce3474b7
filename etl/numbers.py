"""Reading numbers written by people: '76.000' and '4,2' (German) or '76,000' and '4.2' (English).

The format is decided once per file from the values that can only be read one way. A file whose
every separator is ambiguous ('76.000' alone) is decided by its delimiter (';' files come from
German spreadsheets) and the decision is reported, never made silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

GERMAN, ENGLISH = "de", "en"
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_PLAIN = re.compile(r"^[+-]?\d+$")
_GERMAN = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$|^[+-]?\d{1,3}(\.\d{3}){2,}$")
_ENGLISH = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)\.\d+$|^[+-]?\d{1,3}(,\d{3}){2,}$")
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")


def _clean(text: str) -> str:
    return _SPACES.sub("", text.strip())


def evidence(text: str) -> str | None:
    """'de' or 'en' if the text can only be read one way, None if plain or ambiguous."""
    token = _clean(text)
    if _PLAIN.match(token) or _AMBIGUOUS.match(token):
        return None
    if _GERMAN.match(token):
        return GERMAN
    if _ENGLISH.match(token):
        return ENGLISH
    return None


@dataclass(frozen=True)
class NumberFormat:
    style: str  # 'de' or 'en'
    reason: str  # for people, in English (the CLI prints it)
    conflicts: tuple[int, ...] = ()  # positions of values that contradict the chosen style
    code: str = ""  # forced, mixed, detected, whole, ambiguous: for translated messages


def detect(values: Iterable[str], delimiter: str = ",", forced: str | None = None) -> NumberFormat:
    texts = list(values)
    if forced:
        return NumberFormat(forced, f"set by --numbers {forced}", code="forced")
    votes = [evidence(t) for t in texts]
    german = [i for i, v in enumerate(votes) if v == GERMAN]
    english = [i for i, v in enumerate(votes) if v == ENGLISH]
    if german and english:
        style = GERMAN if len(german) >= len(english) else ENGLISH
        minority = tuple(english if style == GERMAN else german)
        return NumberFormat(style, "mixed formats", minority, code="mixed")
    if german:
        return NumberFormat(GERMAN, "German number format (decimal comma) detected", code="detected")
    if english:
        return NumberFormat(ENGLISH, "English number format (decimal point) detected", code="detected")
    ambiguous = any(_AMBIGUOUS.match(_clean(t)) for t in texts)
    style = GERMAN if delimiter == ";" else ENGLISH
    if not ambiguous:
        return NumberFormat(style, "whole numbers only", code="whole")
    sample = "76.000 = 76000" if style == GERMAN else "76,000 = 76000"
    return NumberFormat(
        style,
        f"values like '76.000' could be read two ways; read as {'German' if style == GERMAN else 'English'} "
        f"({sample}) because the file is '{delimiter}'-separated. Use --numbers de|en to override.",
        code="ambiguous",
    )


_STRICT = {
    GERMAN: re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$"),
    ENGLISH: re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$"),
}


def parse_number(text: str, style: str) -> float | None:
    """The number in text under the file's style, or None if it is not a number in that style."""
    token = _clean(text)
    if not _STRICT[style].match(token):
        return None
    if style == GERMAN:
        return float(token.replace(".", "").replace(",", "."))
    return float(token.replace(",", ""))
