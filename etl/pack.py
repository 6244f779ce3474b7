"""Region packs: everything that makes a Regiometer site about one region, as data.

A pack is a folder (``data/packs/<name>/`` or any path) with

    pack.toml     home region, country, comparison regions, site texts, headline cards, the goal,
                  the employment breakdowns, the cluster cards and the funding page's kinds of money
                  (format: README, "Region packs"; [funding]: see Funding below)
    reference/    the catalogs: indicators.csv, regions.csv, entities.csv, sources.csv
    seed/         curated, cited figures in the staff template format (*.csv)
    geo/          boundaries for the map (*.geojson) and ATTRIBUTION.txt
    texts/        longer page texts as Markdown, <name>.<lang>.md (optional)

``REGIOMETER_PACK`` chooses one. Code never names a region: it asks the pack.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etl.errors import ConfigError
from etl.paths import PACKS_DIR, PROJECT_ROOT

LANGS = ("en", "de")
# The pack served when REGIOMETER_PACK is not set: named in data/packs/default, so that no region is
# named in code.
DEFAULT_FILE = PACKS_DIR / "default"


def default_pack() -> str:
    return DEFAULT_FILE.read_text(encoding="utf-8").strip() if DEFAULT_FILE.is_file() else ""


@dataclass(frozen=True)
class Texts:
    """One text in every language of the site."""

    en: str
    de: str

    def get(self, lang: str) -> str:
        return self.de if lang == "de" and self.de else self.en


@dataclass(frozen=True)
class Card:
    """A headline card: the latest actual value of one series (or the running sum, if cumulative)."""

    key: str
    indicator: str
    title: Texts
    region: str = ""
    breakdown: str = ""
    page: str = "/"
    cumulative: bool = False


@dataclass(frozen=True)
class Goal:
    indicator: str
    region: str
    title: Texts
    breakdown: str = ""
    file_name: str = ""  # what downloads of the goal's chart are called after the pack's prefix


@dataclass(frozen=True)
class AreaKeys:
    """The official keys of the pack's regions, for connectors that do not speak NUTS."""

    nuts_by_key: dict[str, str]  # GENESIS/AGS key -> NUTS code ('14612' -> the district's code)
    home_key: str  # the home region's key ('14'): connectors ask for '<home_key>*'


@dataclass(frozen=True)
class WiderScope:
    """A region beyond the home region whose programme figures /funding shows on request (scope
    "plus EU-wide programmes"), and how a figure there is qualified ("EU-wide", "bundesweit")."""

    region: str
    name: Texts


@dataclass(frozen=True)
class Funding:
    """/funding, from pack.toml [funding]: which indicators are which kind of money.

    investment, public   money indicators drawn on the timeline (investments; public funding and
                         State aid), in the order the totals offer them
    jobs                 indicators of jobs announced (not money: their own panel)
    operational          an actual figure of these means the site runs ("operational since")
    cumulative           running sums: only the latest value of an entity may be counted
    eu_programmes        EU programme money by start year and largest recipients (the Kohesio and
                         CORDIS connectors' indicators)
    default_total        the indicator the totals chart shows first
    [[funding.wider]]    region = "<code>", name = { en = ..., de = ... }: programme figures beyond the
                         home region (never added to the home region's figures)
    """

    investment: tuple[str, ...] = ()
    public: tuple[str, ...] = ()
    jobs: tuple[str, ...] = ()
    operational: tuple[str, ...] = ()
    cumulative: tuple[str, ...] = ()
    eu_programmes: tuple[str, ...] = ()
    default_total: str = ""
    wider: tuple[WiderScope, ...] = ()

    @property
    def money(self) -> tuple[str, ...]:
        return (*self.investment, *self.public)

    @property
    def indicators(self) -> tuple[str, ...]:
        """Every indicator of the timeline, the jobs panel and the totals (not the EU programmes)."""
        return (*self.money, *self.jobs)

    def wider_regions(self) -> tuple[str, ...]:
        return tuple(scope.region for scope in self.wider)

    def wider_name(self, region: str, lang: str) -> str:
        for scope in self.wider:
            if scope.region == region:
                return scope.name.get(lang)
        return region


@dataclass(frozen=True)
class Pack:
    name: str
    directory: Path
    synthetic: bool
    file_prefix: str
    home: str
    country: str
    comparison: tuple[str, ...]
    highlight: str
    site: dict[str, Texts]
    goal: Goal | None
    headline: tuple[Card, ...]
    employment_breakdowns: tuple[str, ...]
    default_breakdowns: tuple[str, ...]
    cluster_cards: tuple[Card, ...]
    cluster_profiles: tuple[str, ...]
    cluster_members: str
    texts: dict[str, Texts] = field(default_factory=dict)
    funding: Funding = field(default_factory=Funding)

    @property
    def reference_dir(self) -> Path:
        return self.directory / "reference"

    @property
    def seed_dir(self) -> Path:
        return self.directory / "seed"

    @property
    def geo_dir(self) -> Path:
        return self.directory / "geo"

    @property
    def texts_dir(self) -> Path:
        return self.directory / "texts"

    def site_text(self, key: str, lang: str) -> str:
        texts = self.site.get(key)
        return texts.get(lang) if texts else ""

    def long_texts(self) -> dict[str, Texts]:
        """Longer page texts: every texts/<key>.<lang>.md replaces the text <key> (Markdown)."""
        found: dict[str, dict[str, str]] = {}
        for path in sorted(self.texts_dir.glob("*.md")) if self.texts_dir.is_dir() else []:
            key, _, lang = path.name.removesuffix(".md").rpartition(".")
            if key and lang in LANGS:
                found.setdefault(key, {})[lang] = path.read_text(encoding="utf-8")
        return {
            key: Texts(texts.get("en", ""), texts.get("de") or texts.get("en", ""))
            for key, texts in found.items()
        }

    def region_name(self, code: str, lang: str) -> str:
        """A region's name from the pack's catalog ('' if unknown)."""
        for row in self.regions():
            if row["code"] == code:
                return row.get(f"name_{lang}") or row.get("name_en") or code
        return ""

    def regions(self) -> list[dict[str, str]]:
        """The rows of reference/regions.csv (code, level, names, parent, ags)."""
        with (self.reference_dir / "regions.csv").open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    def region_codes(self, *, levels: tuple[int, ...] | None = None) -> tuple[str, ...]:
        """Codes of the pack's regions, optionally of some NUTS levels only (0 = EU and countries)."""
        return tuple(
            row["code"] for row in self.regions() if levels is None or int(row["level"] or 0) in levels
        )

    def within_home(self, *, levels: tuple[int, ...] | None = None) -> tuple[str, ...]:
        """The home region and every region below it, from the catalog's parent links (breadth first),
        optionally of some NUTS levels only."""
        rows = self.regions()
        children: dict[str, list[str]] = {}
        for row in rows:
            children.setdefault(row.get("parent", ""), []).append(row["code"])
        level = {row["code"]: int(row["level"] or 0) for row in rows}
        found, queue = [], [self.home]
        while queue:
            code = queue.pop(0)
            found.append(code)
            queue.extend(children.get(code, []))
        return tuple(code for code in found if levels is None or level.get(code, 0) in levels)

    def is_within_home(self, code: str) -> bool:
        return code in set(self.within_home())

    def districts(self) -> tuple[str, ...]:
        """The smallest regions below the home region (NUTS-3 districts)."""
        rows = {row["code"]: row for row in self.regions()}
        inside = [code for code in self.within_home() if code in rows]
        deepest = max((int(rows[code]["level"] or 0) for code in inside), default=0)
        return tuple(
            code for code in inside if int(rows[code]["level"] or 0) == deepest and code != self.home
        )

    def area_keys(self) -> AreaKeys:
        rows = {row["code"]: row for row in self.regions()}
        keys = {
            row["ags"].strip(): code
            for code, row in rows.items()
            if row.get("ags", "").strip() and self.is_within_home(code)
        }
        home_key = rows.get(self.home, {}).get("ags", "").strip()
        return AreaKeys(keys, home_key)


def _texts(value: object, where: str) -> Texts:
    if isinstance(value, str):
        return Texts(value, value)
    if not isinstance(value, dict) or not value.get("en"):
        raise ConfigError(f'{where}: write the text as {{ en = "...", de = "..." }}')
    return Texts(str(value["en"]), str(value.get("de") or value["en"]))


def _card(entry: dict, where: str, default_region: str) -> Card:
    if not entry.get("indicator"):
        raise ConfigError(f"{where}: every card needs an indicator")
    return Card(
        key=str(entry.get("key") or entry["indicator"].split(".")[-1]),
        indicator=str(entry["indicator"]),
        title=_texts(entry.get("title"), f"{where}.title"),
        region=str(entry.get("region") or default_region),
        breakdown=str(entry.get("breakdown", "")),
        page=str(entry.get("page", "/")),
        cumulative=bool(entry.get("cumulative", False)),
    )


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f'{where}: write a list of indicator slugs, ["funding.x", ...]')
    return tuple(value)


def _funding(config: dict, where: str) -> Funding:
    lists = {
        name: _strings(config.get(name, []), f"{where}.{name}")
        for name in ("investment", "public", "jobs", "operational", "cumulative", "eu_programmes")
    }
    wider = []
    for number, entry in enumerate(config.get("wider", []), start=1):
        if not isinstance(entry, dict) or not entry.get("region"):
            raise ConfigError(
                f'{where}.wider {number}: write region = "<code>", name = {{ en = ..., de = ... }}'
            )
        wider.append(
            WiderScope(str(entry["region"]), _texts(entry.get("name"), f"{where}.wider {number}.name"))
        )
    return Funding(**lists, default_total=str(config.get("default_total", "")), wider=tuple(wider))


def resolve(choice: str | Path) -> Path:
    """A pack name under data/packs/, or a path (relative to the project or the working folder)."""
    text = str(choice).strip() or default_pack()
    candidates = [PACKS_DIR / text] if "/" not in text and "\\" not in text else []
    candidates += [Path(text), PROJECT_ROOT / text]
    for candidate in candidates:
        if (candidate / "pack.toml").is_file():
            return candidate.resolve()
    known = ", ".join(sorted(p.name for p in PACKS_DIR.iterdir() if (p / "pack.toml").is_file()))
    raise ConfigError(
        f"REGIOMETER_PACK={text!r}: no pack.toml there. Use a pack name ({known}) or the path of a "
        "folder with a pack.toml."
    )


def parse_pack(directory: Path) -> Pack:
    """Read and check one pack folder."""
    path = directory / "pack.toml"
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    meta, regions = config.get("pack", {}), config.get("regions", {})
    if not regions.get("home"):
        raise ConfigError(f'{path}: [regions] needs home = "<region code>"')
    home = str(regions["home"])
    goal = config.get("goal")
    employment, clusters = config.get("employment", {}), config.get("clusters", {})
    pack = Pack(
        name=str(meta.get("name") or directory.name),
        directory=directory,
        synthetic=bool(meta.get("synthetic", False)),
        file_prefix=str(meta.get("file_prefix") or meta.get("name") or directory.name),
        home=home,
        country=str(regions.get("country", "")),
        comparison=tuple(str(code) for code in regions.get("comparison", [])),
        highlight=str(regions.get("highlight", "")),
        site={key: _texts(value, f"{path} [site].{key}") for key, value in config.get("site", {}).items()},
        goal=Goal(
            str(goal["indicator"]),
            str(goal.get("region") or home),
            _texts(goal.get("title", "{year}"), f"{path} [goal].title"),
            str(goal.get("breakdown", "")),
            str(goal.get("file_name") or goal["indicator"].split(".")[-1].replace("_", "-")),
        )
        if goal
        else None,
        headline=tuple(
            _card(entry, f"{path} [[headline]] {i + 1}", home)
            for i, entry in enumerate(config.get("headline", []))
        ),
        employment_breakdowns=tuple(employment.get("breakdowns", [])),
        default_breakdowns=tuple(employment.get("default_breakdowns", [])),
        cluster_cards=tuple(
            _card(entry, f"{path} [[clusters.cards]] {i + 1}", "")
            for i, entry in enumerate(clusters.get("cards", []))
        ),
        cluster_profiles=tuple(clusters.get("profiles", [])),
        cluster_members=str(clusters.get("members", "")),
        texts={key: _texts(value, f"{path} [texts].{key}") for key, value in config.get("texts", {}).items()},
        funding=_funding(config.get("funding", {}), f"{path} [funding]"),
    )
    _check_regions(pack, path)
    return pack


def _check_regions(pack: Pack, path: Path) -> None:
    codes = set(pack.region_codes())
    named = [pack.home, *pack.comparison, *([pack.highlight] if pack.highlight else [])]
    named += list(pack.funding.wider_regions())
    unknown = [code for code in named if code not in codes]
    if unknown:
        raise ConfigError(
            f"{path}: region codes {', '.join(unknown)} are not in {pack.reference_dir / 'regions.csv'}"
        )


@lru_cache(maxsize=8)
def load_pack(choice: str | Path = "") -> Pack:
    """The pack REGIOMETER_PACK names (read once per process)."""
    return parse_pack(resolve(choice))
