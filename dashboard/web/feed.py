"""/feed.xml: an Atom feed (RFC 4287) of published changes, one entry per import run that changed
public values; /feed.xml?indicator=<slug> follows one indicator. ?lang=de words it in German.

Each entry names the indicators and their headline numbers before and after the run
(dashboard.data.feed). Ids are the feed's address and a fragment per run, so they stay the same
between requests; `updated` is when the run finished.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, abort, request

from dashboard import data
from dashboard.data import feed
from dashboard.i18n import format_period, format_value, normalise_lang, t, tn

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
SERVICES = {
    "eurostat": "Eurostat",
    "genesis": "GENESIS",
    "gisco": "GISCO",
    "kohesio": "Kohesio",
    "cordis": "CORDIS",
}
NAMES_IN_TITLE = 3

blueprint = Blueprint("feed", __name__)
ET.register_namespace("", ATOM)


def site_root() -> str:
    """The site's address: the configured public URL, else the one this request came to."""
    return (data.settings().public_url or request.host_url).rstrip("/")


def rfc3339(moment: datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _name(slug: str, lang: str) -> str:
    row = data.catalog().indicators.get(slug)
    return row.name(lang) if row else slug


def _value(headline: feed.Headline, unit: str, lang: str) -> str:
    value = format_value(headline.value, unit, lang, headline.qualifier, with_unit=True)
    return f"{value} ({format_period(headline.period, lang)})"


def _where(change: feed.Change, lang: str) -> str:
    parts = [data.label("regions", change.region, lang)]
    if change.breakdown:
        parts.append(data.label("entities", change.breakdown, lang))
    return ", ".join(part for part in parts if part)


def change_text(change: feed.Change, undo: bool, lang: str) -> str:
    """'Tech jobs (Testshire): 47,000 persons (2023) → 48,500 persons (2024); 1 new value, 1 revised.'"""
    row = data.catalog().indicators.get(change.indicator)
    unit = row.unit if row else ""
    head = f"{_name(change.indicator, lang)} ({_where(change, lang)})"
    if change.before and change.after and change.moved:
        numbers = t(
            "feed.moved",
            lang,
            before=_value(change.before, unit, lang),
            after=_value(change.after, unit, lang),
        )
    elif change.after and not change.before:
        numbers = t("feed.first", lang, after=_value(change.after, unit, lang))
    elif change.before and not change.after:
        numbers = t("feed.gone", lang, before=_value(change.before, unit, lang))
    elif change.after:
        numbers = t("feed.unchanged", lang, after=_value(change.after, unit, lang))
    else:
        numbers = ""
    if undo:
        counts = [("feed.restored", change.added), ("feed.withdrawn", change.closed - change.added)]
    else:
        counts = [("feed.new", change.added - change.revised), ("feed.revised", change.revised)]
    count_text = ", ".join(tn(key, count, lang) for key, count in counts if count > 0)
    return f"{head}: {'; '.join(p for p in (numbers, count_text) if p)}."


def entry_title(entry: feed.Entry, lang: str) -> str:
    moved = [c for c in entry.changes if c.before and c.after and c.moved]
    if len(entry.changes) == 1 and moved:
        change = moved[0]
        row = data.catalog().indicators.get(change.indicator)
        unit = row.unit if row else ""
        return t(
            "feed.title_one",
            lang,
            indicator=_name(change.indicator, lang),
            before=format_value(change.before.value, unit, lang, change.before.qualifier),  # type: ignore[union-attr]
            after=format_value(change.after.value, unit, lang, change.after.qualifier),  # type: ignore[union-attr]
        )
    names = [_name(c.indicator, lang) for c in entry.changes]
    shown = ", ".join(names[:NAMES_IN_TITLE])
    if len(names) > NAMES_IN_TITLE:
        shown = t("feed.and_more", lang, names=shown, count=len(names) - NAMES_IN_TITLE)
    return tn("feed.title_many", len(names), lang, names=shown)


def run_label(entry: feed.Entry, lang: str) -> str:
    kind = entry.kind if entry.kind in ("seed", "source", "staff", "edit", "undo") else "other"
    return t(f"feed.run.{kind}", lang, name=SERVICES.get(entry.source_name, entry.source_name))


def entry_html(entry: feed.Entry, lang: str) -> str:
    items = "".join(
        f"<li>{html.escape(change_text(c, entry.kind == 'undo', lang))}</li>" for c in entry.changes
    )
    return f"<p>{html.escape(run_label(entry, lang))}</p><ul>{items}</ul>"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom(entries: tuple[feed.Entry, ...], lang: str, indicator: str | None) -> bytes:
    root = site_root()
    query = urlencode(
        {k: v for k, v in (("indicator", indicator), ("lang", lang if lang != "en" else None)) if v}
    )
    self_url = f"{root}/feed.xml" + (f"?{query}" if query else "")
    feed_id = f"{root}/feed.xml" + (f"?{urlencode({'indicator': indicator})}" if indicator else "")
    page = f"{root}/about" + ("?lang=de" if lang == "de" else "") + "#about-changes"
    element = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(element, "id", feed_id)
    title = (
        t("feed.title_indicator", lang, indicator=_name(indicator, lang))
        if indicator
        else t("feed.title", lang)
    )
    _sub(element, "title", title)
    _sub(element, "subtitle", t("feed.subtitle", lang))
    newest = max((e.finished_at for e in entries), default=None)
    _sub(element, "updated", rfc3339(newest or datetime.now(UTC)))
    _sub(element, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(element, "link", rel="alternate", type="text/html", href=page)
    author = _sub(element, "author")
    _sub(author, "name", "Regiometer")
    _sub(author, "uri", f"{root}/")
    _sub(element, "generator", "Regiometer")
    for entry in entries:
        item = _sub(element, "entry")
        _sub(item, "id", f"{feed_id}#run-{entry.run_id}")
        _sub(item, "title", entry_title(entry, lang))
        _sub(item, "updated", rfc3339(entry.finished_at))
        _sub(item, "published", rfc3339(entry.finished_at))
        _sub(item, "link", rel="alternate", type="text/html", href=page)
        _sub(
            item,
            "summary",
            " ".join(change_text(c, entry.kind == "undo", lang) for c in entry.changes[:NAMES_IN_TITLE]),
        )
        _sub(item, "content", entry_html(entry, lang), type="html")
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


@blueprint.get("/feed.xml")
def atom_feed() -> Response:
    lang = normalise_lang(request.args.get("lang"))
    indicator = request.args.get("indicator") or None
    if indicator and not feed.known_indicator(indicator):
        abort(404, description=f"no indicator called '{indicator}'")
    body = atom(feed.entries(indicator), lang, indicator)
    response = Response(body, mimetype=MEDIA_TYPE)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
