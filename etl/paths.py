"""Where the project's committed files live (independent of settings)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKS_DIR = PROJECT_ROOT / "data" / "packs"  # region packs: data/packs/<name>/pack.toml
ASSETS_DIR = PROJECT_ROOT / "assets"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
