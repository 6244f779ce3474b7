"""Typed errors. Every message says what went wrong, where, and what to do next.

A Problem carries a stable `code` and its `params` besides the English `message` and `fix`: the CLI
prints the English text, the editor renders the same problem in the reader's language from the
texts in etl.messages (see etl.messages.problem(), which builds problems from a code).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ERROR, WARNING, NOTE = "error", "warning", "note"
PROBLEMS_SHOWN = 50  # per kind in str(ValidationError); the CLI passes the setting


class RegiometerError(Exception):
    """Base class for errors shown to a user (CLI, editor) instead of a traceback.

    `code` and `params` (optional) let the editor show the message in the reader's language.
    """

    def __init__(self, message: str = "", *, code: str = "", params: Mapping | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params = dict(params or {})


class ConfigError(RegiometerError):
    """A setting is missing or invalid."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file or frame; row is 1-based as a spreadsheet shows it.

    severity is "error" (nothing is saved), "warning" (saved only when accepted) or "note" (said,
    never blocking). `current` is the value the warehouse holds for the row's key, if any.
    """

    message: str
    row: int | None = None
    column: str | None = None
    fix: str = ""
    code: str = ""
    params: Mapping = field(default_factory=dict, compare=False, hash=False)
    severity: str = ERROR

    @property
    def key(self) -> str:
        """Identifies a warning between a preview and the save that accepts it."""
        return f"{self.code}:{self.row}:{self.column}"

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        text = f"{prefix}: {self.message}" if prefix else self.message
        return f"{text} -> {self.fix}" if self.fix else text


def summarise(problems: Iterable[Problem], per_kind: int = PROBLEMS_SHOWN) -> list[str]:
    """One line per problem, at most `per_kind` of each kind (code), then how many more there are."""
    problems = list(problems)
    shown: Counter[str] = Counter()
    totals = Counter(p.code or p.message for p in problems)
    lines: list[str] = []
    for p in problems:
        kind = p.code or p.message
        shown[kind] += 1
        if shown[kind] <= per_kind:
            lines.append(f"  - {p}")
        elif shown[kind] == per_kind + 1:
            more = totals[kind] - per_kind
            noun = "row" if more == 1 else "rows"
            lines.append(f"  - ... and {more:,} more {noun} with the same problem ({kind})")
    return lines


class ValidationError(RegiometerError):
    """Input failed validation; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem], what: str = "input") -> None:
        self.problems = list(problems)
        self.what = what
        super().__init__(self.headline(), code="validation", params={"count": len(self.problems)})

    def headline(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"{self.what}: {count:,} {noun}; nothing was written."

    def report(self, per_kind: int = PROBLEMS_SHOWN) -> str:
        return "\n".join([self.headline(), *summarise(self.problems, per_kind)])

    def __str__(self) -> str:
        return self.report()


class WarningsNotAccepted(RegiometerError):
    """The input is valid but has plausibility warnings nobody accepted: nothing was written."""

    def __init__(self, warnings: list[Problem], what: str = "input") -> None:
        self.warnings = list(warnings)
        self.what = what
        count = len(self.warnings)
        super().__init__(
            f"{what}: {count:,} {'warning' if count == 1 else 'warnings'}; nothing was written. Check them; "
            "to save anyway, import again with --accept-warnings.",
            code="warnings_not_accepted",
            params={"count": count},
        )

    def report(self, per_kind: int = PROBLEMS_SHOWN) -> str:
        return "\n".join([str(self.args[0]), *summarise(self.warnings, per_kind)])

    def __str__(self) -> str:
        return self.report()


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
