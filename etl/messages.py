"""The texts of every problem, warning and note of the import path, in English and German, in one place.

etl builds problems with problem(code, row, column, **params): the English text goes into
Problem.message and Problem.fix (what the CLI prints), and the editor renders the same problem in the
reader's language with render(). A param is a string, a number (formatted in the reader's notation),
a list (joined), or a {"en": ..., "de": ...} mapping (already translated, e.g. a name from the catalog).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from etl.errors import ERROR, NOTE, WARNING, Problem, RegiometerError

LANGS = ("en", "de")

# code: {"en": (message, fix), "de": (message, fix)}. Keep both languages side by side.
MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # -- the file as a whole ---------------------------------------------------------------------
    "file_zip": {
        "en": ("is a ZIP archive, not a spreadsheet or CSV", "upload {supported}"),
        "de": ("ist ein ZIP-Archiv, keine Tabelle und kein CSV", "laden Sie {supported} hoch"),
    },
    "file_old_excel": {
        "en": ("is an old Excel (.xls) file", "save it as .xlsx or CSV UTF-8 and upload again"),
        "de": (
            "ist eine alte Excel-Datei (.xls)",
            "speichern Sie sie als .xlsx oder CSV UTF-8 und laden Sie sie erneut hoch",
        ),
    },
    "file_not_table": {
        "en": ("is not a CSV or XLSX file", "upload {supported}"),
        "de": ("ist keine CSV- oder XLSX-Datei", "laden Sie {supported} hoch"),
    },
    "file_utf16": {
        "en": (
            "is UTF-16 text (Excel's 'Unicode text')",
            "in Excel use 'Save as' -> 'CSV UTF-8 (comma delimited)', or upload the .xlsx",
        ),
        "de": (
            "ist UTF-16-Text (Excels „Unicode-Text“)",
            "wählen Sie in Excel „Speichern unter“ -> „CSV UTF-8 (durch Trennzeichen getrennt)“ oder "
            "laden Sie die .xlsx-Datei hoch",
        ),
    },
    "file_bad_byte": {
        "en": (
            "byte 0x{byte} (character {position} of the line) is neither UTF-8 nor Windows-1252 text",
            "in Excel use 'Save as' -> 'CSV UTF-8 (comma delimited)', or upload the .xlsx",
        ),
        "de": (
            "Byte 0x{byte} (Zeichen {position} der Zeile) ist weder UTF-8- noch Windows-1252-Text",
            "wählen Sie in Excel „Speichern unter“ -> „CSV UTF-8 (durch Trennzeichen getrennt)“ oder "
            "laden Sie die .xlsx-Datei hoch",
        ),
    },
    "file_mixed_encoding": {
        "en": (
            "mixes UTF-8 and other text: byte 0x{byte} (character {position} of the line) is not UTF-8",
            "the file was probably pasted together from several programs; save it again as "
            "'CSV UTF-8' in Excel, or upload the .xlsx",
        ),
        "de": (
            "mischt UTF-8 und andere Kodierungen: Byte 0x{byte} (Zeichen {position} der Zeile) ist "
            "kein UTF-8",
            "die Datei wurde wohl aus mehreren Programmen zusammengesetzt; speichern Sie sie in Excel "
            "erneut als „CSV UTF-8“ oder laden Sie die .xlsx-Datei hoch",
        ),
    },
    "file_nul": {
        "en": (
            "contains a NUL character (a zero byte), {count} in all",
            "the file is damaged or not a text file; export it again from the spreadsheet",
        ),
        "de": (
            "enthält ein NUL-Zeichen (ein Null-Byte), insgesamt {count}",
            "die Datei ist beschädigt oder keine Textdatei; exportieren Sie sie erneut aus der Tabelle",
        ),
    },
    "file_empty": {
        "en": ("is empty", "use the staff template and fill in at least one row"),
        "de": ("ist leer", "verwenden Sie die Vorlage und füllen Sie mindestens eine Zeile aus"),
    },
    "file_no_rows": {
        "en": ("has a header but no data rows", "add at least one row below the header"),
        "de": ("hat eine Kopfzeile, aber keine Datenzeilen", "fügen Sie unter der Kopfzeile Zeilen hinzu"),
    },
    "file_unreadable_upload": {
        "en": ("is not a readable upload", "upload the file again"),
        "de": ("ist kein lesbarer Upload", "laden Sie die Datei erneut hoch"),
    },
    "file_too_large": {
        "en": ("is larger than {limit} MB ({size} MB)", "split it into smaller files or ask an admin"),
        "de": (
            "ist größer als {limit} MB ({size} MB)",
            "teilen Sie sie in kleinere Dateien auf oder fragen Sie eine Administratorin",
        ),
    },
    "csv_quote": {
        "en": (
            "the quotes in this row do not pair up ({detail})",
            'put quotes around a whole cell only, and write a quote inside a cell as two quotes ("")',
        ),
        "de": (
            "die Anführungszeichen in dieser Zeile sind nicht paarig ({detail})",
            "setzen Sie Anführungszeichen nur um eine ganze Zelle und schreiben Sie ein Anführungszeichen "
            'in einer Zelle doppelt ("")',
        ),
    },
    "xlsx_damaged": {
        "en": (
            "cannot be opened as XLSX ({detail})",
            "open it in Excel, save it again as .xlsx and upload that",
        ),
        "de": (
            "lässt sich nicht als XLSX öffnen ({detail})",
            "öffnen Sie sie in Excel, speichern Sie sie erneut als .xlsx und laden Sie diese hoch",
        ),
    },
    "xlsx_no_sheets": {
        "en": ("has no worksheets", "use the staff template: its sheet 'data' holds the rows"),
        "de": ("hat keine Tabellenblätter", "verwenden Sie die Vorlage: ihr Blatt „data“ enthält die Zeilen"),
    },
    "xlsx_too_large": {
        "en": (
            "unpacks to more than {limit} MB",
            "keep only the data sheet and its rows, or split the file; an admin can raise "
            "REGIOMETER_UPLOAD_MAX_UNCOMPRESSED_BYTES",
        ),
        "de": (
            "ist entpackt größer als {limit} MB",
            "behalten Sie nur das Datenblatt und seine Zeilen oder teilen Sie die Datei; eine "
            "Administratorin kann REGIOMETER_UPLOAD_MAX_UNCOMPRESSED_BYTES erhöhen",
        ),
    },
    "xlsx_too_many_cells": {
        "en": (
            "has more than {limit} cells",
            "split the file; an admin can raise REGIOMETER_UPLOAD_MAX_CELLS",
        ),
        "de": (
            "hat mehr als {limit} Zellen",
            "teilen Sie die Datei; eine Administratorin kann REGIOMETER_UPLOAD_MAX_CELLS erhöhen",
        ),
    },
    "xlsx_bad_reference": {
        "en": (
            "a cell has the reference '{reference}', which no spreadsheet uses",
            "save the file again in Excel",
        ),
        "de": (
            "eine Zelle hat den Bezug „{reference}“, den keine Tabelle verwendet",
            "speichern Sie die Datei erneut in Excel",
        ),
    },
    "xlsx_no_header": {
        "en": (
            "no sheet has the template's header row (sheets: {sheets})",
            "put the header row {columns} above the rows, as in the staff template",
        ),
        "de": (
            "kein Blatt hat die Kopfzeile der Vorlage (Blätter: {sheets})",
            "setzen Sie die Kopfzeile {columns} über die Zeilen, wie in der Vorlage",
        ),
    },
    "xlsx_two_data_sheets": {
        "en": (
            "the sheets {sheets} all have the template's header row; only one can be read",
            "put all rows on one sheet, or delete the other sheets",
        ),
        "de": (
            "die Blätter {sheets} haben alle die Kopfzeile der Vorlage; nur eines kann gelesen werden",
            "setzen Sie alle Zeilen auf ein Blatt oder löschen Sie die anderen Blätter",
        ),
    },
    "cell_too_long": {
        "en": (
            "the cell has {length} characters, more than {limit}",
            "shorten it (a note of a few sentences is enough)",
        ),
        "de": (
            "die Zelle hat {length} Zeichen, mehr als {limit}",
            "kürzen Sie sie (eine Anmerkung von wenigen Sätzen genügt)",
        ),
    },
    # -- columns and cells -------------------------------------------------------------------------
    "column_unknown": {
        "en": ("unknown column '{name}' (column {position})", "{suggestion}"),
        "de": ("unbekannte Spalte „{name}“ (Spalte {position})", "{suggestion}"),
    },
    "column_twice": {
        "en": ("column '{name}' appears twice", "keep one of them"),
        "de": ("Spalte „{name}“ kommt zweimal vor", "behalten Sie eine davon"),
    },
    "column_missing": {
        "en": ("required column '{name}' is missing", "use the header row of the staff template: {columns}"),
        "de": (
            "die Pflichtspalte „{name}“ fehlt",
            "verwenden Sie die Kopfzeile der Vorlage: {columns}",
        ),
    },
    "cell_outside_columns": {
        "en": (
            "has a value in column {position} ('{value}'), which has no header",
            "delete it, or give its column a name of the staff template",
        ),
        "de": (
            "hat einen Wert in Spalte {position} („{value}“), die keine Überschrift hat",
            "löschen Sie ihn oder geben Sie seiner Spalte einen Namen aus der Vorlage",
        ),
    },
    "empty": {
        "en": ("is empty", "fill in the {name}"),
        "de": ("ist leer", "füllen Sie „{name}“ aus"),
    },
    "control_character": {
        "en": (
            "contains the control character {character} at position {position}",
            "delete it (notes, note and note_de, may hold line breaks and tabs, nothing else of that kind)",
        ),
        "de": (
            "enthält das Steuerzeichen {character} an Stelle {position}",
            "löschen Sie es (Anmerkungen, note und note_de, dürfen Zeilenumbrüche und Tabulatoren "
            "enthalten, sonst nichts dieser Art)",
        ),
    },
    "non_ascii_digits": {
        "en": ("'{value}' contains digits other than 0-9 ('{digit}')", "type the digits 0-9"),
        "de": ("„{value}“ enthält andere Ziffern als 0-9 („{digit}“)", "tippen Sie die Ziffern 0-9"),
    },
    "unknown_indicator": {
        "en": (
            "unknown indicator '{value}'",
            "{suggestion}use an indicator of the catalog (see the About page)",
        ),
        "de": (
            "unbekannter Indikator „{value}“",
            "{suggestion}verwenden Sie einen Indikator des Katalogs (siehe Seite „Über“)",
        ),
    },
    "unknown_region": {
        "en": (
            "unknown region '{value}'",
            "{suggestion}use the code of a region of the catalog (see the About page)",
        ),
        "de": (
            "unbekannte Region „{value}“",
            "{suggestion}verwenden Sie den Code einer Region des Katalogs (siehe Seite „Über“)",
        ),
    },
    "unknown_source": {
        "en": (
            "unknown source '{value}'",
            "{suggestion}use a source of the catalog, or add the new one in the editor's form 'Add a source'",
        ),
        "de": (
            "unbekannte Quelle „{value}“",
            "{suggestion}verwenden Sie eine Quelle des Katalogs oder legen Sie die neue im Formular "
            "„Quelle hinzufügen“ der Redaktion an",
        ),
    },
    "unknown_breakdown": {
        "en": (
            "unknown breakdown '{value}'",
            "{suggestion}leave it empty for the total, or use a sector or organisation of the catalog",
        ),
        "de": (
            "unbekannte Untergliederung „{value}“",
            "{suggestion}lassen Sie sie für die Summe leer oder verwenden Sie eine Branche oder "
            "Organisation des Katalogs",
        ),
    },
    "unknown_status": {
        "en": ("unknown status '{value}'", "{suggestion}use one of: {choices}"),
        "de": ("unbekannter Status „{value}“", "{suggestion}verwenden Sie einen von: {choices}"),
    },
    "unknown_qualifier": {
        "en": ("unknown qualifier '{value}'", "{suggestion}leave it empty or use one of: {choices}"),
        "de": ("unbekannte Formulierung „{value}“", "{suggestion}leer lassen oder eine von: {choices}"),
    },
    "bad_period": {
        "en": (
            "'{value}' is not a period",
            "write a year (2023), quarter (2023-Q2), month (2023-06) or day (2023-06-30)",
        ),
        "de": (
            "„{value}“ ist kein Zeitraum",
            "schreiben Sie ein Jahr (2023), Quartal (2023-Q2), einen Monat (2023-06) oder Tag (2023-06-30)",
        ),
    },
    "bad_value": {
        "en": (
            "value '{value}' is not a finite number",
            "write a plain number such as 76000 or 4.2 (no units or text)",
        ),
        "de": (
            "der Wert „{value}“ ist keine endliche Zahl",
            "schreiben Sie eine einfache Zahl wie 76000 oder 4,2 (ohne Einheit und Text)",
        ),
    },
    "unit_mismatch": {
        "en": (
            "unit '{unit}' disagrees with the indicator {indicator}",
            "convert the value to '{expected}' and write that unit (or leave unit empty)",
        ),
        "de": (
            "die Einheit „{unit}“ passt nicht zum Indikator {indicator}",
            "rechnen Sie den Wert in „{expected}“ um und schreiben Sie diese Einheit (oder lassen Sie die "
            "Einheit leer)",
        ),
    },
    "duplicate_key": {
        "en": (
            "same indicator, region, breakdown, period and source as row {first}",
            "keep one of the two rows",
        ),
        "de": (
            "gleicher Indikator, gleiche Region, Untergliederung, Zeitraum und Quelle wie Zeile {first}",
            "behalten Sie eine der beiden Zeilen",
        ),
    },
    "has_no_rows": {
        "en": ("has no data rows", "add at least one row below the header"),
        "de": ("hat keine Datenzeilen", "fügen Sie unter der Kopfzeile Zeilen hinzu"),
    },
    # -- numbers ---------------------------------------------------------------------------------
    "number_conflict": {
        "en": (
            "value '{value}' is written in the other number format than the rest of the file",
            "write every value in one format; most of this file is {style}",
        ),
        "de": (
            "der Wert „{value}“ ist im anderen Zahlenformat geschrieben als der Rest der Datei",
            "schreiben Sie alle Werte in einem Format; der Großteil dieser Datei ist {style}",
        ),
    },
    "number_ambiguous": {
        "en": (
            "'{value}' reads as {english} in English notation but as {german} in German notation, "
            "and {evidence}",
            "write the number without a separator ({english_plain} or {german_plain}), or say which "
            "notation the file uses: --numbers en|de on the command line, 'Number format' in the editor",
        ),
        "de": (
            "„{value}“ ist in englischer Schreibweise {english}, in deutscher aber {german}, und {evidence}",
            "schreiben Sie die Zahl ohne Trennzeichen ({english_plain} oder {german_plain}) oder geben Sie "
            "die Schreibweise der Datei an: --numbers en|de auf der Kommandozeile, „Zahlenformat“ in der "
            "Redaktion",
        ),
    },
    "number_not_in_style": {
        "en": (
            "'{value}' is not a number in {notation} notation, which was chosen for this file",
            "write it as {converted}, or choose the other notation",
        ),
        "de": (
            "„{value}“ ist keine Zahl in {notation} Schreibweise, die für diese Datei gewählt wurde",
            "schreiben Sie {converted} oder wählen Sie die andere Schreibweise",
        ),
    },
    # -- sources added in the editor ---------------------------------------------------------------
    "source_slug": {
        "en": (
            "'{value}' is not a usable short name",
            "use 3-80 lowercase letters, digits and hyphens: publisher and date, e.g. {example}",
        ),
        "de": (
            "„{value}“ ist kein verwendbarer Kurzname",
            "verwenden Sie 3-80 Kleinbuchstaben, Ziffern und Bindestriche: Herausgeber und Datum, "
            "z. B. {example}",
        ),
    },
    "source_exists": {
        "en": ("source '{value}' already exists", "choose it in the form"),
        "de": ("die Quelle „{value}“ gibt es schon", "wählen Sie sie im Formular"),
    },
    "source_url": {
        "en": ("is not a web address", "start it with https://"),
        "de": ("ist keine Webadresse", "beginnen Sie sie mit https://"),
    },
    "source_published": {
        "en": ("'{value}' is not a date", "write the publication date as 2025, 2025-06 or 2025-06-30"),
        "de": (
            "„{value}“ ist kein Datum",
            "schreiben Sie das Veröffentlichungsdatum als 2025, 2025-06 oder 2025-06-30",
        ),
    },
    "source_kind": {
        "en": ("'{value}' is not a kind of source", "choose one of {kinds}"),
        "de": ("„{value}“ ist keine Art von Quelle", "wählen Sie eine von {kinds}"),
    },
    "too_long": {
        "en": ("has {length} characters, more than {limit}", "shorten it"),
        "de": ("hat {length} Zeichen, mehr als {limit}", "kürzen Sie es"),
    },
    # -- reference catalogs (maintainers) ----------------------------------------------------------
    "catalog_missing_column": {
        "en": ("missing column '{name}'", "add it to the header row"),
        "de": ("die Spalte „{name}“ fehlt", "ergänzen Sie sie in der Kopfzeile"),
    },
    "catalog_bad_number": {
        "en": ("{detail}", "write a whole number"),
        "de": ("{detail}", "schreiben Sie eine ganze Zahl"),
    },
    "catalog_empty_key": {
        "en": ("empty key", "fill it in"),
        "de": ("leerer Schlüssel", "füllen Sie ihn aus"),
    },
    "catalog_duplicate": {
        "en": ("duplicate '{value}'", "keep one row"),
        "de": ("„{value}“ kommt doppelt vor", "behalten Sie eine Zeile"),
    },
    # -- plausibility warnings -------------------------------------------------------------------
    "warn_change": {
        "en": (
            "{value} is {factor} times the current value {current} ({compared})",
            "check the value and its unit (thousands, millions); if it is right, save anyway",
        ),
        "de": (
            "{value} ist das {factor}-Fache des aktuellen Werts {current} ({compared})",
            "prüfen Sie den Wert und seine Einheit (Tausend, Millionen); stimmt er, speichern Sie trotzdem",
        ),
    },
    "warn_drop": {
        "en": (
            "{value} is a drop of {percent} % from the current value {current} ({compared})",
            "check the value and its unit (thousands, millions); if it is right, save anyway",
        ),
        "de": (
            "{value} ist ein Rückgang um {percent} % gegenüber dem aktuellen Wert {current} ({compared})",
            "prüfen Sie den Wert und seine Einheit (Tausend, Millionen); stimmt er, speichern Sie trotzdem",
        ),
    },
    "warn_not_whole": {
        "en": (
            "{value} is not a whole number, but the unit is {unit}",
            "check for a misplaced decimal separator",
        ),
        "de": (
            "{value} ist keine ganze Zahl, die Einheit ist aber {unit}",
            "prüfen Sie, ob ein Dezimaltrennzeichen falsch gesetzt ist",
        ),
    },
    "warn_negative": {
        "en": ("{value} is negative, but {unit} cannot be", "check the sign"),
        "de": ("{value} ist negativ, {unit} kann das aber nicht sein", "prüfen Sie das Vorzeichen"),
    },
    "warn_future": {
        "en": (
            "is {status} for {period}, which has not begun yet (today is {today})",
            "use status estimate, projection or target for the future, or check the period",
        ),
        "de": (
            "ist {status} für {period}, der noch nicht begonnen hat (heute ist der {today})",
            "verwenden Sie für die Zukunft den Status estimate, projection oder target, oder prüfen Sie "
            "den Zeitraum",
        ),
    },
    "warn_early": {
        "en": ("the period {period} is before 1900", "check the year"),
        "de": ("der Zeitraum {period} liegt vor 1900", "prüfen Sie das Jahr"),
    },
    # -- notes: said, never blocking ---------------------------------------------------------------
    "note_encoding": {
        "en": ("read as {encoding}", ""),
        "de": ("gelesen als {encoding}", ""),
    },
    "note_other_sheets": {
        "en": ("read the sheet '{sheet}'; not read: {others}", ""),
        "de": ("gelesen wurde das Blatt „{sheet}“; nicht gelesen: {others}", ""),
    },
    "note_rows_above_header": {
        "en": ("the header row is row {header_row}; the rows above it were not read", ""),
        "de": ("die Kopfzeile ist Zeile {header_row}; die Zeilen darüber wurden nicht gelesen", ""),
    },
    # -- errors of whole operations ----------------------------------------------------------------
    "validation": {
        "en": ("{count} problems; nothing was written", ""),
        "de": ("{count} Probleme; nichts wurde gespeichert", ""),
    },
    "warnings_not_accepted": {
        "en": ("{count} warnings; nothing was written. Check them, then save anyway", ""),
        "de": (
            "{count} Warnungen; nichts wurde gespeichert. Prüfen Sie sie und speichern Sie dann trotzdem",
            "",
        ),
    },
    "undo_unknown_run": {
        "en": ("import run {run} does not exist", ""),
        "de": ("den Importlauf {run} gibt es nicht", ""),
    },
    "undo_failed_run": {
        "en": ("import run {run} did not succeed ({status}); there is nothing to undo", ""),
        "de": ("der Importlauf {run} ist nicht gelungen ({status}); es gibt nichts rückgängig zu machen", ""),
    },
    "undo_already": {
        "en": ("import run {run} was already undone by run {undo}", ""),
        "de": ("der Importlauf {run} wurde schon mit Lauf {undo} rückgängig gemacht", ""),
    },
    "source_exists_error": {
        "en": ("source '{value}' already exists; choose it instead", ""),
        "de": ("die Quelle „{value}“ gibt es schon; wählen Sie sie aus", ""),
    },
}

# Names of things that appear inside messages, for both languages.
WORDS: dict[str, dict[str, str]] = {
    "style.de": {"en": "German (4,2)", "de": "deutsch (4,2)"},
    "style.en": {"en": "English (4.2)", "de": "englisch (4.2)"},
    "notation.de": {"en": "German", "de": "deutscher"},
    "notation.en": {"en": "English", "de": "englischer"},
    "supported": {
        "en": "a CSV (UTF-8 or Windows-1252; ',' or ';' separated) or an XLSX file in the staff template",
        "de": "eine CSV-Datei (UTF-8 oder Windows-1252; mit ',' oder ';' getrennt) oder eine XLSX-Datei "
        "in der Vorlage",
    },
    "encoding.utf-8": {"en": "UTF-8", "de": "UTF-8"},
    "encoding.utf-8-sig": {"en": "UTF-8 (with byte order mark)", "de": "UTF-8 (mit Byte-Order-Mark)"},
    "encoding.windows-1252": {
        "en": "Windows-1252 (German Excel's 'CSV' format)",
        "de": "Windows-1252 (das „CSV“-Format des deutschen Excel)",
    },
    "compared.same_key": {"en": "the same row now", "de": "dieselbe Zeile jetzt"},
    "compared.series": {"en": "{period} of the same series", "de": "{period} derselben Reihe"},
    "evidence.none": {
        "en": "nothing else in the file shows which notation it uses",
        "de": "nichts sonst in der Datei zeigt, welche Schreibweise sie verwendet",
    },
    "evidence.decimals": {
        "en": "this file writes no other number with three decimals",
        "de": "diese Datei schreibt keine andere Zahl mit drei Nachkommastellen",
    },
    "suggestion": {"en": "did you mean {choices}? Otherwise ", "de": "meinten Sie {choices}? Sonst "},
    "suggestion_column": {
        "en": "did you mean '{choice}'?",
        "de": "meinten Sie „{choice}“?",
    },
    "note_language_column": {
        "en": "did you mean '{choice}'? The English note goes in 'note', the German one in 'note_de'",
        "de": "meinten Sie „{choice}“? Die englische Anmerkung gehört in „note“, die deutsche in „note_de“",
    },
    "remove_column": {
        "en": "remove it or rename it to a template column",
        "de": "entfernen Sie sie oder benennen Sie sie wie eine Spalte der Vorlage",
    },
    "or": {"en": " or ", "de": " oder "},
}


def word(key: str, **params: object) -> dict[str, str]:
    """A text of WORDS in both languages, with its params filled in: a ready {"en", "de"} param."""
    return {lang: _fill(WORDS[key][lang], params, lang) for lang in LANGS}


def format_number(value: float, lang: str = "en") -> str:
    """76000 -> '76,000' / '76.000'; 4.25 -> '4.25' / '4,25' (up to six decimals, none if whole)."""
    if not math.isfinite(value):
        return str(value)
    decimals = 0
    while decimals < 6 and abs(round(value, decimals) - value) > 1e-9 * max(1.0, abs(value)):
        decimals += 1
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _param(value: object, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or "")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return format_number(float(value), lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(_param(v, lang) for v in value)
    return "" if value is None else str(value)


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, params: Mapping, lang: str) -> str:
    return template.format_map(_Keep({k: _param(v, lang) for k, v in params.items()}))


def texts(code: str, params: Mapping, lang: str = "en") -> tuple[str, str]:
    """(message, fix) of a code in a language."""
    entry = MESSAGES[code]
    message, fix = entry.get(lang) or entry["en"]
    return _fill(message, params, lang), _fill(fix, params, lang)


def problem(
    code: str, row: int | None = None, column: str | None = None, severity: str = ERROR, **params: object
) -> Problem:
    """A Problem of a known code, its English message and fix filled in from MESSAGES."""
    message, fix = texts(code, params, "en")
    return Problem(message, row, column, fix, code=code, params=params, severity=severity)


def warning(code: str, row: int | None = None, column: str | None = None, **params: object) -> Problem:
    return problem(code, row, column, WARNING, **params)


def note(code: str, **params: object) -> Problem:
    return problem(code, None, None, NOTE, **params)


def render(item: Problem, lang: str = "en") -> tuple[str, str]:
    """(message, fix) of a problem in the reader's language (English text if it has no known code)."""
    if item.code in MESSAGES and lang in LANGS:
        return texts(item.code, item.params, lang)
    return item.message, item.fix


def error_text(error: Exception, lang: str = "en") -> str:
    """An error's message in the reader's language (its own text when it has no known code)."""
    code = getattr(error, "code", "")
    if isinstance(error, RegiometerError) and code in MESSAGES:
        return texts(code, error.params, lang)[0]
    return str(error)
