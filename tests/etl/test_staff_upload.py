"""The staff file reader: formats, encodings, sheets and every file-level mistake or damage."""

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from etl.errors import ValidationError
from etl.messages import render
from etl.sources.staff_upload import ReadLimits, read_staff_file

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier"


def csv_bytes(*rows: str, header: str = HEADER, bom: bool = False, sep: str = ",", encoding="utf-8") -> bytes:
    text = "\n".join([header.replace(",", sep), *rows]) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode(encoding)


def problems(content: bytes, name: str = "x.csv", **options) -> list:
    with pytest.raises(ValidationError) as caught:
        read_staff_file(content, name, **options)
    return caught.value.problems


def xlsx_bytes(*sheets: tuple[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ROW = ["cluster.members", "DED", "silicon-saxony", "2025", 620, "members", "actual", "src", None, None]


# --- numbers --------------------------------------------------------------------------------------


def test_english_csv_with_evidence():
    content = csv_bytes(
        'employment.ict_micro,DED,,2023,"81,000",persons,actual,src,,', "a,DED,,2022,4.2,x,actual,src,,"
    )
    staff = read_staff_file(content, "figures.csv")
    assert list(staff.frame["value"]) == [81000.0, 4.2]
    assert list(staff.frame["_row"]) == [2, 3]


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
    assert staff.number_format.style == "de" and staff.encoding == "utf-8-sig"


def test_english_thousands_in_a_semicolon_file_are_refused_not_read_as_84():
    """Issue 9: '84,000' in a ';' file was read as 84 (German decimal comma) because of the delimiter."""
    content = csv_bytes("employment.ict_micro;DED;;2024;84,000;persons;actual;src;;", sep=";")
    (problem,) = problems(content)
    assert (problem.row, problem.column) == (2, "value")
    assert "84,000" in problem.message and "84" in problem.message and "--numbers" in problem.fix
    german, fix = render(problem, "de")
    assert "deutscher" in german and "Zahlenformat" in fix
    assert read_staff_file(content, "x.csv", numbers_style="en").frame.loc[0, "value"] == 84000.0


def test_a_decimal_comma_does_not_make_84_000_into_84():
    """Issue 9: a comma file mixing "84,000" and "42,5" was read as 84 and 42.5."""
    content = csv_bytes('a,DED,,2024,"84,000",x,actual,s,,', 'a,DED,,2023,"42,5",x,actual,s,,')
    (problem,) = problems(content)
    assert problem.row == 2 and "three decimals" in problem.message


def test_ambiguous_thousands_follow_the_evidence_of_the_file():
    german = csv_bytes("a;DED;;2023;1.620;x;actual;s;;", "a;DED;;2022;4,2;x;actual;s;;", sep=";")
    english = csv_bytes('a,DED,,2023,"1,620",x,actual,s,,', "a,DED,,2022,4.2,x,actual,s,,")
    assert read_staff_file(german, "de.csv").frame.loc[0, "value"] == 1620.0
    assert read_staff_file(english, "en.csv").frame.loc[0, "value"] == 1620.0


def test_mixed_number_formats_name_the_row():
    content = csv_bytes(
        'a,DED,,2023,"4,2",x,actual,s,,', 'a,DED,,2022,"1,5",x,actual,s,,', "a,DED,,2021,3.7,x,actual,s,,"
    )
    (problem,) = problems(content, "mixed.csv")
    assert (problem.row, problem.column) == (4, "value")


def test_a_chosen_notation_names_values_written_in_the_other():
    content = csv_bytes("a,DED,,2023,4.2,x,actual,s,,")
    (problem,) = problems(content, numbers_style="de")
    assert problem.row == 2 and "4,2" in problem.fix


def test_unreadable_value_is_kept_as_text_for_validation():
    staff = read_staff_file(csv_bytes("a,DED,,2023,about 5,x,actual,s,,"), "x.csv")
    assert staff.frame.loc[0, "value"] == "about 5"


# --- encodings ------------------------------------------------------------------------------------


def test_windows_1252_umlauts_are_read_and_said():
    content = csv_bytes(
        "a;DED;;2023;5;x;actual;s;Jahresbericht für Größe – „Zahl“ €;", sep=";", encoding="cp1252"
    )
    staff = read_staff_file(content, "excel.csv")
    assert staff.frame.loc[0, "note"] == "Jahresbericht für Größe – „Zahl“ €"
    assert staff.encoding == "windows-1252"
    assert any("Windows-1252" in n.message for n in staff.notes)


def test_plain_utf8_is_said_too():
    staff = read_staff_file(csv_bytes("a,DED,,2023,5,x,actual,s,Größe,"), "x.csv")
    assert staff.encoding == "utf-8" and staff.notes[0].message == "read as UTF-8"


def test_a_byte_that_is_no_text_names_its_row_and_column():
    content = csv_bytes(
        "a,DED,,2023,5,x,actual,s,ok,", "a,DED,,2022,5,x,actual,s,bad \x81 byte,", encoding="latin-1"
    )
    (problem,) = problems(content)
    assert (problem.row, problem.column) == (3, "note") and "0x81" in problem.message


def test_utf8_with_a_damaged_character_is_not_read_as_windows_1252():
    content = csv_bytes("a,DED,,2023,5,x,actual,s,Größe,").replace("ö".encode(), b"\xf6")
    content = content.replace(b"x,actual", "x,äctual".encode())
    (problem,) = problems(content)
    assert problem.code == "file_mixed_encoding" and problem.row == 2 and problem.column == "note"


def test_utf16_gets_a_message():
    (problem,) = problems(HEADER.encode("utf-16"))
    assert "UTF-16" in problem.message


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_with_numbers_and_text():
    content = xlsx_bytes(("data", [HEADER.split(","), ROW, [*ROW[:3], "2024", "555,0", *ROW[5:]]]))
    staff = read_staff_file(content, "figures.xlsx")
    assert list(staff.frame["value"]) == [620.0, 555.0]
    assert list(staff.frame["period"]) == ["2025", "2024"]
    assert staff.kind == "xlsx" and staff.sheet == "data"


def test_the_data_sheet_is_found_by_its_header_and_the_others_are_named():
    content = xlsx_bytes(
        ("Notes", [["what we changed"], ["nothing"]]),
        ("Mitglieder", [["Member figures 2025"], [], HEADER.split(","), ROW]),
        ("Chart", [["x", "y"]]),
    )
    staff = read_staff_file(content, "members.xlsx")
    assert staff.sheet == "Mitglieder" and list(staff.frame["_row"]) == [4]
    text = " ".join(n.message for n in staff.notes)
    assert "'Notes'" in text and "'Chart'" in text and "row 3" in text


def test_two_data_sheets_are_refused():
    content = xlsx_bytes(("a", [HEADER.split(","), ROW]), ("b", [HEADER.split(","), ROW]))
    (problem,) = problems(content, "two.xlsx")
    assert "'a'" in problem.message and "'b'" in problem.message


def test_a_date_cell_is_a_period():
    content = xlsx_bytes(("data", [HEADER.split(","), [*ROW[:3], date(2025, 6, 30), *ROW[4:]]]))
    assert read_staff_file(content, "d.xlsx").frame.loc[0, "period"] == "2025-06-30"


def test_row_numbers_count_blank_rows():
    content = xlsx_bytes(("data", [HEADER.split(","), [], ROW, [], ROW]))
    csv_content = csv_bytes("", ",".join(str(c or "") for c in ROW), "", ",".join(str(c or "") for c in ROW))
    assert list(read_staff_file(content, "x.xlsx").frame["_row"]) == [3, 5]
    assert list(read_staff_file(csv_content, "x.csv").frame["_row"]) == [3, 5]


# --- file-level problems ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "is empty"),
        (HEADER.encode() + b"\n", "header.csv", "no data rows"),
        (b"%PDF-1.4 \x00\x01", "report.pdf", "not a CSV or XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls", "old Excel"),
        (b"PK\x03\x04garbage", "broken.zip", "ZIP archive"),
        (b"PK\x03\x04garbage", "broken.xlsx", "cannot be opened as XLSX"),
    ],
)
def test_file_level_problems(content, name, message):
    with pytest.raises(ValidationError, match=message):
        read_staff_file(content, name)


def test_unknown_and_missing_columns_are_all_listed():
    content = csv_bytes("x,DED,2023,1,actual", header="indicatr,region,period,value,status")
    messages = [str(p) for p in problems(content, "cols.csv")]
    assert any("unknown column 'indicatr'" in m and "did you mean 'indicator'" in m for m in messages)
    assert any("'source' is missing" in m for m in messages)
    assert any("'indicator' is missing" in m for m in messages)


def test_neutralised_text_from_an_export_reads_back_as_written():
    content = csv_bytes("a,DED,,2023,1,x,actual,s,'=not a formula,")
    assert read_staff_file(content, "export.csv").frame.loc[0, "note"] == "=not a formula"


def test_extra_cells_are_a_problem_naming_the_row_but_empty_ones_are_not():
    content = csv_bytes("a,DED,,2023,1,x,actual,s,,,surprise", "a,DED,,2022,1,x,actual,s,,,,,")
    (problem,) = problems(content)
    assert problem.row == 2 and "surprise" in problem.message and "column 11" in problem.message


def test_a_cell_under_an_empty_header_is_a_problem():
    content = csv_bytes("a,DED,,2023,1,x,actual,s,,,lost", header=HEADER + ",")
    (problem,) = problems(content)
    assert problem.row == 2 and "lost" in problem.message


def test_unpaired_quotes_are_a_problem_not_swallowed_rows():
    content = csv_bytes('a,DED,,2023,1,x,actual,s,"open note,', "a,DED,,2022,1,x,actual,s,,")
    (problem,) = problems(content)
    assert problem.code == "csv_quote" and problem.row == 2


def test_a_cell_longer_than_the_csv_module_allows_gets_a_message():
    content = csv_bytes("a,DED,,2023,1,x,actual,s," + "x" * 140_000 + ",")
    (problem,) = problems(content)
    assert problem.code == "cell_too_long" and problem.row == 2


def test_a_long_cell_is_a_problem_with_row_and_column():
    content = csv_bytes("a,DED,,2023,1,x,actual,s," + "x" * 101 + ",")
    (problem,) = problems(content, limits=ReadLimits(max_cell_chars=100))
    assert (problem.row, problem.column, problem.code) == (2, "note", "cell_too_long")


def test_nul_bytes_after_the_first_4_kb_name_their_row():
    rows = [f"a,DED,,{2000 + i % 20},1,x,actual,s,note {i},".replace(",1,", f",{i},") for i in range(200)]
    rows.append("a,DED,,2023,1,x,actual,s,bad\x00note,")
    (problem,) = problems(csv_bytes(*rows))
    assert problem.code == "file_nul" and (problem.row, problem.column) == (202, "note")


# --- hostile and damaged XLSX ----------------------------------------------------------------------

SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
)


def raw_xlsx(rows: str, dimension: str = "A1:J2", shared: str | None = None, sheets: bool = True) -> bytes:
    """A hand-made workbook, so that it can claim and hold what no spreadsheet program writes."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        sheet_entry = '<sheet name="data" sheetId="1" r:id="rId1"/>' if sheets else ""
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>{sheet_entry}</sheets></workbook>',
        )
        links = f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            links += f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{shared}</sst>')
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{links}'
            "</Relationships>",
        )
        archive.writestr("xl/worksheets/sheet1.xml", SHEET.format(dimension=dimension, rows=rows))
    return buffer.getvalue()


def inline_row(number: int, values: list[object]) -> str:
    cells = []
    for index, value in enumerate(values):
        ref = f"{chr(65 + index)}{number}"
        if isinstance(value, (int, float)):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        elif value is not None:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


GOOD_ROWS = inline_row(1, HEADER.split(",")) + inline_row(2, ROW)


def test_a_hand_made_workbook_reads():
    assert read_staff_file(raw_xlsx(GOOD_ROWS), "x.xlsx").frame.loc[0, "value"] == 620.0


def test_a_claimed_dimension_of_16384_columns_costs_nothing():
    """Issue 10: openpyxl padded every row to the dimension's width (MemoryError, a 24 GB server)."""
    content = raw_xlsx(GOOD_ROWS, dimension="A1:XFD1048576")
    assert len(content) < 2000
    assert read_staff_file(content, "bomb.xlsx").frame.loc[0, "value"] == 620.0


def test_a_cell_in_the_last_column_is_one_extra_cell():
    content = raw_xlsx(GOOD_ROWS + '<row r="3"><c r="XFD3" t="inlineStr"><is><t>far</t></is></c></row>')
    (problem,) = problems(content, "far.xlsx")
    assert problem.row == 3 and "16,384" in problem.message


def test_shared_strings_beyond_the_limit_are_refused_early():
    shared = "<si><t>" + "x" * 10_000 + "</t></si>"
    content = raw_xlsx(GOOD_ROWS, shared=shared * 200)  # 2 MB of strings, a few KB compressed
    (problem,) = problems(content, "strings.xlsx", limits=ReadLimits(max_uncompressed_bytes=1_000_000))
    assert problem.code == "xlsx_too_large"


def test_more_cells_than_allowed_are_refused():
    rows = GOOD_ROWS + "".join(inline_row(n, ROW) for n in range(3, 40))
    (problem,) = problems(raw_xlsx(rows), "cells.xlsx", limits=ReadLimits(max_cells=100))
    assert problem.code == "xlsx_too_many_cells"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (raw_xlsx(GOOD_ROWS, sheets=False), "xlsx_no_sheets"),
        (raw_xlsx(GOOD_ROWS.replace("</row>", "</rov>", 1)), "xlsx_damaged"),
        (raw_xlsx(GOOD_ROWS)[:-200], "xlsx_damaged"),
        (raw_xlsx('<!DOCTYPE x [<!ENTITY a "aaaa">]>' + GOOD_ROWS), "xlsx_damaged"),
        (
            raw_xlsx(
                GOOD_ROWS.replace('t="inlineStr"', 't="s"', 1).replace(
                    "<is><t>indicator</t></is>", "<v>7</v>"
                )
            ),
            "xlsx_damaged",
        ),
        (raw_xlsx(GOOD_ROWS.replace('r="A2"', 'r="A2x"')), "xlsx_bad_reference"),
    ],
)
def test_damaged_workbooks_get_a_message(content, code):
    found = problems(content, "damaged.xlsx")
    assert found[0].code == code


def test_a_corrupt_deflate_stream_gets_a_message():
    content = bytearray(raw_xlsx(GOOD_ROWS))
    offset = content.find(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml") + 10
    content[offset : offset + 20] = b"\xff" * 20
    assert problems(bytes(content), "zlib.xlsx")[0].code == "xlsx_damaged"


def test_a_nan_number_cell_is_a_value_problem_later():
    content = raw_xlsx(GOOD_ROWS.replace("<v>620</v>", "<v>NaN</v>"))
    assert read_staff_file(content, "nan.xlsx").frame.loc[0, "value"] == "NaN"
