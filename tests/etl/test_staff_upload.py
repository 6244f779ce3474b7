"""The staff file reader: formats, encodings and every file-level mistake."""

import io

import pytest
from openpyxl import Workbook

from etl.errors import ValidationError
from etl.sources.staff_upload import read_staff_file

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier"


def csv_bytes(*rows: str, header: str = HEADER, bom: bool = False, sep: str = ",") -> bytes:
    text = "\n".join([header.replace(",", sep), *rows]) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def test_english_csv():
    content = csv_bytes('employment.ict_micro,DED,,2023,"81,000",persons,actual,src,,')
    staff = read_staff_file(content, "figures.csv")
    assert staff.frame.loc[0, "value"] == 81000.0
    assert staff.frame.loc[0, "_row"] == 2


def test_semicolon_bom_german_numbers():
    content = csv_bytes(
        "employment.ict_micro;DED;;2023;81.000;persons;actual;src;;",
        "funding.public_funding_eur;DED2;smart-systems-hub;2023;4200000,0;EUR;announcement;src;;up_to",
        bom=True,
        sep=";",
    )
    staff = read_staff_file(content, "zahlen.csv")
    assert list(staff.frame["value"]) == [81000.0, 4200000.0]
    assert staff.frame.loc[1, "qualifier"] == "up_to"
    assert staff.number_format.style == "de"


def test_ambiguous_german_thousands_are_reported_not_silent():
    content = csv_bytes("employment.ict_micro;DED;;2023;76.000;persons;actual;src;;", sep=";")
    staff = read_staff_file(content, "zahlen.csv")
    assert staff.frame.loc[0, "value"] == 76000.0
    assert "two ways" in staff.number_format.reason


def test_mixed_number_formats_name_the_row():
    content = csv_bytes(
        'a,DED,,2023,"4,2",x,actual,s,,', 'a,DED,,2022,"1,5",x,actual,s,,', "a,DED,,2021,3.7,x,actual,s,,"
    )
    with pytest.raises(ValidationError) as caught:
        read_staff_file(content, "mixed.csv")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (4, "value")


def test_unreadable_value_is_kept_as_text_for_validation():
    staff = read_staff_file(csv_bytes("a,DED,,2023,about 5,x,actual,s,,"), "x.csv")
    assert staff.frame.loc[0, "value"] == "about 5"


def test_xlsx_with_numbers_and_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["employment.ict_micro", "DED", None, 2023, 81000, "persons", "actual", "src", None, None])
    sheet.append(
        ["employment.ict_micro", "DED", None, "2022", "76.100,0", "persons", "actual", "src", None, None]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    staff = read_staff_file(buffer.getvalue(), "figures.xlsx")
    assert list(staff.frame["value"]) == [81000.0, 76100.0]
    assert list(staff.frame["period"]) == ["2023", "2022"]
    assert staff.kind == "xlsx"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "is empty"),
        (HEADER.encode() + b"\n", "header.csv", "no data rows"),
        (b"%PDF-1.4 \x00\x01", "report.pdf", "not a CSV or XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls", "old Excel"),
        ("indicator,region\nä,ö\n".encode("latin-1"), "latin.csv", "not UTF-8"),
        (b"PK\x03\x04garbage", "broken.xlsx", "ZIP archive"),
    ],
)
def test_file_level_problems(content, name, message):
    with pytest.raises(ValidationError, match=message):
        read_staff_file(content, name)


def test_unknown_and_missing_columns_are_all_listed():
    content = csv_bytes("x,DED,2023,1,actual", header="indicatr,region,period,value,status")
    with pytest.raises(ValidationError) as caught:
        read_staff_file(content, "cols.csv")
    messages = [str(p) for p in caught.value.problems]
    assert any("unknown column 'indicatr'" in m and "did you mean 'indicator'" in m for m in messages)
    assert any("'source' is missing" in m for m in messages)
    assert any("'indicator' is missing" in m for m in messages)


def test_neutralised_text_from_an_export_reads_back_as_written():
    content = csv_bytes("a,DED,,2023,1,x,actual,s,'=not a formula,")
    staff = read_staff_file(content, "export.csv")
    assert staff.frame.loc[0, "note"] == "=not a formula"
