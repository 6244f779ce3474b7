"""Data page: English and German texts, registered by dashboard/pages/data_page.py."""

TEXTS = {
    "heading": ("Data: every figure with its source", "Daten: jede Zahl mit Quelle"),
    "lead": (
        "Filter, sort and download the figures behind all charts. Each row is one published value with its "
        "source; where sources differ, both rows are shown.",
        "Filtern, sortieren und laden Sie die Zahlen hinter allen Diagrammen herunter. Jede Zeile ist ein "
        "veröffentlichter Wert mit Quelle; weichen Quellen voneinander ab, stehen beide da.",
    ),
    "filter.indicator": ("Indicators", "Indikatoren"),
    "filter.region": ("Regions", "Regionen"),
    "filter.breakdown": ("Breakdowns", "Untergliederungen"),
    "filter.status": ("Status", "Status"),
    "filter.source": ("Sources", "Quellen"),
    "filter.from": ("From year", "Von Jahr"),
    "filter.to": ("To year", "Bis Jahr"),
    "filter.sort": ("Sort by", "Sortieren nach"),
    "filter.as_of": ("As published on", "Stand vom"),
    "as_of_placeholder": ("today (current figures)", "heute (aktueller Stand)"),
    "as_of_help": (
        "Shows the values as they stood at the end of that day (Berlin time).",
        "Zeigt die Werte, wie sie am Ende dieses Tages (Berliner Zeit) vorlagen.",
    ),
    "as_of_banner": (
        "Figures as published on {date}. Later corrections are not shown; clear the date to see the current "
        "figures.",
        "Zahlen mit Stand vom {date}. Spätere Korrekturen fehlen hier; löschen Sie das Datum, um den "
        "aktuellen Stand zu sehen.",
    ),
    "reset": ("Reset all filters", "Alle Filter zurücksetzen"),
    "count": ("{count} observations match", "{count} Beobachtungen entsprechen der Auswahl"),
    "count.one": ("1 observation matches", "1 Beobachtung entspricht der Auswahl"),
    "showing": ("showing {first}–{last}", "angezeigt: {first}–{last}"),
    "sort.period_desc": ("Period, newest first", "Zeitraum, neueste zuerst"),
    "sort.period_asc": ("Period, oldest first", "Zeitraum, älteste zuerst"),
    "sort.indicator": ("Indicator (A–Z)", "Indikator (A–Z)"),
    "sort.region": ("Region (A–Z)", "Region (A–Z)"),
    "sort.value_desc": ("Value, highest first", "Wert, höchster zuerst"),
    "sort.value_asc": ("Value, lowest first", "Wert, niedrigster zuerst"),
    "sort.source": ("Source (A–Z)", "Quelle (A–Z)"),
    "sort.revisions": ("Most revised first", "Am häufigsten geändert zuerst"),
    "col.revisions": ("Revisions", "Fassungen"),
    "revised": (
        "{count} versions: the value was changed after it was first published",
        "{count} Fassungen: der Wert wurde nach der ersten Veröffentlichung geändert",
    ),
    "download_note": (
        "Downloads hold every matching row in the columns of the staff upload template (codes, not names), "
        "so a file can be edited and imported again. Source titles and links are listed on the About page.",
        "Downloads enthalten alle passenden Zeilen in den Spalten der Upload-Vorlage (Codes statt Namen), "
        "damit eine Datei bearbeitet und wieder importiert werden kann. Titel und Links der Quellen stehen "
        "auf der Seite Über.",
    ),
    "empty": (
        "No observations match these filters. Remove a filter or widen the period.",
        "Keine Beobachtungen passen zu diesen Filtern. Entfernen Sie einen Filter oder erweitern Sie den "
        "Zeitraum.",
    ),
    "empty_as_of": (
        "No figures had been published by {date}. Choose a later date or clear the date.",
        "Bis zum {date} war noch keine Zahl veröffentlicht. Wählen Sie ein späteres Datum oder löschen Sie "
        "das Datum.",
    ),
    "pages": ("Pages of results", "Ergebnisseiten"),
    "dropdown.select_all": ("Select all", "Alle auswählen"),
    "dropdown.deselect_all": ("Deselect all", "Alle abwählen"),
    "dropdown.selected_count": ("{num_selected} selected", "{num_selected} ausgewählt"),
    "dropdown.search": ("Search", "Suchen"),
    "dropdown.clear_search": ("Clear search", "Suche löschen"),
    "dropdown.clear_selection": ("Clear selection", "Auswahl löschen"),
    "dropdown.no_options_found": ("No options found", "Keine Treffer"),
}
