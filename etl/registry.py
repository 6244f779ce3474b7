"""The one list of sources. Modules are imported when a source is used, so one broken or missing
connector never stops the others."""

from __future__ import annotations

import importlib

from etl.sources.base import Source

SOURCE_MODULES = {
    "seed": "etl.sources.seed",
    "eurostat": "etl.sources.eurostat",
    "genesis": "etl.sources.genesis",
    "gisco": "etl.sources.gisco",
    "kohesio": "etl.sources.funding_kohesio",
    "cordis": "etl.sources.funding_cordis",
}


def source_names() -> list[str]:
    return list(SOURCE_MODULES)


def get_source(name: str) -> Source:
    if name not in SOURCE_MODULES:
        known = ", ".join(SOURCE_MODULES)
        raise KeyError(f"unknown source '{name}'; choose from: {known}")
    return importlib.import_module(SOURCE_MODULES[name]).SOURCE
