"""Typed errors. Every message says what went wrong, where, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass


class RegiometerError(Exception):
    """Base class for errors shown to a user (CLI, editor) instead of a traceback."""


class ConfigError(RegiometerError):
    """A setting is missing or invalid."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file or frame; row is 1-based as a spreadsheet shows it."""

    message: str
    row: int | None = None
    column: str | None = None
    fix: str = ""

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        text = f"{prefix}: {self.message}" if prefix else self.message
        return f"{text} -> {self.fix}" if self.fix else text


class ValidationError(RegiometerError):
    """Input failed validation; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem], what: str = "input") -> None:
        self.problems = list(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{what}: {count} {noun}; nothing was written.\n{lines}")


class SourceError(RegiometerError):
    """A source could not be fetched or parsed."""

    def __init__(self, source: str, message: str, url: str | None = None) -> None:
        self.source = source
        self.message = message
        self.url = url
        where = f" ({url})" if url else ""
        super().__init__(f"{source}{where}: {message}")


class HTTPStatusError(SourceError):
    """A non-2xx answer from an upstream service."""

    def __init__(self, source: str, status: int, url: str, detail: str = "") -> None:
        self.status = status
        message = f"HTTP {status}" + (f": {detail}" if detail else "")
        super().__init__(source, message, url)


class TryLaterError(SourceError):
    """The service accepted the request but has no data yet (asynchronous extraction, job queued)."""


class CredentialsMissingError(SourceError):
    """A source that needs an account was run without one."""
