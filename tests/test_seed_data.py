"""Checks on the committed reference catalogs (data/reference) and curated seed data (data/seed).

Plain csv only; the one project import is etl.schema (the canonical columns and vocabularies).
The seed is compared with the research it was derived from, kept in the pack (research/saxony-facts.csv:
every cited figure with its quote and source).
"""

from __future__ import annotations

import csv
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest

from etl.schema import CANONICAL_COLUMNS, QUALIFIERS, STATUSES, parse_period

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "data" / "packs" / "saxony"
REFERENCE = PACK / "reference"
SEED = PACK / "seed"
RESEARCH = PACK / "research"
FACTS = RESEARCH / "saxony-facts.csv"
DISTRICTS = RESEARCH / "saxony-district-population-2024.csv"
SEED_FILES = ["saxony-facts.csv", "district-population-2024.csv"]

CATEGORIES = {"employment", "industry", "funding", "cluster", "context"}
UNITS = {
    "persons",
    "companies",
    "establishments",
    "EUR",
    "percent",
    "count",
    "year",
    "wafers_per_year",
    "wafers_per_month",
    "jobs",
    "participants",
    "members",
    "partners",
    "projects",
}
ENTITY_KINDS = {
    "company",
    "fab",
    "cluster",
    "hub",
    "programme",
    "institute",
    "sector",
    "event",
    "initiative",
    "organisation",
}
SOURCE_KINDS = {"official", "government", "association", "company", "press", "secondary"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

HEADERS = {
    "indicators.csv": [
        "slug",
        "category",
        "unit",
        "decimals",
        "name_en",
        "name_de",
        "description_en",
        "description_de",
        "preferred_source",
    ],
    "regions.csv": ["code", "level", "name_en", "name_de", "parent", "ags"],
    "entities.csv": [
        "slug",
        "kind",
        "name_en",
        "name_de",
        "parent",
        "website",
        "founded",
        "description_en",
        "description_de",
    ],
    "sources.csv": [
        "slug",
        "publisher",
        "publisher_de",
        "title",
        "url",
        "licence",
        "published",
        "kind",
        "language",
    ],
}

# Slugs other modules code against, with their units.
FIXED_INDICATORS = {
    "employment.ict_micro": "persons",
    "employment.ict_micro_growth": "percent",
    "industry.companies": "companies",
    "industry.establishments": "establishments",
    "industry.turnover": "EUR",
    "cluster.members": "members",
    "cluster.founding_members": "count",
    "cluster.partners": "partners",
    "cluster.founded": "year",
    "cluster.event_participants": "participants",
    "cluster.hub_locations": "count",
    "funding.state_aid_eur": "EUR",
    "funding.public_funding_eur": "EUR",
    "funding.investment_eur": "EUR",
    "funding.jobs_announced": "jobs",
    "context.population": "persons",
    "context.persons_employed": "persons",
    "context.employees_social_insurance": "persons",
    "context.gdp_eur": "EUR",
    "context.gdp_per_capita_eur": "EUR",
    "context.rd_expenditure_eur": "EUR",
    "context.rd_intensity": "percent",
    "context.hightech_employment": "persons",
    "context.hightech_employment_share": "percent",
}
REQUIRED_ENTITIES = {
    "esmc",
    "tsmc",
    "infineon",
    "infineon-smart-power-fab",
    "globalfoundries",
    "globalfoundries-dresden",
    "bosch",
    "bosch-dresden-fab",
    "ipcei-mect",
    "ipcei-me",
    "silicon-saxony",
    "silicon-saxony-day",
    "smart-systems-hub",
    "hub-disrupt",
    "digital-hub-initiative",
    "barkhausen-institut",
    "eu-chips-act",
    "grw",
    "software",
    "microelectronics",
    "semiconductors",
    "semiconductor-components",
}
REQUIRED_SOURCES = {
    "eurostat",
    "regionalstatistik",
    "regionalstatistik-12411-01-01-4",
    "gisco",
    "kohesio",
    "cordis",
    "cohesiondata",
    "silicon-saxony-2023-11-10",
    "smwa-2023-11-10",
}
# Seed rows that are not one of the facts rows: (indicator, region, breakdown, period, source).
# saxony-facts.csv has the Silicon Saxony forecast ("over 100,000", projection) but not the state's
# goal of 100,000 by 2030 reported from the November 2023 Smart Systems Hub release (its wording could
# not be verified in a stored copy, so the row carries no qualifier).
ADDED_KEYS = {("employment.ict_micro", "DED", "", "2030", "startup-mitteldeutschland-2023-11")}
FACT_REGIONS = {"EU27": "EU27_2020", "EU": "EU27_2020"}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def by_key(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    return {row[key]: row for row in rows}


def key_of(row: dict[str, str]) -> tuple[str, ...]:
    return (row["indicator"], row["region"], row["breakdown"], row["period"], row["source"])


@pytest.fixture(scope="module")
def indicators() -> dict[str, dict[str, str]]:
    return by_key(read(REFERENCE / "indicators.csv"), "slug")


@pytest.fixture(scope="module")
def regions() -> dict[str, dict[str, str]]:
    return by_key(read(REFERENCE / "regions.csv"), "code")


@pytest.fixture(scope="module")
def entities() -> dict[str, dict[str, str]]:
    return by_key(read(REFERENCE / "entities.csv"), "slug")


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, str]]:
    return by_key(read(REFERENCE / "sources.csv"), "slug")


@pytest.fixture(scope="module")
def facts_seed() -> list[dict[str, str]]:
    return read(SEED / "saxony-facts.csv")


@pytest.fixture(scope="module")
def seed() -> list[dict[str, str]]:
    return [row for name in SEED_FILES for row in read(SEED / name)]


# --- catalogs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_catalog_header_and_unique_keys(name: str) -> None:
    path = REFERENCE / name
    assert header(path) == HEADERS[name]
    rows = read(path)
    keys = [row[HEADERS[name][0]] for row in rows]
    assert len(keys) == len(set(keys)), f"duplicate keys in {name}"
    assert all(None not in row for row in rows), f"a row of {name} has too many fields"


def test_indicators_are_well_formed(indicators) -> None:
    for slug, row in indicators.items():
        category, _, measure = slug.partition(".")
        assert category in CATEGORIES and re.fullmatch(r"[a-z0-9_]+", measure), slug
        assert row["category"] == category, slug
        assert row["unit"] in UNITS, slug
        assert row["decimals"].isdigit(), slug
        for column in ("name_en", "name_de", "description_en", "description_de"):
            assert row[column].strip(), f"{slug}: {column} is empty"


def test_fixed_indicator_slugs_and_units(indicators) -> None:
    for slug, unit in FIXED_INDICATORS.items():
        assert slug in indicators, slug
        assert indicators[slug]["unit"] == unit, slug


def test_preferred_sources_exist(indicators, sources, seed) -> None:
    seeded = {row["indicator"] for row in seed}
    for slug, row in indicators.items():
        preferred = row["preferred_source"]
        if preferred:
            assert preferred in sources, f"{slug}: unknown preferred_source {preferred}"
        else:
            assert slug not in seeded, f"{slug} has seed rows but no preferred_source"


def test_employment_prefers_the_june_2023_release(indicators) -> None:
    assert indicators["employment.ict_micro"]["preferred_source"] == "silicon-saxony-2023-06-21"


def test_regions_form_a_tree(regions) -> None:
    for code, row in regions.items():
        level = int(row["level"])
        if level == 0:
            assert row["parent"] == "", code
            continue
        parent = regions[row["parent"]]
        assert int(parent["level"]) == level - 1, code
        assert code.startswith(row["parent"]), code
    districts = [code for code, row in regions.items() if row["level"] == "3"]
    assert len(districts) == 13
    assert regions["DED"]["ags"] == "14"
    assert {"EU27_2020", "DE", "DED", "DED2", "DED4", "DED5"} <= set(regions)


def test_district_ags_match_the_reference(regions) -> None:
    for row in read(DISTRICTS):
        assert regions[row["nuts3"]]["ags"] == row["ags"], row["nuts3"]


def test_entities_are_well_formed(entities) -> None:
    assert set(entities) >= REQUIRED_ENTITIES
    for slug, row in entities.items():
        assert SLUG.match(slug), slug
        assert row["kind"] in ENTITY_KINDS, slug
        assert row["parent"] == "" or row["parent"] in entities, slug
        assert row["founded"] == "" or re.fullmatch(r"\d{4}", row["founded"]), slug
        assert row["website"] == "" or row["website"].startswith("https://"), slug
        assert row["description_en"] and row["description_de"], slug
    for sector in ("software", "microelectronics", "semiconductors", "semiconductor-components"):
        assert entities[sector]["kind"] == "sector"
    assert entities["silicon-saxony"]["founded"] == "2000"
    assert entities["smart-systems-hub"]["founded"] == "2018"


def test_sources_are_well_formed(sources) -> None:
    assert set(sources) >= REQUIRED_SOURCES
    urls = [row["url"] for row in sources.values()]
    assert len(urls) == len(set(urls)), "two source rows share a URL"
    for slug, row in sources.items():
        assert SLUG.match(slug), slug
        assert row["url"].startswith(("http://", "https://")), slug
        assert row["publisher"] and row["title"], slug
        assert row["kind"] in SOURCE_KINDS, slug
        assert row["language"] in {"de", "en"}, slug
        assert row["published"] == "" or DATE.match(row["published"]), slug
        if row["kind"] in ("press", "secondary"):
            assert row["licence"] == "", f"{slug}: press articles carry no licence"


# A bracket that only names (an abbreviation, a web address): not a gloss to translate.
NAME_IN_BRACKETS = re.compile(r"\(([A-Z]{2,}|[a-z0-9.-]+\.[a-z]{2,3})\)")
ENGLISH_GLOSS = re.compile(r"\b(quoting|reporting|release|news|via|and|the|topic|city)\b")


def test_every_publisher_gloss_has_a_german_text(sources) -> None:
    """A publisher with a gloss in brackets (or an English one after it) is named in German on German
    pages; one that is just a name has no German text (the name is shown in both languages)."""
    for slug, row in sources.items():
        publisher, german = row["publisher"], row["publisher_de"]
        glossed = "(" in NAME_IN_BRACKETS.sub("", publisher) or bool(ENGLISH_GLOSS.search(publisher))
        assert bool(german) == glossed, f"{slug}: {publisher!r} / {german!r}"
        if german:
            assert german != publisher and not ENGLISH_GLOSS.search(german), slug
            outlet = publisher.split(" (")[0].split(", quoting")[0]
            assert german.startswith(outlet.replace(" and ", " und ")), f"{slug}: the name stays as it is"


def test_source_kinds_are_the_vocabulary(sources) -> None:
    from etl import vocabulary

    assert set(vocabulary.SOURCE_KINDS) == SOURCE_KINDS
    assert set(vocabulary.PRIMARY_SOURCE_KINDS) < SOURCE_KINDS
    assert {row["kind"] for row in sources.values()} == SOURCE_KINDS  # every kind is in use
    assert sources["eurostat-news-2008-11-blog"]["kind"] == "secondary"  # a blog quoting Eurostat
    assert all(row["kind"] == "official" for slug, row in sources.items() if slug.startswith("eurostat-sbs"))


def test_new_official_series_have_definitions(indicators, entities, sources) -> None:
    row = indicators["employment.persons_employed_local_units"]
    assert (row["category"], row["unit"], row["preferred_source"]) == (
        "employment",
        "persons",
        "eurostat-sbs-r-nuts2021",
    )
    assert "sbs_r_nuts2021" in row["description_en"] and "sbs_r_nuts2021" in row["description_de"]
    for division, parent in (("c26", "c"), ("j61", "j"), ("j62", "j"), ("j63", "j")):
        entity = entities[f"wz08-{division}"]
        assert entity["kind"] == "sector" and entity["parent"] == f"wz08-{parent}"
        assert entity["name_en"] and entity["name_de"] and entity["description_de"]
    assert sources["eurostat-sbs-r-nuts2021"]["licence"] == "CC BY 4.0"
    assert "31 December" in indicators["context.population"]["description_en"]


# --- seed -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_header(name: str) -> None:
    assert header(SEED / name) == CANONICAL_COLUMNS


def test_seed_references_exist(seed, indicators, regions, entities, sources) -> None:
    for row in seed:
        assert row["indicator"] in indicators, row
        assert row["region"] in regions, row
        assert row["breakdown"] == "" or row["breakdown"] in entities, row
        assert row["source"] in sources, row


def test_seed_units_match_indicators(seed, indicators) -> None:
    for row in seed:
        assert row["unit"] == indicators[row["indicator"]]["unit"], row


def test_seed_vocabularies_and_periods(seed) -> None:
    for row in seed:
        assert row["status"] in STATUSES, row
        assert row["qualifier"] in QUALIFIERS, row
        parse_period(row["period"])


def test_seed_values_are_finite(seed) -> None:
    for row in seed:
        value = float(row["value"])
        assert math.isfinite(value), row
        if row["unit"] == "EUR":
            amount = Decimal(row["value"])
            assert amount == amount.to_integral_value(), f"EUR not in whole euros: {row}"


def test_seed_keys_are_unique(seed) -> None:
    keys = [key_of(row) for row in seed]
    duplicates = {key for key in keys if keys.count(key) > 1}
    assert not duplicates


def test_headline_2023_employment(facts_seed) -> None:
    rows = [
        row
        for row in facts_seed
        if key_of(row) == ("employment.ict_micro", "DED", "", "2023", "silicon-saxony-2024-06-11")
    ]
    assert [float(row["value"]) for row in rows] == [81000]


def test_2030_target(facts_seed) -> None:
    targets = [
        row
        for row in facts_seed
        if row["indicator"] == "employment.ict_micro"
        and row["region"] == "DED"
        and row["breakdown"] == ""
        and row["period"] == "2030"
        and row["status"] == "target"
    ]
    assert len(targets) == 1
    assert float(targets[0]["value"]) == 100000
    assert targets[0]["qualifier"] == ""  # "up to" could not be verified in a stored copy of the page
    assert "could not be verified" in targets[0]["note"]


def test_conflicting_2022_figures_are_both_kept(facts_seed) -> None:
    values = {
        (row["breakdown"], row["source"]): float(row["value"])
        for row in facts_seed
        if row["indicator"] == "employment.ict_micro" and row["period"] == "2022"
    }
    assert values[("", "reinraum-2022-06")] == 73000
    assert values[("", "silicon-saxony-2023-06-21")] == 76100
    assert values[("software", "reinraum-2022-06")] == 32550
    assert values[("software", "elektroniknet-2023-06")] == 35000


def test_district_population_seed(regions) -> None:
    rows = read(SEED / "district-population-2024.csv")
    assert len(rows) == 13
    assert {row["region"] for row in rows} == {c for c, r in regions.items() if r["level"] == "3"}
    for row in rows:
        assert row["indicator"] == "context.population"
        assert row["period"] == "2024-12-31"
        assert row["source"] == "regionalstatistik-12411-01-01-4"
    if DISTRICTS.exists():
        expected = {row["nuts3"]: row["population"] for row in read(DISTRICTS)}
        assert {row["region"]: row["value"] for row in rows} == expected


# --- seed against the research file -------------------------------------------------------------


def _multiplier(unit_text: str) -> Decimal:
    if unit_text.startswith("EUR billion"):
        return Decimal(10) ** 9
    if unit_text.startswith("EUR million"):
        return Decimal(10) ** 6
    return Decimal(1)


def test_every_fact_row_has_exactly_one_seed_row(facts_seed) -> None:
    facts = read(FACTS)
    assert len(facts) == 126
    derived = [row for row in facts_seed if key_of(row) not in ADDED_KEYS]
    assert len(derived) == len(facts)
    assert {key_of(row) for row in facts_seed} - {key_of(row) for row in derived} == ADDED_KEYS


def test_seed_rows_follow_the_facts_in_order(facts_seed, sources) -> None:
    facts = read(FACTS)
    for number, (fact, row) in enumerate(zip(facts, facts_seed[: len(facts)], strict=True), start=2):
        where = f"facts row {number}"
        assert sources[row["source"]]["url"] == fact["source_url"], where
        assert Decimal(row["value"]) == Decimal(fact["value"]) * _multiplier(fact["unit"]), where
        assert row["status"] == fact["status"], where
        assert row["region"] == FACT_REGIONS.get(fact["region_code"], fact["region_code"]), where


def test_every_fact_source_is_catalogued(sources) -> None:
    catalogued = {row["url"] for row in sources.values()}
    assert {fact["source_url"] for fact in read(FACTS)} <= catalogued


def test_every_note_has_a_german_note(seed) -> None:
    """Every seed note has its German text; numbers are not changed by translating (the German
    notation writes 76.100 for 76,100 and 3,1 for 3.1; dates as 31.12.2024)."""
    for row in seed:
        assert bool(row["note_de"]) == bool(row["note"]), row
        assert row["note_de"] != row["note"] or not row["note"], row
        english = {_number(n) for n in re.findall(r"\d[\d,.]*\d|\d", row["note"])}
        german = {_number(n, german=True) for n in re.findall(r"\d[\d,.]*\d|\d", row["note_de"])}
        assert english - _DATE_PARTS <= german | _DATE_PARTS, row


_DATE_PARTS = {Decimal(n) for n in range(1, 32)}  # days and months: '31 Dec' is '31.12.'


def _number(text: str, german: bool = False) -> Decimal:
    if german:
        text = text.replace(".", "").replace(",", ".") if re.search(r"\d,\d|\.\d{3}\b", text) else text
    else:
        text = text.replace(",", "")
    parts = [p for p in text.split(".") if p]
    return Decimal(".".join(parts[:2])) if len(parts) <= 2 else Decimal(parts[-1])


def test_notes_do_not_copy_the_quoted_sentences(seed) -> None:
    window = 40
    chunks = set()
    for fact in read(FACTS):
        quote = fact["source_quote"]
        chunks.update(quote[i : i + window] for i in range(0, max(len(quote) - window, 0) + 1))
    for row in seed:
        for note in (row["note"], row["note_de"]):
            copied = [note[i : i + window] for i in range(0, max(len(note) - window, 0) + 1)]
            assert not chunks.intersection(copied), row
