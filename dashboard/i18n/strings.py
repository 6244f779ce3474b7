"""Texts: one TOML file per page (or shared topic) per language, loaded once at start-up.

    dashboard/i18n/en/overview.toml      [overview]
                                         heading = "..."          -> key overview.heading
                                         entries = { one = "1 entry", other = "{count} entries" }

A table whose keys are CLDR plural categories (with `other`) is a plural text, chosen by Babel's
plural rules for the count. The region pack adds its own texts (pack.toml [texts] and [site]) over
these, and every text may use {region}: the home region's name in the reader's language.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from babel import Locale
from flask import Flask, current_app, has_app_context

from dashboard.i18n.locale import BABEL_LOCALES, LANGS, current, normalise_lang
from etl.pack import Pack

STRINGS_DIR = Path(__file__).resolve().parent
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})

Text = str | Mapping[str, str]  # a plain text, or plural forms by CLDR category


class _KeepMissing(dict):
    """format_map helper: an unknown placeholder stays visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _is_plural(value: object) -> bool:
    return isinstance(value, dict) and "other" in value and set(value) <= PLURAL_CATEGORIES


def _flatten(table: Mapping[str, object], prefix: str, into: dict[str, Text], where: Path) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, str) or _is_plural(value):
            if full in into:
                raise ValueError(f"{where}: text '{full}' is defined twice")
            into[full] = value  # type: ignore[assignment]
        elif isinstance(value, dict):
            _flatten(value, full, into, where)
        else:
            raise ValueError(f"{where}: '{full}' must be a text or a table of plural forms")


def read_folder(folder: Path) -> dict[str, Text]:
    """Every *.toml of one language folder, flattened to dotted keys."""
    found: dict[str, Text] = {}
    for path in sorted(folder.glob("*.toml")):
        _flatten(tomllib.loads(path.read_text(encoding="utf-8")), "", found, path)
    return found


class Catalog:
    """The texts of every language; immutable after start-up (pack texts are laid over once)."""

    def __init__(self, tables: Mapping[str, Mapping[str, Text]]) -> None:
        self._tables = {lang: MappingProxyType(dict(tables.get(lang, {}))) for lang in LANGS}
        self._defaults: dict[str, Mapping[str, str]] = {lang: {} for lang in LANGS}

    @classmethod
    def from_folder(cls, root: Path = STRINGS_DIR) -> Catalog:
        return cls({lang: read_folder(root / lang) for lang in LANGS})

    def with_overrides(
        self, overrides: Mapping[str, Mapping[str, str]], defaults: Mapping[str, Mapping[str, str]]
    ) -> Catalog:
        """A copy with a pack's texts laid over (overrides[lang][key]) and default placeholders."""
        merged = Catalog({lang: {**self._tables[lang], **overrides.get(lang, {})} for lang in LANGS})
        merged._defaults = {lang: dict(defaults.get(lang, {})) for lang in LANGS}
        return merged

    def keys(self, lang: str) -> set[str]:
        return set(self._tables[normalise_lang(lang)])

    def has(self, key: str) -> bool:
        return key in self._tables["en"]

    def lookup(self, key: str, lang: str) -> Text | None:
        return self._tables[normalise_lang(lang)].get(key) or self._tables["en"].get(key)

    def defaults(self, lang: str) -> Mapping[str, str]:
        return self._defaults[normalise_lang(lang)]


_default = Catalog.from_folder()
APP_KEY = "regiometer_texts"


def install(app: Flask, catalog: Catalog) -> None:
    """Give an app its texts (the app's with its pack's laid over): t() reads them in its requests."""
    app.extensions[APP_KEY] = catalog


def catalog() -> Catalog:
    """The texts of the app serving this request (outside an app: the texts without a pack)."""
    if has_app_context():
        return current_app.extensions.get(APP_KEY, _default)
    return _default


def for_pack(pack: Pack, base: Catalog | None = None) -> Catalog:
    """The app's texts with a pack's laid over: [site] as site.<key>, [texts] and texts/*.md as given,
    and {region} filled with the home region's name."""
    texts = {f"site.{key}": value for key, value in pack.site.items()} | pack.texts | pack.long_texts()
    overrides = {lang: {key: value.get(lang) for key, value in texts.items()} for lang in LANGS}
    defaults = {lang: {"region": pack.region_name(pack.home, lang)} for lang in LANGS}
    return (base or _default).with_overrides(overrides, defaults)


def _raw(key: str, lang: str) -> Text | None:
    return catalog().lookup(key, lang)


def has(key: str) -> bool:
    return catalog().has(key)


def _format(text: str, lang: str, fmt: Mapping[str, object]) -> str:
    if "{" not in text:
        return text
    values = _KeepMissing({**catalog().defaults(lang), **fmt})
    return text.format_map(values)


def t(key: str, lang: str | None = None, **fmt: object) -> str:
    """The text of `key` in the reader's language (or `lang`); English, then the key, if missing."""
    lang = normalise_lang(lang or current())
    text = _raw(key, lang)
    if text is None:
        return key
    if not isinstance(text, str):
        text = text["other"]
    return _format(text, lang, fmt)


def tn(key: str, count: int, lang: str | None = None, **fmt: object) -> str:
    """A counted text with the plural form CLDR gives for `count` ('1 Eintrag', '3 Einträge')."""
    lang = normalise_lang(lang or current())
    text = _raw(key, lang)
    if text is None:
        return key
    if not isinstance(text, str):
        form = Locale.parse(BABEL_LOCALES[lang]).plural_form(abs(count))
        text = text.get(form) or text["other"]
    from dashboard.i18n.formats import format_number  # formats import this module

    return _format(text, lang, {"count": format_number(count, lang), **fmt})


def missing(lang: str) -> list[str]:
    """Keys English has and `lang` lacks (a test keeps this empty)."""
    return sorted(catalog().keys("en") - catalog().keys(lang))
