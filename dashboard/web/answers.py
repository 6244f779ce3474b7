"""Callback answers computed once per machine and data version, and shared by every worker.

A page registered with `shared=True` promises that its layout and its callbacks depend only on the
warehouse's data version, the reader's language and what the browser posts (the inputs and state in
the request body), never on who asks. The JSON answer of such a callback is kept per (warehouse, data
version, language, body): in this process (bounded in bytes) and in files under the settings' cache
folder, which every gunicorn worker of the machine reads. So a view is computed once per machine, not
once per worker, and a reader whose request reaches the other worker does not wait for it again.

An import moves the data version: the next request misses and computes afresh, and the folders of
older versions are deleted. Staff pages (the editor, the login) are never registered as shared, so
nothing that depends on a session is ever stored. The file store fails soft: if its folder cannot be
written, answers are computed as before and the problem is logged once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
from pathlib import Path

import dash
from flask import Flask, Response, current_app, g, request

from dashboard.data import settings, store_key
from dashboard.data.cache import BoundedCache
from dashboard.i18n import current

log = logging.getLogger(__name__)

CALLBACK_PATH = "_dash-update-component"
ROUTER_OUTPUT = "_pages_content.children"  # Dash's page router: shared when the page it draws is
MEMORY_BUDGET = 32 * 1024 * 1024  # bytes of answers per worker
LARGEST = 4 * 1024 * 1024  # a larger answer (a big download) is computed each time, never stored
EXTENSION = "regiometer.answers"
Key = tuple[str, int, str]  # (warehouse URL, data version, digest of language and request body)


def _tag(database_url: str) -> str:
    return hashlib.sha256(database_url.encode()).hexdigest()[:16]


class FileStore:
    """Answers as files, one folder per (warehouse, data version); bounded in bytes, oldest out first.

    Files are written to a temporary name and renamed, so a reader never sees half an answer."""

    def __init__(self, folder: Path, budget: int) -> None:
        self.folder = folder
        self.budget = budget
        self._written = 0
        self._lock = threading.Lock()
        self._failed = False

    def _path(self, database_url: str, version: int, digest: str) -> Path:
        return self.folder / f"{_tag(database_url)}-v{version}" / f"{digest}.json"

    def get(self, database_url: str, version: int, digest: str) -> bytes | None:
        try:
            return self._path(database_url, version, digest).read_bytes()
        except OSError:
            return None

    def put(self, database_url: str, version: int, digest: str, body: bytes) -> None:
        path = self._path(database_url, version, digest)
        try:
            if not path.parent.is_dir():
                path.parent.mkdir(parents=True, exist_ok=True)
                self._drop_other_versions(path.parent)
            temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            temporary.write_bytes(body)
            os.replace(temporary, path)
        except OSError as error:
            if not self._failed:
                log.warning(
                    "shared answers: cannot write %s (%s); answers are computed per worker", path, error
                )
                self._failed = True
            return
        with self._lock:
            self._written += len(body)
            due = self._written > self.budget // 8
            if due:
                self._written = 0
        if due:
            self.prune()

    def _drop_other_versions(self, current_folder: Path) -> None:
        """A new data version: the answers of this warehouse's older versions can never be asked for."""
        prefix = current_folder.name.rsplit("-v", 1)[0] + "-v"
        for folder in self.folder.glob(f"{prefix}*"):
            if folder != current_folder:
                shutil.rmtree(folder, ignore_errors=True)

    def prune(self) -> None:
        """Delete the oldest answers until the store is within its budget."""
        files = []
        for path in self.folder.glob("*/*.json"):
            try:
                stat = path.stat()
            except OSError:
                continue  # deleted meanwhile by another worker
            files.append((stat.st_mtime, stat.st_size, path))
        used = sum(size for _, size, _ in files)
        for _, size, path in sorted(files, key=lambda found: found[0]):
            if used <= self.budget:
                break
            path.unlink(missing_ok=True)
            used -= size

    def size(self) -> int:
        return sum(path.stat().st_size for path in self.folder.glob("*/*.json"))


class Answers:
    """The shared answers of one app: which callbacks may be shared, and the two stores."""

    def __init__(self, app: dash.Dash, store: FileStore | None) -> None:
        self.app = app
        self.memory = BoundedCache(MEMORY_BUDGET)
        self.store = store
        self._shared_outputs: dict[str, bool] = {}

    def _shared_modules(self) -> set[str]:
        return {page["module"] for page in dash.page_registry.values() if page.get("shared")}

    def _shared_paths(self) -> set[str]:
        return {page["path"] for page in dash.page_registry.values() if page.get("shared")}

    def shareable(self, body: dict) -> bool:
        output = body.get("output")
        if not isinstance(output, str):
            return False
        if ROUTER_OUTPUT in output:
            return _pathname(body) in self._shared_paths()
        if output not in self._shared_outputs:
            spec = self.app.callback_map.get(output, {})
            function = spec.get("callback")
            module = getattr(function, "__module__", "")
            self._shared_outputs[output] = module in self._shared_modules()
        return self._shared_outputs[output]

    def known(self, key: Key) -> bytes | None:
        """The answer from this worker's memory, else from the machine's store (then remembered)."""
        found, answer = self.memory.get(key)
        if found and isinstance(answer, bytes):
            return answer
        if self.store is None:
            return None
        stored = self.store.get(*key)
        if stored is not None:
            self.memory.put(key, stored)
        return stored

    def keep(self, key: Key, body: bytes) -> None:
        self.memory.put(key, body)
        if self.store is not None:
            self.store.put(*key, body)


def _pathname(body: dict) -> str:
    for found in body.get("inputs", []):
        if isinstance(found, dict) and found.get("property") == "pathname":
            return str(found.get("value") or "")
    return ""


def _answers() -> Answers:
    return current_app.extensions[EXTENSION]


def _key(body: bytes) -> Key:
    database_url, version = store_key()
    digest = hashlib.sha256(current().encode() + b"\0" + body).hexdigest()
    return database_url, version, digest


def _answer_if_known() -> Response | None:
    """before_request: a shared callback's answer from memory or from the machine's store."""
    if request.method != "POST" or not request.path.endswith(CALLBACK_PATH):
        return None
    raw = request.get_data(cache=True)  # Dash reads the same body afterwards
    try:
        body = json.loads(raw)
    except ValueError:
        return None  # Dash answers malformed requests itself
    answers = _answers()
    if not isinstance(body, dict) or not answers.shareable(body):
        return None
    key = _key(raw)
    known = answers.known(key)
    if known is not None:
        return Response(known, 200, mimetype="application/json")
    g.regiometer_answer_key = key
    return None


def _keep_answer(response: Response) -> Response:
    """after_request: keep a freshly computed shared answer (before compression, which runs later)."""
    key = g.pop("regiometer_answer_key", None)
    if key is None or response.status_code != 200 or response.direct_passthrough:
        return response
    if response.mimetype != "application/json" or response.headers.get("Content-Encoding"):
        return response
    body = response.get_data()
    if len(body) > LARGEST:
        return response
    _answers().keep(key, body)
    return response


def install(app: dash.Dash) -> None:
    """Share the answers of the pages registered with `shared=True`; call after every other hook."""
    server: Flask = app.server
    with server.app_context():
        configured = settings()
    budget = configured.shared_cache_mb * 1024 * 1024
    store = FileStore(configured.cache_dir / "answers", budget) if budget > 0 else None
    server.extensions[EXTENSION] = Answers(app, store)
    server.before_request(_answer_if_known)
    server.after_request(_keep_answer)
