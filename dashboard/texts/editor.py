"""Editor: English and German texts, registered by dashboard/pages/editor.py."""

TEXTS = {
    "editor.heading": {"en": "Update the data", "de": "Daten aktualisieren"},
    "editor.signed_in": {"en": "Signed in as {name} ({role}).", "de": "Angemeldet als {name} ({role})."},
    "editor.logout": {"en": "Log out", "de": "Abmelden"},
    "editor.changes_link": {"en": "Changelog and undo", "de": "Änderungsprotokoll und Rückgängig"},
    "editor.upload_heading": {"en": "Upload a file", "de": "Datei hochladen"},
    "editor.upload_help": {
        "en": "CSV (UTF-8, ',' or ';') or Excel in the staff template. Every problem is listed before "
        "anything is saved.",
        "de": "CSV (UTF-8, ',' oder ';') oder Excel in der Vorlage. Alle Probleme werden angezeigt, "
        "bevor etwas gespeichert wird.",
    },
    "editor.template": {"en": "Template:", "de": "Vorlage:"},
    "editor.drop": {
        "en": "Drop a file here or click to choose one",
        "de": "Datei hierher ziehen oder klicken",
    },
    "editor.numbers": {"en": "Number format", "de": "Zahlenformat"},
    "editor.numbers.auto": {"en": "detect", "de": "erkennen"},
    "editor.numbers.de": {"en": "German (76.000 / 4,2)", "de": "deutsch (76.000 / 4,2)"},
    "editor.numbers.en": {"en": "English (76,000 / 4.2)", "de": "englisch (76,000 / 4.2)"},
    "editor.commit": {"en": "Save these changes", "de": "Änderungen speichern"},
    "editor.cancel": {"en": "Cancel", "de": "Abbrechen"},
    "editor.saved": {
        "en": "Saved as import run {run}: {new} new, {changed} changed, {unchanged} unchanged.",
        "de": "Gespeichert als Importlauf {run}: {new} neu, {changed} geändert, {unchanged} unverändert.",
    },
    "editor.nothing_to_save": {"en": "Nothing to save.", "de": "Nichts zu speichern."},
    "editor.cancelled": {
        "en": "Cancelled; nothing was saved.",
        "de": "Abgebrochen; nichts wurde gespeichert.",
    },
    "editor.value_heading": {
        "en": "Add or correct one value",
        "de": "Einen Wert ergänzen oder korrigieren",
    },
    "editor.check": {"en": "Check", "de": "Prüfen"},
    "editor.save_value": {"en": "Save value", "de": "Wert speichern"},
    "editor.source_heading": {"en": "Add a source", "de": "Quelle hinzufügen"},
    "editor.add_source": {"en": "Add source", "de": "Quelle hinzufügen"},
    "editor.source_added": {"en": "Source '{slug}' added.", "de": "Quelle '{slug}' hinzugefügt."},
    "editor.field.slug": {"en": "Short name (slug)", "de": "Kurzname (Slug)"},
    "editor.field.publisher": {"en": "Publisher", "de": "Herausgeber"},
    "editor.field.title": {"en": "Title", "de": "Titel"},
    "editor.field.url": {"en": "URL", "de": "URL"},
    "editor.field.published": {"en": "Published (YYYY-MM-DD)", "de": "Veröffentlicht (JJJJ-MM-TT)"},
    "editor.field.note": {"en": "Note", "de": "Anmerkung"},
    "editor.field.qualifier": {"en": "Wording", "de": "Formulierung"},
    "editor.bad_file": {
        "en": "The upload could not be read.",
        "de": "Die Datei konnte nicht gelesen werden.",
    },
}
