"""Regions: English and German texts, registered by dashboard/pages/regions.py."""

TEXTS = {  # key (without 'regions.'): (English, German)
    "heading": ("Regions compared", "Regionen im Vergleich"),
    "lead": (
        "Saxony, its three statistical regions and 13 districts, Germany and the EU side by side on every "
        "indicator published for at least two of them, within the same period.",
        "Sachsen, seine drei statistischen Regionen und 13 Kreise, Deutschland und die EU nebeneinander, "
        "für jeden Indikator mit Zahlen für mindestens zwei davon, im selben Zeitraum.",
    ),
    "highlight": ("Highlight", "Hervorheben"),
    "none": ("None", "Keine"),
    "per_capita": ("Per 1,000 inhabitants", "Je 1.000 Einwohner"),
    "per_capita_help": (
        "Per 1,000 inhabitants is offered for counts of persons and companies and for amounts in euros, "
        "using each region's population in the nearest year.",
        "„Je 1.000 Einwohner“ gibt es für Personen- und Unternehmenszahlen und für Euro-Beträge, mit der "
        "Bevölkerung der Region im nächstgelegenen Jahr.",
    ),
    "regions_count": ("{count} regions", "{count} Regionen"),
    "bars_title": ("{indicator} by region", "{indicator} nach Regionen"),
    "map_title": ("{indicator} by district", "{indicator} nach Kreisen"),
    "inhabitants": ("inhabitants", "Einwohner"),
    "population_used": ("Population used", "Verwendete Bevölkerung"),
    "no_population": (
        "Not shown per 1,000 inhabitants (no population figure): {regions}.",
        "Nicht je 1.000 Einwohner dargestellt (keine Bevölkerungszahl): {regions}.",
    ),
    "no_indicators": (
        "No indicator has figures for two or more regions yet. Load official statistics with:",
        "Noch hat kein Indikator Zahlen für zwei oder mehr Regionen. Laden Sie amtliche Statistik mit:",
    ),
    "no_boundaries": (
        "The district map needs the administrative boundaries, which are not downloaded yet. Run:",
        "Die Kreiskarte braucht die Verwaltungsgrenzen, die noch nicht heruntergeladen sind. Führen Sie aus:",
    ),
    "no_districts": (
        "No district figures for this indicator and period, so there is no map.",
        "Für diesen Indikator und Zeitraum gibt es keine Kreiszahlen, daher keine Karte.",
    ),
}
