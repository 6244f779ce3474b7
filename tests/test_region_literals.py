"""The region is data: no string literal in the code names a region of the default pack.

Every .py under the checked folders is parsed with `ast`; every string constant (docstrings and the
literal parts of f-strings included) must not name a region code of the saxony pack (level 1 and
below, from its regions.csv, as a whole word) nor the region by name (case-insensitive); nor may a
comment, nor the app's texts (dashboard/i18n/*/*.toml, which say {region}). Codes and names belong in
data/packs/<name>/; code asks the pack (etl.pack).
"""

from __future__ import annotations

import ast
import csv
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGIONS = ROOT / "data" / "packs" / "saxony" / "reference" / "regions.csv"
CHECKED = ("etl", "dashboard")
NAMES = ("Silicon Saxony", "Saxony", "Sachsen", "Sachsens", "Saxon", "Dresden", "Leipzig", "Chemnitz")
GERMAN_ADJECTIVE = r"sächsisch\w*"  # sächsische, sächsischen ...


def region_codes() -> list[str]:
    with REGIONS.open(encoding="utf-8-sig", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle) if int(row["level"] or 0) >= 1]


CODES = re.compile(r"\b(" + "|".join(map(re.escape, region_codes())) + r")\b")
WORDS = re.compile(r"\b(" + "|".join([*map(re.escape, NAMES), GERMAN_ADJECTIVE]) + r")\b", re.IGNORECASE)


def python_files() -> list[Path]:
    return sorted(path for folder in CHECKED for path in (ROOT / folder).rglob("*.py"))


def string_constants(path: Path) -> list[tuple[int, str]]:
    """Every string constant and every comment, with its line."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    strings = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    comments = [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]
    return strings + comments


def text_lines(path: Path) -> list[tuple[int, str]]:
    return list(enumerate(path.read_text(encoding="utf-8").splitlines(), start=1))


def offences(path: Path) -> list[str]:
    found = []
    for line, text in string_constants(path) if path.suffix == ".py" else text_lines(path):
        hits = CODES.findall(text) + WORDS.findall(text)
        if hits:
            found.append(f"{path.relative_to(ROOT)}:{line}: {', '.join(sorted(set(hits)))}")
    return found


def test_the_check_knows_the_pack():
    codes = region_codes()
    assert "DED" in codes and "DED21" in codes and "DE" not in codes and len(codes) == 17
    assert CODES.search("geo=DED2&geo=DE") and not CODES.search("DEDUCT DE300")
    assert WORDS.search("a saxon district") and WORDS.search("in SACHSEN") and not WORDS.search("Saxonia")
    assert WORDS.search("die sächsischen Kreise") and WORDS.search("Sachsens Industrie")


def test_the_check_reads_docstrings_and_f_strings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""About Dresden."""\nname = "x"  # in Saxony\nnote = f"{name} in DED2"\n', encoding="utf-8"
    )
    texts = [text for _, text in string_constants(sample)]
    assert "About Dresden." in texts and " in DED2" in texts and "# in Saxony" in texts


def test_no_region_literal_in_the_code():
    files = python_files()
    assert len(files) > 100
    assert [offence for path in files for offence in offences(path)] == []


def test_no_region_named_in_the_app_texts():
    files = sorted((ROOT / "dashboard" / "i18n").glob("*/*.toml"))
    assert len(files) > 10
    assert [offence for path in files for offence in offences(path)] == []
