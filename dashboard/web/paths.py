"""Paths taken from query values (redirects, 'open in Regiometer' links): only site-relative paths."""

from __future__ import annotations

from urllib.parse import urlsplit


def site_relative(value: str | None, default: str = "/") -> str:
    """A path on this site, or `default`: nothing that could leave the site or run script
    ('javascript:', '//host', '/\\\\host', control characters browsers drop, a scheme or a host)."""
    text = value or ""
    parts = urlsplit(text)
    if (
        not text.startswith("/")
        or text.startswith("//")
        or "\\" in text
        or any(ord(c) < 0x21 or ord(c) == 0x7F for c in text)  # browsers drop tabs/newlines: "/\t/x"
        or parts.scheme
        or parts.netloc
    ):
        return default
    return text
