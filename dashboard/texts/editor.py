"""Editor, changelog, audit log, login and lockout: English and German texts.

Registered by dashboard/editor_views.py (which every editor page, dashboard.auth and the login page
import). The messages of the import itself (problems, warnings, notes) are etl's: etl/messages.py.
"""

TEXTS = {
    # -- the editor page ---------------------------------------------------------------------------
    "editor.heading": {"en": "Update the data", "de": "Daten aktualisieren"},
    "editor.signed_in": {"en": "Signed in as {name} ({role}).", "de": "Angemeldet als {name} ({role})."},
    "editor.logout": {"en": "Log out", "de": "Abmelden"},
    "editor.changes_link": {"en": "Changelog and undo", "de": "Änderungsprotokoll und Rückgängig"},
    "editor.audit_link": {"en": "Audit log", "de": "Audit-Protokoll"},
    "editor.upload_heading": {"en": "Upload a file", "de": "Datei hochladen"},
    "editor.upload_help": {
        "en": "CSV (UTF-8 or Windows-1252, ',' or ';' separated) or Excel in the staff template, at most "
        "{limit} MB. Every problem is listed before anything is saved.",
        "de": "CSV (UTF-8 oder Windows-1252, mit ',' oder ';' getrennt) oder Excel in der Vorlage, höchstens "
        "{limit} MB. Alle Probleme werden angezeigt, bevor etwas gespeichert wird.",
    },
    "editor.template": {"en": "Template:", "de": "Vorlage:"},
    "editor.template_xlsx": {
        "en": "Excel with drop-down lists",
        "de": "Excel mit Auswahllisten",
    },
    "editor.template_csv": {"en": "CSV (header only)", "de": "CSV (nur Kopfzeile)"},
    "editor.drop": {
        "en": "Drop a file here or click to choose one",
        "de": "Datei hierher ziehen oder klicken",
    },
    "editor.too_large": {
        "en": "{name} has {size} MB; files may have at most {limit} MB. Split it into smaller files.",
        "de": "{name} hat {size} MB; Dateien dürfen höchstens {limit} MB haben. Teilen Sie sie in kleinere "
        "Dateien auf.",
    },
    "editor.file": {"en": "File: {name}", "de": "Datei: {name}"},
    "editor.numbers": {"en": "Number format", "de": "Zahlenformat"},
    "editor.numbers.auto": {"en": "detect from the file", "de": "aus der Datei erkennen"},
    "editor.numbers.de": {"en": "German (76.000 / 4,2)", "de": "deutsch (76.000 / 4,2)"},
    "editor.numbers.en": {"en": "English (76,000 / 4.2)", "de": "englisch (76,000 / 4.2)"},
    "editor.commit": {"en": "Save these changes", "de": "Änderungen speichern"},
    "editor.cancel": {"en": "Cancel", "de": "Abbrechen"},
    "editor.accept": {
        "en": "I have checked the warnings above: save anyway",
        "de": "Ich habe die Warnungen oben geprüft: trotzdem speichern",
    },
    "editor.saved": {
        "en": "Saved as import run {run}: {new} new, {changed} changed, {unchanged} unchanged.",
        "de": "Gespeichert als Importlauf {run}: {new} neu, {changed} geändert, {unchanged} unverändert.",
    },
    "editor.saved_warnings": {
        "en": "Saved with {count} accepted warnings.",
        "de": "Gespeichert mit {count} akzeptierten Warnungen.",
    },
    "editor.saved_warnings.one": {
        "en": "Saved with 1 accepted warning.",
        "de": "Gespeichert mit 1 akzeptierten Warnung.",
    },
    "editor.nothing_to_save": {"en": "Nothing to save.", "de": "Nichts zu speichern."},
    "editor.cancelled": {
        "en": "Cancelled; nothing was saved.",
        "de": "Abgebrochen; nichts wurde gespeichert.",
    },
    "editor.not_accepted": {
        "en": "Not saved: the warnings below need your decision. Tick 'save anyway' if the values are right.",
        "de": "Nicht gespeichert: Die Warnungen unten brauchen Ihre Entscheidung. Kreuzen Sie „trotzdem "
        "speichern“ an, wenn die Werte stimmen.",
    },
    "editor.value_heading": {
        "en": "Add or correct one value",
        "de": "Einen Wert ergänzen oder korrigieren",
    },
    "editor.value_help": {
        "en": "Numbers are read in English notation on this page: 1,620 is one thousand six hundred and "
        "twenty, 4.2 is four point two.",
        "de": "Zahlen werden auf dieser Seite in deutscher Schreibweise gelesen: 1.620 ist "
        "eintausendsechshundertzwanzig, 4,2 ist vier Komma zwei.",
    },
    "editor.understood": {"en": "Read as {number}", "de": "Gelesen als {number}"},
    "editor.understood_other": {
        "en": "Read as {number} (in German notation it would be {other})",
        "de": "Gelesen als {number} (in englischer Schreibweise wäre es {other})",
    },
    "editor.not_understood": {
        "en": "'{text}' is not a number",
        "de": "„{text}“ ist keine Zahl",
    },
    "editor.check": {"en": "Check", "de": "Prüfen"},
    "editor.save_value": {"en": "Save value", "de": "Wert speichern"},
    "editor.value_changed": {
        "en": "The form changed since the check: check the new value, then save.",
        "de": "Das Formular wurde seit der Prüfung geändert: prüfen Sie den neuen Wert und speichern Sie "
        "dann.",
    },
    "editor.source_heading": {"en": "Add a source", "de": "Quelle hinzufügen"},
    "editor.add_source": {"en": "Add source", "de": "Quelle hinzufügen"},
    "editor.source_added": {"en": "Source '{slug}' added.", "de": "Quelle „{slug}“ hinzugefügt."},
    "editor.field.slug": {"en": "Short name (slug)", "de": "Kurzname (Slug)"},
    "editor.field.publisher": {"en": "Publisher", "de": "Herausgeber"},
    "editor.field.title": {"en": "Title", "de": "Titel"},
    "editor.field.url": {"en": "URL", "de": "URL"},
    "editor.field.published": {"en": "Published (YYYY-MM-DD)", "de": "Veröffentlicht (JJJJ-MM-TT)"},
    "editor.field.note": {"en": "Note", "de": "Anmerkung"},
    "editor.field.qualifier": {"en": "Wording", "de": "Formulierung"},
    # -- problems, warnings and the preview --------------------------------------------------------
    "editor.problems": {
        "en": "{count} problems found. Nothing was saved. Fix them all and upload the file again.",
        "de": "{count} Probleme gefunden. Nichts wurde gespeichert. Beheben Sie alle und laden Sie die "
        "Datei erneut hoch.",
    },
    "editor.problems.one": {
        "en": "1 problem found. Nothing was saved. Fix it and upload the file again.",
        "de": "1 Problem gefunden. Nichts wurde gespeichert. Beheben Sie es und laden Sie die Datei erneut "
        "hoch.",
    },
    "editor.warnings": {
        "en": "{count} warnings: these values are valid but look wrong. Check each one before saving.",
        "de": "{count} Warnungen: Diese Werte sind gültig, sehen aber falsch aus. Prüfen Sie jede vor dem "
        "Speichern.",
    },
    "editor.warnings.one": {
        "en": "1 warning: this value is valid but looks wrong. Check it before saving.",
        "de": "1 Warnung: Dieser Wert ist gültig, sieht aber falsch aus. Prüfen Sie ihn vor dem Speichern.",
    },
    "editor.more_of_kind": {
        "en": "… and {count} more rows with the same problem",
        "de": "… und {count} weitere Zeilen mit demselben Problem",
    },
    "editor.col.row": {"en": "Row", "de": "Zeile"},
    "editor.col.column": {"en": "Column", "de": "Spalte"},
    "editor.col.problem": {"en": "Problem", "de": "Problem"},
    "editor.col.warning": {"en": "Warning", "de": "Warnung"},
    "editor.col.current": {"en": "Current value", "de": "Aktueller Wert"},
    "editor.col.fix": {"en": "How to fix it", "de": "So beheben Sie es"},
    "editor.col.key": {"en": "Series", "de": "Reihe"},
    "editor.col.old": {"en": "Old value", "de": "Alter Wert"},
    "editor.col.new": {"en": "New value", "de": "Neuer Wert"},
    "editor.col.before": {"en": "Headline now", "de": "Schlagzeile jetzt"},
    "editor.col.after": {"en": "Headline after", "de": "Schlagzeile danach"},
    "editor.col.change": {"en": "Change", "de": "Änderung"},
    "editor.summary": {
        "en": "{new} new, {changed} changed, {unchanged} unchanged rows.",
        "de": "{new} neue, {changed} geänderte, {unchanged} unveränderte Zeilen.",
    },
    "editor.new_rows": {"en": "New values", "de": "Neue Werte"},
    "editor.changed_rows": {"en": "Changed values", "de": "Geänderte Werte"},
    "editor.moves": {"en": "Headline numbers that move", "de": "Schlagzeilen-Zahlen, die sich ändern"},
    "editor.no_moves": {"en": "No headline number moves.", "de": "Keine Schlagzeilen-Zahl ändert sich."},
    "editor.more_rows": {"en": "… and {count} more", "de": "… und {count} weitere"},
    "editor.numbers_note": {"en": "Numbers: {reason}", "de": "Zahlen: {reason}"},
    "editor.numbers.forced": {"en": "read as chosen above", "de": "wie oben gewählt gelesen"},
    "editor.numbers.detected.de": {
        "en": "German format detected (decimal comma, e.g. '{example}')",
        "de": "deutsches Format erkannt (Dezimalkomma, z. B. „{example}“)",
    },
    "editor.numbers.detected.en": {
        "en": "English format detected (decimal point, e.g. '{example}')",
        "de": "englisches Format erkannt (Dezimalpunkt, z. B. „{example}“)",
    },
    "editor.numbers.whole": {"en": "whole numbers only", "de": "nur ganze Zahlen"},
    "editor.numbers.mixed": {"en": "mixed formats", "de": "gemischte Formate"},
    "editor.numbers.undecided": {
        "en": "some values could be read two ways",
        "de": "einige Werte sind mehrdeutig",
    },
    "editor.change.added": {"en": "added", "de": "hinzugefügt"},
    "editor.change.replaced": {"en": "replaced", "de": "ersetzt"},
    # -- the changelog -----------------------------------------------------------------------------
    "changes.heading": {"en": "Changelog", "de": "Änderungsprotokoll"},
    "changes.help": {
        "en": "Every load, upload, edit and undo, newest first. Undo adds revisions that restore the "
        "previous values; nothing is deleted.",
        "de": "Jeder Import, Upload, jede Korrektur und jedes Rückgängigmachen, das Neueste zuerst. "
        "Rückgängig fügt Revisionen hinzu, die die vorherigen Werte wiederherstellen; nichts wird gelöscht.",
    },
    "changes.pick": {"en": "Show what a run changed", "de": "Anzeigen, was ein Lauf geändert hat"},
    "changes.undo": {"en": "Undo this run", "de": "Diesen Lauf rückgängig machen"},
    "changes.confirm": {
        "en": "Undo run {run} ({what}, {when}, by {who}): {counts}? Its values are taken back and the values "
        "before it come back; nothing is deleted.",
        "de": "Lauf {run} rückgängig machen ({what}, {when}, von {who}): {counts}? Seine Werte werden "
        "zurückgenommen und die Werte davor kommen zurück; nichts wird gelöscht.",
    },
    "changes.undone": {
        "en": "Run {run} undone as run {undo}: {restored} restored, {withdrawn} withdrawn, "
        "{skipped} left alone (changed again later).",
        "de": "Lauf {run} rückgängig gemacht als Lauf {undo}: {restored} wiederhergestellt, {withdrawn} "
        "zurückgezogen, {skipped} unverändert gelassen (später erneut geändert).",
    },
    "changes.col.run": {"en": "Run", "de": "Lauf"},
    "changes.col.when": {"en": "When", "de": "Wann"},
    "changes.col.kind": {"en": "Kind", "de": "Art"},
    "changes.col.who": {"en": "Who", "de": "Wer"},
    "changes.col.what": {"en": "What", "de": "Was"},
    "changes.col.counts": {"en": "Values", "de": "Werte"},
    "changes.col.status": {"en": "Status", "de": "Status"},
    "changes.counts": {
        "en": "{new} new, {changed} changed, {unchanged} unchanged",
        "de": "{new} neu, {changed} geändert, {unchanged} unverändert",
    },
    "changes.undo_counts": {
        "en": "{restored} restored, {withdrawn} withdrawn, {skipped} left alone",
        "de": "{restored} wiederhergestellt, {withdrawn} zurückgezogen, {skipped} unverändert gelassen",
    },
    "changes.kind.seed": {"en": "curated figures", "de": "kuratierte Zahlen"},
    "changes.kind.source": {"en": "official source", "de": "amtliche Quelle"},
    "changes.kind.staff": {"en": "upload", "de": "Upload"},
    "changes.kind.edit": {"en": "single value", "de": "Einzelwert"},
    "changes.kind.undo": {"en": "undo", "de": "Rückgängig"},
    "changes.kind.catalog": {"en": "new source", "de": "neue Quelle"},
    "changes.what.undo": {"en": "undo of run {run}", "de": "Rückgängig von Lauf {run}"},
    "changes.status.succeeded": {"en": "saved", "de": "gespeichert"},
    "changes.status.failed": {"en": "failed (nothing saved)", "de": "fehlgeschlagen (nichts gespeichert)"},
    "changes.status.running": {"en": "running", "de": "läuft"},
    "changes.status.undone": {"en": "undone by run {undo}", "de": "rückgängig gemacht durch Lauf {undo}"},
    "changes.status.partly": {
        "en": "partly undone by run {undo}: {pending} values keep a later change",
        "de": "teilweise rückgängig gemacht durch Lauf {undo}: {pending} Werte behalten eine spätere "
        "Änderung",
    },
    "changes.status.partly.one": {
        "en": "partly undone by run {undo}: 1 value keeps a later change",
        "de": "teilweise rückgängig gemacht durch Lauf {undo}: 1 Wert behält eine spätere Änderung",
    },
    "changes.status.warnings": {
        "en": "{count} warnings accepted",
        "de": "{count} Warnungen akzeptiert",
    },
    "changes.status.warnings.one": {"en": "1 warning accepted", "de": "1 Warnung akzeptiert"},
    "changes.option.undone": {"en": "undone by run {undo}", "de": "rückgängig durch Lauf {undo}"},
    "changes.back": {"en": "Back to the editor", "de": "Zurück zur Redaktion"},
    # -- the audit log -----------------------------------------------------------------------------
    "audit.heading": {"en": "Audit log", "de": "Audit-Protokoll"},
    "audit.col.at": {"en": "When", "de": "Wann"},
    "audit.col.user": {"en": "User", "de": "Benutzer"},
    "audit.col.action": {"en": "What happened", "de": "Was geschah"},
    "audit.col.address": {"en": "Address", "de": "Adresse"},
    "audit.unknown_user": {"en": "(unknown name)", "de": "(unbekannter Name)"},
    "audit.login": {"en": "Logged in as {role}.", "de": "Angemeldet als {role}."},
    "audit.logout": {"en": "Logged out.", "de": "Abgemeldet."},
    "audit.login_failed": {"en": "Login failed: {reason}.", "de": "Anmeldung fehlgeschlagen: {reason}."},
    "audit.login_refused": {
        "en": "Login refused: too many failed logins.",
        "de": "Anmeldung verweigert: zu viele fehlgeschlagene Anmeldungen.",
    },
    "audit.reason.unknown account": {"en": "unknown account", "de": "unbekanntes Konto"},
    "audit.reason.wrong password": {"en": "wrong password", "de": "falsches Passwort"},
    "audit.reason.account disabled": {"en": "account disabled", "de": "Konto gesperrt"},
    "audit.upload": {
        "en": "Uploaded {file}: run {run}, {new} new, {changed} changed, {unchanged} unchanged.",
        "de": "{file} hochgeladen: Lauf {run}, {new} neu, {changed} geändert, {unchanged} unverändert.",
    },
    "audit.upload_warnings": {
        "en": " {warnings} warnings accepted.",
        "de": " {warnings} Warnungen akzeptiert.",
    },
    "audit.upload_warnings.one": {"en": " 1 warning accepted.", "de": " 1 Warnung akzeptiert."},
    "audit.upload_rejected": {
        "en": "Upload of {file} refused: {count} problems.",
        "de": "Upload von {file} abgelehnt: {count} Probleme.",
    },
    "audit.upload_rejected.one": {
        "en": "Upload of {file} refused: 1 problem.",
        "de": "Upload von {file} abgelehnt: 1 Problem.",
    },
    "audit.edit": {
        "en": "Saved one value: {series} = {value} (run {run}).",
        "de": "Einen Wert gespeichert: {series} = {value} (Lauf {run}).",
    },
    "audit.add_source": {"en": "Added the source '{slug}'.", "de": "Die Quelle „{slug}“ hinzugefügt."},
    "audit.undo": {
        "en": "Undid run {run} as run {undo}: {restored} restored, {withdrawn} withdrawn, "
        "{skipped} left alone.",
        "de": "Lauf {run} rückgängig gemacht als Lauf {undo}: {restored} wiederhergestellt, {withdrawn} "
        "zurückgezogen, {skipped} unverändert gelassen.",
    },
    "audit.user_added": {
        "en": "Added the account {name} ({role}).",
        "de": "Das Konto {name} ({role}) angelegt.",
    },
    "audit.user_disabled": {"en": "Disabled the account {name}.", "de": "Das Konto {name} gesperrt."},
    "audit.user_enabled": {"en": "Enabled the account {name}.", "de": "Das Konto {name} freigegeben."},
    "audit.password_changed": {
        "en": "Set a new password for {name}.",
        "de": "Ein neues Passwort für {name} gesetzt.",
    },
    # -- login, lockout and the guard --------------------------------------------------------------
    "login.heading": {"en": "Staff login", "de": "Anmeldung für Mitarbeitende"},
    "login.lead": {
        "en": "Association staff log in here to upload and correct figures.",
        "de": "Hier melden sich Mitarbeitende des Verbands an, um Zahlen hochzuladen und zu korrigieren.",
    },
    "login.name": {"en": "User name", "de": "Benutzername"},
    "login.password": {"en": "Password", "de": "Passwort"},
    "login.submit": {"en": "Log in", "de": "Anmelden"},
    "login.error": {
        "en": "Wrong user name or password, or the account is disabled. Please try again.",
        "de": "Benutzername oder Passwort falsch, oder das Konto ist gesperrt. Bitte erneut versuchen.",
    },
    "login.signed_in": {
        "en": "You are logged in as {name} ({role}).",
        "de": "Angemeldet als {name} ({role}).",
    },
    "login.to_editor": {"en": "Go to the editor", "de": "Zur Redaktion"},
    "login.logout": {"en": "Log out", "de": "Abmelden"},
    "login.no_account": {
        "en": "No account? An administrator creates one with 'python -m etl users add'.",
        "de": "Kein Konto? Eine Administratorin legt es mit 'python -m etl users add' an.",
    },
    "auth.please_login": {
        "en": "This page is for association staff. Please log in.",
        "de": "Diese Seite ist für Mitarbeitende des Verbands. Bitte melden Sie sich an.",
    },
    "auth.login_link": {"en": "Log in", "de": "Anmelden"},
    "auth.forbidden": {
        "en": "Your account ({role}) may not open this page; it needs the role {needed}.",
        "de": "Ihr Konto ({role}) darf diese Seite nicht öffnen; dafür ist die Rolle {needed} nötig.",
    },
    "auth.role.editor": {"en": "editor", "de": "Redaktion"},
    "auth.role.admin": {"en": "administrator", "de": "Administration"},
    "auth.throttled_title": {"en": "Logging in is paused", "de": "Anmeldung vorübergehend gesperrt"},
    "auth.throttled": {
        "en": "Too many failed logins. For your security, logging in is paused for {minutes} "
        "minutes; then try again.",
        "de": "Zu viele fehlgeschlagene Anmeldungen. Zu Ihrer Sicherheit ist die Anmeldung für "
        "{minutes} Minuten gesperrt; versuchen Sie es danach erneut.",
    },
    "auth.throttled.one": {
        "en": "Too many failed logins. For your security, logging in is paused for 1 minute; then try again.",
        "de": "Zu viele fehlgeschlagene Anmeldungen. Zu Ihrer Sicherheit ist die Anmeldung für 1 Minute "
        "gesperrt; versuchen Sie es danach erneut.",
    },
    "auth.back_to_login": {"en": "Back to the login page", "de": "Zurück zur Anmeldung"},
    "auth.upload_too_large": {
        "en": "The upload is larger than the server accepts ({limit} MB). Split the file into smaller files.",
        "de": "Der Upload ist größer, als der Server annimmt ({limit} MB). Teilen Sie die Datei in kleinere "
        "Dateien auf.",
    },
}


def _plurals(texts: dict[str, dict[str, str]]) -> dict[str, dict[str, object]]:
    """'key' (other) with 'key.one' become one plural text per language, as the TOML files write them
    ({"one": ..., "other": ...}; tn() picks the CLDR form for the count)."""
    out: dict[str, dict[str, object]] = {}
    for key, value in texts.items():
        if key.endswith(".one") and key[:-4] in texts:
            continue
        one = texts.get(f"{key}.one")
        out[key] = {lang: {"one": one[lang], "other": value[lang]} for lang in value} if one else dict(value)
    return out


TEXTS = _plurals(TEXTS)
