"""Funding: English and German texts, registered by dashboard/pages/funding.py."""

TEXTS = {  # key (without 'funding.'): (English, German)
    "more_events": (
        "Showing the {shown} newest of {total} entries; the Data page lists them all.",
        "Angezeigt werden die {shown} neuesten von {total} Einträgen; die Seite Daten listet alle.",
    ),
    "heading": ("Investments and funding decisions", "Investitionen und Förderentscheidungen"),
    "lead": (
        "Fab investments, State aid and public funding for Saxony's microelectronics, each figure with its "
        "source. Open circles are announcements, filled circles decisions and realised investments.",
        "Investitionen in Fabriken, staatliche Beihilfen und öffentliche Förderung der sächsischen "
        "Mikroelektronik, jede Zahl mit Quelle. Offene Kreise sind Ankündigungen, gefüllte Kreise "
        "Entscheidungen und getätigte Investitionen.",
    ),
    "types": ("Show", "Anzeigen"),
    "type.investment": ("Investments", "Investitionen"),
    "type.public": ("Public funding and State aid", "Förderung und Beihilfen"),
    "type.jobs": ("Jobs announced", "Angekündigte Arbeitsplätze"),
    "scope": ("Scope", "Umfang"),
    "scope.saxony": ("Projects in Saxony", "Vorhaben in Sachsen"),
    "scope.eu": ("Plus EU-wide programmes", "Zusätzlich EU-weite Programme"),
    "level.project": ("Companies and projects in Saxony", "Unternehmen und Vorhaben in Sachsen"),
    "level.programme": ("Programmes in Saxony", "Programme in Sachsen"),
    "level.EU27_2020": ("EU-wide programmes", "EU-weite Programme"),
    "level.DE": ("Germany-wide programmes", "Bundesweite Programme"),
    "suffix.EU27_2020": ("EU-wide", "EU-weit"),
    "suffix.DE": ("Germany-wide", "bundesweit"),
    "timeline_title": (
        "Investments and funding decisions in Saxony",
        "Investitionen und Förderentscheidungen in Sachsen",
    ),
    "timeline_title_eu": (
        "Investments and funding decisions: Saxony and EU-wide programmes",
        "Investitionen und Förderentscheidungen: Sachsen und EU-weite Programme",
    ),
    "table_heading": ("Decisions and announcements", "Entscheidungen und Ankündigungen"),
    "col.investment": ("Investment", "Investition"),
    "col.public": ("Public funding", "Öffentliche Förderung"),
    "col.jobs": ("Jobs announced", "Angekündigte Arbeitsplätze"),
    "col.entries": ("Entries", "Einträge"),
    "col.years": ("Years", "Jahre"),
    "col.level": ("Counted for", "Gezählt für"),
    "col.fund": ("Programme", "Programm"),
    "status.announced": ("announced", "angekündigt"),
    "status.approved": ("approved", "genehmigt"),
    "status.operational": ("operational", "in Betrieb"),
    "status.expected": ("expected", "erwartet"),
    "status.since": ("operational since {year}", "in Betrieb seit {year}"),
    "website": ("Website", "Website"),
    "totals_heading": ("Totals by year", "Summen nach Jahr"),
    "totals_of": ("Total of", "Summe von"),
    "totals_title": (
        "{indicator} per year: companies and projects in Saxony",
        "{indicator} pro Jahr: Unternehmen und Vorhaben in Sachsen",
    ),
    "totals_note": (
        "Totals are given for each kind of figure and level separately, never as one grand total, because "
        "the figures overlap: Infineon's about €1bn of public funding includes the €920m of State aid and "
        "IPCEI money, Saxony's €795m for its IPCEI ME/CT projects is part of the EU-wide IPCEI, and "
        "investments include the public money spent on them. An announcement later confirmed by an actual "
        "figure (IPCEI 2023 → 2024, Bosch 2017 → 2021) is counted once, at the actual figure; a cumulative "
        "figure only with its latest value.",
        "Summen stehen für jede Art von Zahl und jede Ebene einzeln, nie als eine Gesamtsumme, denn die "
        "Zahlen überschneiden sich: Infineons rund 1 Mrd. € öffentliche Förderung enthalten die 920 Mio. € "
        "Beihilfe und IPCEI-Mittel, Sachsens 795 Mio. € für seine IPCEI-ME/CT-Vorhaben sind Teil des EU-"
        "weiten IPCEI, und Investitionen enthalten die dafür gezahlten Fördermittel. Eine Ankündigung, die "
        "später durch einen Ist-Wert bestätigt wurde (IPCEI 2023 → 2024, Bosch 2017 → 2021), zählt einmal, "
        "mit dem Ist-Wert; eine kumulierte Zahl nur mit ihrem letzten Wert.",
    ),
    "bounds_note": (
        "* includes approximate or bound figures ('about', 'more than', 'up to')",
        "* enthält gerundete oder Grenzwerte („rund“, „mehr als“, „bis zu“)",
    ),
    "eu_heading": ("EU funding programmes in Saxony", "EU-Förderprogramme in Sachsen"),
    "eu_empty": (
        "No EU programme data is loaded yet. To add cohesion policy projects (Kohesio) and Horizon Europe "
        "participations (CORDIS), run:",
        "Noch keine Daten zu EU-Programmen geladen. Um Projekte der Kohäsionspolitik (Kohesio) und Horizon-"
        "Europe-Beteiligungen (CORDIS) zu laden, führen Sie aus:",
    ),
    "eu_title": (
        "EU funding for projects in Saxony by start year",
        "EU-Mittel für Projekte in Sachsen nach Startjahr",
    ),
    "eu_note": (
        "Cohesion policy and Horizon Europe are separate EU budgets: their amounts do not overlap.",
        "Kohäsionspolitik und Horizon Europe sind getrennte EU-Haushalte: Ihre Beträge überschneiden sich "
        "nicht.",
    ),
    "eu_compare": (
        "Compare Saxony's regions on cohesion funding.",
        "Sachsens Regionen bei den Kohäsionsmitteln vergleichen.",
    ),
    "eu_recipients": ("Largest recipients in Saxony", "Größte Empfänger in Sachsen"),
}
