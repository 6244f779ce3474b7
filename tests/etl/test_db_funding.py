"""The funding page's queries on SQLite and PostgreSQL: filtered, folded to scopes, aggregated in SQL."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import db, pipeline
from etl.config import Settings
from tests.conftest import TESTLAND, write

HOME = ("TLA", "TLA1", "TLA2", "TLA11", "TLA12", "TLA21", "TLA22")
WIDER = (*HOME, "EU27_2020", "TL")
MONEY = ("funding.investment_eur", "funding.state_aid_eur", "funding.public_funding_eur")
EXTRA = [
    "indicator,region,breakdown,period,value,unit,status,source,note,qualifier",
    # a second district's figure of the same entity and date folds into the home scope
    "funding.state_aid_eur,TLA12,widget-fab,2021,50000000,EUR,actual,test-news-2024,SYNTHETIC,",
    # monthly figures: the timeline keeps the latest of each year
    "funding.investment_eur,TLA11,widget-fab,2023-03,10000000,EUR,actual,test-news-2024,SYNTHETIC,",
    "funding.investment_eur,TLA11,widget-fab,2023-11,30000000,EUR,actual,test-news-2024,SYNTHETIC,",
    "funding.eu_cohesion_eur,TLA,,2023,7000000,EUR,actual,test-eu-cohesion,SYNTHETIC,",
    "funding.eu_cohesion_eur,TLA,,2023-06,3000000,EUR,actual,test-eu-cohesion,SYNTHETIC,about",
    "funding.eu_cohesion_eur,TLA,gadget-labs,2023,2000000,EUR,actual,test-eu-cohesion,SYNTHETIC,",
    "funding.horizon_europe_eur,TLA,widget-fab,2024,5000000,EUR,actual,test-eu-research,SYNTHETIC,",
    "funding.eu_cohesion_eur,TLA1,,2023,9000000,EUR,actual,test-eu-cohesion,SYNTHETIC,",
]


@pytest.fixture
def warehouse(settings, tmp_path):
    testland = Settings(data_dir=settings.data_dir, database_url=settings.database_url, pack=str(TESTLAND))
    assert pipeline.init(testland).status == "succeeded"
    pipeline.import_staff_file(  # SYNTHETIC monthly figures far below the yearly ones: on purpose
        testland, write(tmp_path / "extra.csv", "\n".join(EXTRA) + "\n"), accept_warnings=True
    )
    return db.get_engine(testland.database_url)


def test_the_cube_folds_districts_into_the_home_scope_and_keeps_wider_regions_apart(warehouse):
    cube = db.funding_cube(warehouse, MONEY, WIDER, HOME)
    aid = cube[(cube["indicator"] == "funding.state_aid_eur") & (cube["breakdown"] == "widget-fab")]
    assert aid[["scope", "value", "entries", "region", "last_region"]].values.tolist() == [
        ["", 550_000_000.0, 2, "TLA11", "TLA12"]
    ]
    wider = cube[cube["scope"] != ""]
    assert sorted(zip(wider["breakdown"], wider["scope"], strict=True)) == [
        ("test-alliance-one", "EU27_2020"),
        ("test-alliance-two", "EU27_2020"),
        ("test-alliance-two", "TL"),
    ]
    row = cube.set_index(["indicator", "breakdown", "scope"]).loc[
        ("funding.state_aid_eur", "test-alliance-two", "EU27_2020")
    ]
    assert row["bounded"] and row["qualifier"] == "up_to" and row["note"] == "SYNTHETIC; 12 member states"
    assert pd.api.types.is_datetime64_any_dtype(cube["period_start"])
    assert db.funding_cube(warehouse, MONEY, HOME, HOME)["scope"].eq("").all()  # without wider regions


def test_the_cube_keeps_each_period(warehouse):
    cube = db.funding_cube(warehouse, MONEY, HOME, HOME)
    widget = cube[(cube["breakdown"] == "widget-fab") & (cube["indicator"] == "funding.investment_eur")]
    assert sorted(widget["period"]) == ["2020", "2023", "2023-03", "2023-11"]
    assert sorted(widget["period_start"].dt.strftime("%Y-%m-%d")) == [
        "2020-01-01",
        "2023-01-01",
        "2023-03-01",
        "2023-11-01",
    ]


def test_the_rows_of_a_few_events(warehouse):
    keys = pd.DataFrame(
        [
            ("widget-fab", "", "2021", "test-news-2024"),
            ("test-alliance-two", "", "2024", "test-ministry-2023"),
        ],
        columns=["breakdown", "scope", "period", "source"],
    )
    rows = db.event_rows(warehouse, MONEY, HOME, HOME, keys)
    assert sorted(zip(rows["breakdown"], rows["region"], rows["value"], strict=True)) == [
        ("test-alliance-two", "TLA", 300_000_000.0),
        ("widget-fab", "TLA11", 500_000_000.0),
        ("widget-fab", "TLA12", 50_000_000.0),
    ]
    assert db.event_rows(warehouse, MONEY, HOME, HOME, keys.iloc[0:0]).empty


def test_eu_money_per_year_and_largest_recipients(warehouse):
    programmes = ("funding.eu_cohesion_eur", "funding.horizon_europe_eur")
    years = db.yearly_totals(warehouse, programmes, "TLA")
    assert years[["indicator", "year", "value", "entries", "bounded"]].values.tolist() == [
        ["funding.eu_cohesion_eur", 2023, 10_000_000.0, 2, True]
    ]  # the home region's totals only: no recipients, no districts
    largest = db.largest_breakdowns(warehouse, programmes, "TLA", limit=1)
    assert largest[["breakdown", "value", "first_year"]].values.tolist() == [
        ["widget-fab", 5_000_000.0, 2024]
    ]


def test_nothing_asked_nothing_read(warehouse):
    assert db.funding_cube(warehouse, (), HOME, HOME).empty
    assert db.funding_rows(warehouse, MONEY, (), HOME).empty
    assert db.yearly_totals(warehouse, (), "TLA").empty
