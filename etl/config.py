"""The one Settings object. Everything configurable enters here, from REGIOMETER_* variables.

Nothing reads the environment elsewhere; entry points call Settings.from_env() and pass it on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TypedDict, Unpack, cast

from etl.errors import ConfigError
from etl.pack import Pack, default_pack, load_pack
from etl.paths import PROJECT_ROOT

PREFIX = "REGIOMETER_"
DEVELOPMENT_SECRET = "development-only-secret-change-me"

# Real public endpoints; each can be pointed at a mirror, proxy or test server.
DEFAULT_BASE_URLS = {
    "eurostat": "https://ec.europa.eu/eurostat/api/dissemination",
    "genesis": "https://www.regionalstatistik.de/genesisws/rest/2020",
    "gisco": "https://gisco-services.ec.europa.eu/distribution/v2",
    "kohesio": "https://kohesio.ec.europa.eu/api",
    "cordis": "https://cordis.europa.eu/data",
    "cohesiondata": "https://cohesiondata.ec.europa.eu",
}


@dataclass(frozen=True)
class Settings:
    data_dir: Path = PROJECT_ROOT / "data"
    database_url: str = ""
    pack: str = ""  # a pack name under data/packs/ or a path; empty = data/packs/default
    secret_key: str = DEVELOPMENT_SECRET
    development: bool = True
    host: str = "127.0.0.1"
    port: int = 8050
    workers: int = 0  # production server processes; 0 = one per core
    threads: int = 4  # threads per worker process
    # Proxies whose X-Forwarded-* headers are trusted (gunicorn's forwarded_allow_ips).
    forwarded_allow_ips: str = "127.0.0.1"
    since_year: int = 2010
    http_timeout: float = 30.0
    http_retries: int = 4
    http_backoff: float = 1.0
    genesis_username: str = ""
    genesis_password: str = ""
    upload_max_bytes: int = 5_000_000  # the largest file the editor accepts (compressed, as sent)
    upload_max_uncompressed_bytes: int = 50_000_000  # what an XLSX may unpack to (CLI and editor)
    upload_max_cells: int = 1_000_000  # cells an XLSX may hold
    upload_max_cell_chars: int = 10_000  # characters in one cell of a staff file
    problems_shown: int = 50  # problems of one kind listed before "and N more"
    # The site's address as readers reach it (https://regiometer.example.org): absolute links in API
    # answers use it, never the request's Host header. Empty: links are site-relative.
    public_url: str = ""
    download_max_rows: int = 100_000  # the data page's CSV/XLSX downloads; the API pages through more
    # Page and chart answers shared by the workers of one machine (files under cache_dir); 0 = off.
    shared_cache_mb: int = 256
    base_urls: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_BASE_URLS))

    def __post_init__(self) -> None:
        # A partial mapping (a test pointing one source elsewhere) keeps the defaults of the others.
        object.__setattr__(self, "base_urls", {**DEFAULT_BASE_URLS, **dict(self.base_urls)})
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{self.data_dir / self.database_file}")

    @property
    def database_file(self) -> str:
        """regiometer.db for the default pack, regiometer-<pack>.db for any other: one warehouse each."""
        name = self.region_pack().name
        return "regiometer.db" if name == default_pack() else f"regiometer-{name}.db"

    def region_pack(self) -> Pack:
        """The region pack this site serves (REGIOMETER_PACK), read once per process."""
        return load_pack(self.pack)

    @property
    def cache_dir(self) -> Path:
        """Answers the workers of this machine share (dashboard.web.answers); safe to delete."""
        return self.data_dir / "cache"

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def geo_dir(self) -> Path:
        """Boundaries fetched by the gisco connector for this pack (the pack's own geo/ is the fallback)."""
        return self.data_dir / "geo" / self.region_pack().name

    def base_url(self, source: str) -> str:
        return self.base_urls[source].rstrip("/")

    def with_(self, **changes: Unpack[SettingsFields]) -> Settings:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for spec in fields(cls):
            raw = env.get(PREFIX + spec.name.upper())
            if raw is None or spec.name == "base_urls":
                continue
            values[spec.name] = _convert(spec.name, raw, spec.type)
        values["base_urls"] = {
            name: env.get(f"{PREFIX}{name.upper()}_BASE_URL", url) for name, url in DEFAULT_BASE_URLS.items()
        }
        # The keys are the dataclass's own fields and each value was converted to its field's type.
        settings = cls(**cast(SettingsFields, values))
        settings.check()
        return settings

    def check(self) -> None:
        for name in (
            "upload_max_bytes",
            "upload_max_uncompressed_bytes",
            "upload_max_cells",
            "upload_max_cell_chars",
            "problems_shown",
        ):
            if getattr(self, name) < 1:
                raise ConfigError(f"{PREFIX}{name.upper()}={getattr(self, name)} must be 1 or more.")
        if self.shared_cache_mb < 0:
            raise ConfigError(
                f"{PREFIX}SHARED_CACHE_MB={self.shared_cache_mb} must be 0 (no shared answers) or more."
            )
        if not self.development and self.secret_key == DEVELOPMENT_SECRET:
            raise ConfigError(
                "REGIOMETER_SECRET_KEY is not set. Outside development mode it is required: "
                "set it to a long random string (python -c 'import secrets; print(secrets.token_hex(32))')."
            )


class SettingsFields(TypedDict, total=False):
    """The fields of Settings as keyword arguments (Settings(...), with_); a test keeps them in step."""

    data_dir: Path
    database_url: str
    pack: str
    secret_key: str
    development: bool
    host: str
    port: int
    workers: int
    threads: int
    forwarded_allow_ips: str
    since_year: int
    http_timeout: float
    http_retries: int
    http_backoff: float
    genesis_username: str
    genesis_password: str
    upload_max_bytes: int
    upload_max_uncompressed_bytes: int
    upload_max_cells: int
    upload_max_cell_chars: int
    problems_shown: int
    public_url: str
    download_max_rows: int
    shared_cache_mb: int
    base_urls: Mapping[str, str]


def _convert(name: str, raw: str, kind: object) -> object:
    kind = str(kind)
    try:
        if "Path" in kind:
            return Path(raw)
        if "bool" in kind:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if "int" in kind:
            return int(raw)
        if "float" in kind:
            return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{PREFIX}{name.upper()}={raw!r} is not a valid {kind}: {exc}") from None
    return raw
