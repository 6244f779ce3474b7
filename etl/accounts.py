"""Staff accounts without I/O: password hashing (scrypt), name/role/password rules, login throttling.

Hashes are stored as "scrypt$n$r$p$salt_b64$hash_b64" so that the cost can be raised later without
breaking stored hashes (verify reads the parameters from the stored text). Nothing here logs or
returns a password; errors name the rule that failed, never the value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from functools import lru_cache

from etl.errors import RegiometerError

ROLES = ("editor", "admin")
ROLE_RANK = {"editor": 1, "admin": 2}  # an admin may do everything an editor may
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # longer inputs are refused before hashing (no CPU burning with huge bodies)
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]{1,63}")

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, KEY_BYTES = 16, 32
_MAX_N = 2**20  # refuse stored parameters that would need more than ~1 GiB (a tampered row)


class AccountError(RegiometerError):
    """An account operation was refused (invalid name, weak password, duplicate or unknown user)."""


def normalise_name(name: str) -> str:
    """Names are case-insensitive: ' Anna ' and 'anna' are one account."""
    return (name or "").strip().lower()


def validate_name(name: str) -> str:
    """The normalised name, or AccountError saying which characters are allowed."""
    clean = normalise_name(name)
    if not NAME_PATTERN.fullmatch(clean):
        raise AccountError(
            "a user name has 2 to 64 characters: letters a-z, digits and . _ @ - "
            "(starting with a letter or digit)"
        )
    return clean


def validate_role(role: str) -> str:
    clean = (role or "").strip().lower()
    if clean not in ROLES:
        raise AccountError(f"unknown role '{role}'; choose one of: {', '.join(ROLES)}")
    return clean


def has_role(actual: str, required: str) -> bool:
    """True when a user with role `actual` may do what needs `required` (admin includes editor)."""
    return ROLE_RANK.get(actual, 0) >= ROLE_RANK.get(required, len(ROLE_RANK) + 1)


def password_problems(password: str, name: str = "") -> list[str]:
    """Every rule the password breaks (empty when it is acceptable). Never contains the password."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(f"a password has at most {MAX_PASSWORD_LENGTH} characters")
    if password and not password.strip():
        problems.append("a password cannot be only spaces")
    if password and len(set(password)) < 3:
        problems.append("a password needs at least three different characters")
    clean_name = normalise_name(name)
    if len(clean_name) >= 3 and clean_name in password.lower():
        problems.append("a password must not contain the user name")
    return problems


def check_password(password: str, name: str = "") -> None:
    problems = password_problems(password, name)
    if problems:
        raise AccountError("weak password: " + "; ".join(problems))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2**20, dklen=KEY_BYTES
    )


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A salted scrypt hash in the stored format "scrypt$n$r$p$salt_b64$hash_b64"."""
    salt = secrets.token_bytes(SALT_BYTES)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(_scrypt(password, salt, n, r, p))}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = (stored or "").split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, digest = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    if not (1 < n <= _MAX_N and n & (n - 1) == 0 and 0 < r <= 32 and 0 < p <= 16 and salt and digest):
        return None
    return n, r, p, salt, digest


def verify_password(password: str, stored: str) -> bool:
    """True if the password matches the stored hash; a malformed hash never matches."""
    parsed = _parse(stored)
    if parsed is None or len(password) > MAX_PASSWORD_LENGTH:
        return False
    n, r, p, salt, digest = parsed
    return hmac.compare_digest(_scrypt(password, salt, n, r, p), digest)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def burn_verify_time(password: str) -> None:
    """Spend the time of one verification, so an unknown name answers as slowly as a known one."""
    verify_password(password, _dummy_hash())


class Throttle:
    """Counts login attempts per key (an account, an address) in a sliding window and locks keys out.

    begin() counts an attempt for every key *before* the password is checked, and refuses (without
    counting) while a key is locked: parallel attempts can never check more than `limit` passwords.
    A right password takes its attempt back (succeed()). After `limit` counted attempts within
    `window` seconds a key is locked for `lockout` seconds; a lockout that has ended starts the count
    afresh. fail() counts a failure after the fact (the older way; kept for callers that need it).
    The state is in memory: per process, empty after a restart. Thread-safe.
    """

    def __init__(
        self,
        limit: int = 5,
        window: float = 15 * 60,
        lockout: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.limit, self.window, self.lockout = limit, window, lockout
        self.clock, self.max_keys = clock, max_keys
        self._failures: dict[Hashable, deque[float]] = {}
        self._locked_until: dict[Hashable, float] = {}
        self._lock = threading.Lock()

    def retry_after(self, *keys: Hashable) -> float:
        """Seconds until the longest lockout among keys ends; 0 when none is locked."""
        now = self.clock()
        with self._lock:
            return self._wait(now, keys)

    def _wait(self, now: float, keys: tuple[Hashable, ...]) -> float:
        until = max((self._locked_until.get(key, 0.0) for key in keys), default=0.0)
        return max(0.0, until - now)

    def locked(self, *keys: Hashable) -> bool:
        return self.retry_after(*keys) > 0

    def _count(self, now: float, key: Hashable) -> None:
        if key in self._locked_until and self._locked_until[key] <= now:
            del self._locked_until[key]  # the lockout is over: count afresh
            self._failures.pop(key, None)
        failures = self._failures.setdefault(key, deque())
        failures.append(now)
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if len(failures) >= self.limit:
            self._locked_until[key] = now + self.lockout

    def begin(self, *keys: Hashable) -> tuple[float, float]:
        """(0, ticket) when the attempt may check a password (it is counted already), else
        (seconds to wait, 0) and nothing is counted."""
        now = self.clock()
        with self._lock:
            wait = self._wait(now, keys)
            if wait > 0:
                return wait, 0.0
            if len(self._failures) + len(self._locked_until) > self.max_keys:
                self._sweep(now)
            for key in keys:
                self._count(now, key)
            return 0.0, now

    def succeed(self, ticket: float, account: Hashable, *others: Hashable) -> None:
        """A right password: the account starts afresh; the other keys take this attempt back (and
        lose a lockout that only this attempt caused)."""
        with self._lock:
            self._failures.pop(account, None)
            self._locked_until.pop(account, None)
            for key in others:
                failures = self._failures.get(key)
                if failures and ticket in failures:
                    failures.remove(ticket)
                    if len(failures) < self.limit and self._locked_until.get(key) == ticket + self.lockout:
                        del self._locked_until[key]

    def fail(self, *keys: Hashable) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) + len(self._locked_until) > self.max_keys:
                self._sweep(now)
            for key in keys:
                self._count(now, key)

    def reset(self, *keys: Hashable) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
                self._locked_until.pop(key, None)

    def _sweep(self, now: float) -> None:
        self._locked_until = {k: until for k, until in self._locked_until.items() if until > now}
        self._failures = {
            k: f
            for k, f in self._failures.items()
            if k in self._locked_until or (f and f[-1] > now - self.window)
        }
