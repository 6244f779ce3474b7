"""About: English and German texts, registered by dashboard/pages/about.py."""

TEXTS = {
    "heading": ("About Regiometer: sources and method", "Über Regiometer: Quellen und Methode"),
    "lead": (
        "Where every figure comes from, how it is collected and what it counts.",
        "Woher jede Zahl stammt, wie sie erhoben wird und was sie zählt.",
    ),
    "contents": ("On this page", "Auf dieser Seite"),
    "sources": ("Sources and licences", "Quellen und Lizenzen"),
    "method": ("Method", "Methode"),
    "definitions": ("Definitions and caveats", "Definitionen und Einschränkungen"),
    "indicators": ("Indicators", "Indikatoren"),
    "api": ("Open data API", "Offene Daten-Schnittstelle (API)"),
    "changes": ("What changed and when", "Was sich wann geändert hat"),
    "licences_lead": (
        "Reuse the figures freely, naming the source given with each number. Data from official services "
        "carry these licences:",
        "Sie können die Zahlen frei weiterverwenden, wenn Sie die bei jeder Zahl genannte Quelle angeben. "
        "Daten amtlicher Dienste stehen unter diesen Lizenzen:",
    ),
    "licence.gisco": (
        "Map boundaries (Eurostat GISCO, NUTS 2021)",
        "Kartengrenzen (Eurostat GISCO, NUTS 2021)",
    ),
    "licence.regionaldatenbank": (
        "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland: Data licence Germany – "
        "attribution – version 2.0",
        "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland: Datenlizenz "
        "Deutschland – Namensnennung – Version 2.0",
    ),
    "licence.eurostat": (
        "Eurostat (and CORDIS): © European Union, Creative Commons Attribution 4.0",
        "Eurostat (und CORDIS): © Europäische Union, Creative Commons Namensnennung 4.0",
    ),
    "licence.press": (
        "Press articles, releases and studies: the figures are cited as facts with their source; no text is "
        "reproduced.",
        "Presseartikel, Mitteilungen und Studien: Die Zahlen werden als Tatsachen mit Quelle zitiert; Texte "
        "werden nicht übernommen.",
    ),
    "col.publisher": ("Publisher", "Herausgeber"),
    "col.title": ("Title", "Titel"),
    "col.published": ("Published", "Veröffentlicht"),
    "col.licence": ("Licence", "Lizenz"),
    "col.kind": ("Kind", "Art"),
    "col.observations": ("Figures citing it", "Zahlen daraus"),
    "col.name": ("Indicator", "Indikator"),
    "col.category": ("Category", "Kategorie"),
    "col.unit": ("Unit", "Einheit"),
    "col.description": ("Description", "Beschreibung"),
    "col.preferred": ("Preferred source", "Bevorzugte Quelle"),
    "col.latest": ("Latest period", "Neuester Zeitraum"),
    "col.date": ("Date", "Datum"),
    "col.what": ("What was loaded", "Was geladen wurde"),
    "col.new": ("New", "Neu"),
    "col.changed": ("Changed", "Geändert"),
    "col.unchanged": ("Unchanged", "Unverändert"),
    "kind.official": ("Official statistics", "Amtliche Statistik"),
    "kind.government": ("Government", "Öffentliche Stelle"),
    "kind.association": ("Association", "Verband"),
    "kind.company": ("Company", "Unternehmen"),
    "kind.press": ("Press", "Presse"),
    "category.employment": ("Employment", "Beschäftigung"),
    "category.industry": ("Industry", "Industrie"),
    "category.funding": ("Funding and investment", "Förderung und Investitionen"),
    "category.cluster": ("Clusters", "Cluster"),
    "category.context": ("Context", "Kontext"),
    "run.seed": ("Curated figures with citations", "Kuratierte Zahlen mit Belegen"),
    "run.source": ("Official data service: {name}", "Amtlicher Datendienst: {name}"),
    "run.staff": ("Upload by association staff", "Upload durch die Geschäftsstelle"),
    "run.edit": ("Correction by association staff", "Korrektur durch die Geschäftsstelle"),
    "run.undo": ("Undo of an earlier upload", "Rücknahme eines früheren Uploads"),
    "changes_lead": (
        "The latest loads into the warehouse. Changed figures keep their earlier values: the Data page shows "
        "the number of versions of each figure and the figures as published on any past day.",
        "Die letzten Ladevorgänge. Geänderte Zahlen behalten ihre früheren Werte: Die Seite Daten zeigt, wie "
        "viele Fassungen es von jeder Zahl gibt, und den Stand an jedem früheren Tag.",
    ),
    "api_examples": ("Examples:", "Beispiele:"),
    "api_cite": (
        "Please name the source of each figure and the licences above when you publish them.",
        "Bitte nennen Sie bei einer Veröffentlichung die Quelle jeder Zahl und die oben genannten Lizenzen.",
    ),
    "no_changes": ("Nothing has been loaded yet.", "Es wurde noch nichts geladen."),
    "indicators_lead": (
        "Every indicator with its unit and definition. Where several sources report the same figure, the "
        "preferred source gives the headline; the others stay visible on the Data page.",
        "Alle Indikatoren mit Einheit und Definition. Melden mehrere Quellen dieselbe Zahl, liefert die "
        "bevorzugte Quelle den Hauptwert; die anderen bleiben auf der Seite Daten sichtbar.",
    ),
    "method_md": (
        """
- **Curated publications.** Figures from ministries (SMWA), Silicon Saxony, the European Commission,
  companies and the press are entered from the cited page, each with its source, publication date and the
  wording of the number. Nothing is estimated or interpolated.
- **Official data services.** Connectors read Eurostat (regional high-tech employment, population, GDP,
  R&D), the Regionaldatenbank Deutschland (GENESIS: population and employment by district), Eurostat
  GISCO (NUTS boundaries for the maps), Kohesio (EU cohesion policy projects) and CORDIS (Horizon Europe
  projects). Raw responses are stored unchanged, so every load can be repeated.
- **Staff uploads.** Association staff upload CSV or Excel files in a documented template. Every file is
  checked completely before anything is written, and an upload can be undone.
- **Revisions never overwrite.** A changed figure closes the old version and adds a new one. Nothing is
  deleted: the Data page shows how many versions each figure has and the figures *as published* on any
  past day.
- **Headlines.** When several sources report the same figure, each indicator names a preferred source for
  the headline (for 2022 employment the June 2023 release of Silicon Saxony, 76,100, rather than the June
  2022 release, 73,000). The other figures stay visible side by side.
- **Wording kept.** Figures published as "more than 650", "about 76,000" or "up to €4.2 million" are
  shown with that wording; the stored number is the stated one, not an estimate of the true value.
""",
        """
- **Kuratierte Veröffentlichungen.** Zahlen von Ministerien (SMWA), Silicon Saxony, der Europäischen
  Kommission, Unternehmen und Presse werden von der zitierten Seite übernommen, jeweils mit Quelle,
  Veröffentlichungsdatum und dem Wortlaut der Zahl. Nichts wird geschätzt oder interpoliert.
- **Amtliche Datendienste.** Schnittstellen lesen Eurostat (regionale Beschäftigung in der
  Hochtechnologie, Bevölkerung, BIP, FuE), die Regionaldatenbank Deutschland (GENESIS: Bevölkerung und
  Beschäftigung nach Kreisen), Eurostat GISCO (NUTS-Grenzen für die Karten), Kohesio (Projekte der
  EU-Kohäsionspolitik) und CORDIS (Horizon-Europe-Projekte). Die Rohantworten werden unverändert
  gespeichert, sodass jeder Ladevorgang wiederholbar ist.
- **Uploads der Geschäftsstelle.** Mitarbeitende laden CSV- oder Excel-Dateien in einer dokumentierten
  Vorlage hoch. Jede Datei wird vollständig geprüft, bevor etwas gespeichert wird, und ein Upload lässt
  sich zurücknehmen.
- **Revisionen überschreiben nichts.** Eine geänderte Zahl schließt die alte Fassung ab und fügt eine
  neue hinzu. Nichts wird gelöscht: Die Seite Daten zeigt, wie viele Fassungen es von jeder Zahl gibt,
  und den *veröffentlichten Stand* an jedem früheren Tag.
- **Hauptwerte.** Melden mehrere Quellen dieselbe Zahl, nennt jeder Indikator eine bevorzugte Quelle für
  den Hauptwert (für die Beschäftigung 2022 die Mitteilung von Silicon Saxony vom Juni 2023, 76.100,
  statt der vom Juni 2022, 73.000). Die anderen Zahlen bleiben daneben sichtbar.
- **Wortlaut bleibt.** Zahlen, die als „mehr als 650“, „rund 76.000“ oder „bis zu 4,2 Mio. €“
  veröffentlicht wurden, erscheinen mit diesem Wortlaut; gespeichert ist die genannte Zahl, keine
  Schätzung des wahren Werts.
""",
    ),
    "definitions_md": (
        """
What counts as microelectronics and ICT depends on who counts:

- **SMWA / imreg** (the 2012 imreg study and the later data collections of the Saxon Ministry of Economic
  Affairs): the *Mikroelektronik- und IKT-Branche* including suppliers, IT services and trade.
- **Silicon Saxony**: *Mikroelektronik/IKT*, the figures presented at the yearly Silicon Saxony Day (from
  2017). The two series do not join without a break.
- **Eurostat high-tech sectors**: high-tech manufacturing (NACE Rev. 2 C21 pharmaceuticals, C26 computer,
  electronic and optical products) and high-tech knowledge-intensive services (J59–J63 film and
  broadcasting, telecommunications, IT and information services; M72 scientific research and
  development), dataset `htec_emp_reg2`. This includes pharmaceuticals and research, so it is broader
  than microelectronics/ICT.
- **WZ 2008 sections**: the German classification of economic activities (equal to NACE Rev. 2) used by
  the Regionaldatenbank, e.g. section J *Information und Kommunikation*. Sections are much broader than
  the sector; the closest classes are 26.1 electronic components (26.11 semiconductors), 58.2 software
  publishing, 61 telecommunications, 62 IT services and 63 information services.

**Caveats**

- **Reference year of the Silicon Saxony 2022 figures.** The June 2022 release calls 73,000 employees
  (32,550 in software) "2022"; the June 2023 release gives 76,100 (more than 35,000 in software) for 2022
  and +4.2% on 2021. The 73,000 is most likely the 2021 data year. Both are kept under 2022 with their
  own source; the June 2023 figures are the headline.
- **Population census break.** Saxony's population up to 2023 is on the basis of the 2011 census, from
  2024 on the 2022 census (Statistisches Landesamt Sachsen): 4.09 million (2023) and 4.04 million (2024)
  are not comparable.
- **Different counts.** The 3,650 ICT companies are a broader count than the 2,600 companies of 2022;
  semiconductor breakdowns come from different producers and do not add up to one series.
- **GDP vintages.** Real growth for 2022 is the revised value (+2.3%, first published +2.6%).
- **Press reprints.** Many figures are quoted from press reprints of releases; check the primary release
  before calling a number official.
""",
        """
Was als Mikroelektronik und IKT zählt, hängt davon ab, wer zählt:

- **SMWA / imreg** (die imreg-Studie von 2012 und die späteren Datenerhebungen des Sächsischen
  Wirtschaftsministeriums): die *Mikroelektronik- und IKT-Branche* einschließlich Zulieferern,
  IT-Dienstleistungen und Handel.
- **Silicon Saxony**: *Mikroelektronik/IKT*, die am jährlichen Silicon Saxony Day vorgestellten Zahlen
  (ab 2017). Beide Reihen schließen nicht bruchlos aneinander an.
- **Eurostat-Hochtechnologiesektoren**: Hochtechnologie-Industrie (NACE Rev. 2 C21 Pharmazie, C26
  Datenverarbeitungsgeräte, elektronische und optische Erzeugnisse) und wissensintensive
  Hochtechnologie-Dienstleistungen (J59–J63 Film und Rundfunk, Telekommunikation, IT- und
  Informationsdienstleistungen; M72 Forschung und Entwicklung), Datensatz `htec_emp_reg2`. Das umfasst
  auch Pharmazie und Forschung und ist daher breiter als Mikroelektronik/IKT.
- **WZ-2008-Abschnitte**: die Klassifikation der Wirtschaftszweige (entspricht NACE Rev. 2), die die
  Regionaldatenbank verwendet, z. B. Abschnitt J *Information und Kommunikation*. Abschnitte sind viel
  breiter als die Branche; am nächsten kommen die Klassen 26.1 elektronische Bauelemente (26.11
  Halbleiter), 58.2 Verlegen von Software, 61 Telekommunikation, 62 IT-Dienstleistungen und 63
  Informationsdienstleistungen.

**Einschränkungen**

- **Bezugsjahr der Silicon-Saxony-Zahlen 2022.** Die Mitteilung vom Juni 2022 nennt 73.000 Beschäftigte
  (32.550 in der Software) für „2022“; die Mitteilung vom Juni 2023 nennt für 2022 76.100 (mehr als
  35.000 in der Software) und +4,2 % gegenüber 2021. Die 73.000 beziehen sich sehr wahrscheinlich auf das
  Datenjahr 2021. Beide bleiben unter 2022 mit ihrer Quelle erhalten; Hauptwert sind die Zahlen vom Juni
  2023.
- **Zensusbruch bei der Bevölkerung.** Sachsens Bevölkerung bis 2023 beruht auf dem Zensus 2011, ab 2024
  auf dem Zensus 2022 (Statistisches Landesamt Sachsen): 4,09 Mio. (2023) und 4,04 Mio. (2024) sind nicht
  vergleichbar.
- **Unterschiedliche Zählungen.** Die 3.650 IKT-Unternehmen sind eine breitere Zählung als die 2.600
  Unternehmen von 2022; Untergliederungen der Halbleiterbranche stammen von verschiedenen Stellen und
  ergeben keine gemeinsame Reihe.
- **BIP-Fassungen.** Das reale Wachstum 2022 ist der revidierte Wert (+2,3 %, zuerst veröffentlicht +2,6
  %).
- **Nachdrucke in der Presse.** Viele Zahlen sind aus Pressenachdrucken von Mitteilungen zitiert; prüfen
  Sie die Originalmitteilung, bevor Sie eine Zahl amtlich nennen.
""",
    ),
    "api_md": (
        """
The figures are open data. Read-only endpoints return JSON (default) or CSV, without a key:

| Endpoint | Returns |
|---|---|
| `/api/v1/indicators` | the indicator catalog: slug, names, unit, description, preferred source, periods |
| `/api/v1/regions` | region codes (NUTS 2021) with names and parent region |
| `/api/v1/sources` | every source: publisher, title, URL, licence, publication date |
| `/api/v1/observations` | figures with unit, source, URL and licence; parameters below |

Parameters of `/api/v1/observations` (lists repeated or comma-separated): `indicator`, `region`,
`breakdown` (`total` for totals), `source`, `status`; `from` and `to` (periods such as `2014`,
`2023-Q2`; `to=2023` includes all of 2023); `as_of=YYYY-MM-DD` (the values as published at the end of
that day); `format` (`json` or `csv`); `limit` (up to 10,000) and `offset`, with a `next` link.
A wrong parameter answers HTTP 400 naming it. Responses carry `ETag` and `Last-Modified` from the data
version, so caches and conditional requests work. CSV starts with the columns of the staff upload template.

""",
        """
Die Zahlen sind offene Daten. Lesende Endpunkte liefern JSON (Standard) oder CSV, ohne Schlüssel:

| Endpunkt | Liefert |
|---|---|
| `/api/v1/indicators` | Indikatorkatalog: Kürzel, Namen, Einheit, Beschreibung, Vorzugsquelle, Zeiträume |
| `/api/v1/regions` | Regionscodes (NUTS 2021) mit Namen und übergeordneter Region |
| `/api/v1/sources` | alle Quellen: Herausgeber, Titel, URL, Lizenz, Erscheinungsdatum |
| `/api/v1/observations` | Zahlen mit Einheit, Quelle, URL und Lizenz; Parameter siehe unten |

Parameter von `/api/v1/observations` (Listen wiederholt oder kommagetrennt): `indicator`, `region`,
`breakdown` (`total` für Gesamtwerte), `source`, `status`; `from` und `to` (Zeiträume wie `2014`,
`2023-Q2`; `to=2023` schließt das ganze Jahr ein); `as_of=JJJJ-MM-TT` (die Werte, wie sie am Ende
dieses Tages veröffentlicht waren); `format` (`json` oder `csv`); `limit` (bis 10.000) und `offset`, mit
einem `next`-Link. Ein falscher Parameter ergibt HTTP 400 mit seinem Namen. Antworten tragen `ETag` und
`Last-Modified` aus dem Datenstand. CSV beginnt mit den Spalten der Upload-Vorlage.

""",
    ),
}
