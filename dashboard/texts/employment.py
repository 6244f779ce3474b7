"""Employment: English and German texts, registered by dashboard/pages/employment.py."""

TEXTS = {
    "employment.heading": {"en": "Employment", "de": "Beschäftigung"},
    "employment.lead": {
        "en": "People working in Saxony's microelectronics/ICT sector by field, per inhabitant and "
        "next to official statistics. Where sources disagree, both figures are shown.",
        "de": "Beschäftigte der sächsischen Mikroelektronik- und IKT-Branche nach Bereichen, je "
        "Einwohner und neben der amtlichen Statistik. Wo Quellen voneinander abweichen, stehen "
        "beide Zahlen nebeneinander.",
    },
    "employment.series": {"en": "Series", "de": "Reihen"},
    "employment.series_col": {"en": "Series", "de": "Reihe"},
    "employment.measure": {"en": "Measure", "de": "Maß"},
    "employment.absolute": {"en": "absolute", "de": "absolut"},
    "employment.total": {"en": "All microelectronics/ICT", "de": "Mikroelektronik/IKT gesamt"},
    "employment.title": {"en": "{indicator}, {region}", "de": "{indicator}, {region}"},
    "employment.pick_series": {
        "en": "Select at least one series above.",
        "de": "Wählen Sie oben mindestens eine Reihe aus.",
    },
    "employment.per1000_subtitle": {
        "en": "Per 1,000 inhabitants; population of {years}",
        "de": "Je 1.000 Einwohner; Bevölkerung von {years}",
    },
    "employment.nearest": {
        "en": " (nearest available year for {years})",
        "de": " (für {years} das nächstgelegene verfügbare Jahr)",
    },
    "employment.no_population": {
        "en": "There are no population figures for {region}, so values per 1,000 inhabitants cannot "
        "be computed. Switch to absolute numbers, or load population data with "
        "'python -m etl run genesis eurostat'.",
        "de": "Für {region} liegen keine Bevölkerungszahlen vor, daher lassen sich keine Werte je "
        "1.000 Einwohner berechnen. Wechseln Sie zu absoluten Zahlen oder laden Sie "
        "Bevölkerungsdaten mit 'python -m etl run genesis eurostat'.",
    },
    "employment.official_heading": {"en": "Official statistics", "de": "Amtliche Statistik"},
    "employment.official_title": {
        "en": "Official employment statistics, {region}",
        "de": "Amtliche Beschäftigungsstatistik, {region}",
    },
    "employment.official_missing": {
        "en": "No figures yet for {names} in {region}. They come from the official statistics "
        "connectors; load them with 'python -m etl run genesis eurostat'.",
        "de": "Noch keine Zahlen für {names} in {region}. Sie stammen aus den Schnittstellen der "
        "amtlichen Statistik; laden Sie sie mit 'python -m etl run genesis eurostat'.",
    },
    "employment.conflicts_heading": {
        "en": "Where sources disagree",
        "de": "Wo Quellen voneinander abweichen",
    },
    "employment.conflicts_intro": {
        "en": "Periods for which more than one source gives a figure. The headline figure (used in "
        "the charts) comes from the indicator's preferred source, {preferred}, otherwise from "
        "the most recently published source.",
        "de": "Zeiträume, für die mehr als eine Quelle eine Zahl nennt. Die Leitzahl (in den "
        "Diagrammen verwendet) stammt aus der bevorzugten Quelle des Indikators, {preferred}, "
        "sonst aus der zuletzt veröffentlichten Quelle.",
    },
    "employment.no_conflicts": {
        "en": "All sources agree for this region (no period has figures from two sources).",
        "de": "Für diese Region gibt es keine abweichenden Quellen (kein Zeitraum mit Zahlen aus zwei "
        "Quellen).",
    },
    "employment.headline": {"en": "headline figure", "de": "Leitzahl"},
    "employment.published": {"en": "published", "de": "veröffentlicht"},
    "employment.growth_heading": {"en": "Growth on the previous year", "de": "Wachstum zum Vorjahr"},
    "employment.no_growth": {
        "en": "No published growth rates for this region.",
        "de": "Keine veröffentlichten Wachstumsraten für diese Region.",
    },
    "employment.change": {"en": "Change", "de": "Veränderung"},
    "employment.definitions": {"en": "Definitions", "de": "Definitionen"},
}
