"""WZ 2008 economic sections (NACE Rev. 2 sections) as breakdown slugs: "wz08-<letter(s)>".

GENESIS tables code a section as "WZ08-J" or a range as "WZ08-M-N"; some tables use numbered
aggregates instead ("WZ08-G-01" = G-I), which are recognised by their German label. SECTORS is the
list the entity catalog needs (slug -> German and English name).
"""

from __future__ import annotations

import re

SECTORS: dict[str, tuple[str, str]] = {
    "wz08-a": ("Land- und Forstwirtschaft, Fischerei", "Agriculture, forestry and fishing"),
    "wz08-b": ("Bergbau und Gewinnung von Steinen und Erden", "Mining and quarrying"),
    "wz08-c": ("Verarbeitendes Gewerbe", "Manufacturing"),
    "wz08-d": ("Energieversorgung", "Electricity, gas, steam and air conditioning supply"),
    "wz08-e": (
        "Wasserversorgung; Abwasser- und Abfallentsorgung und Beseitigung von Umweltverschmutzungen",
        "Water supply; sewerage, waste management and remediation",
    ),
    "wz08-f": ("Baugewerbe", "Construction"),
    "wz08-g": (
        "Handel; Instandhaltung und Reparatur von Kraftfahrzeugen",
        "Wholesale and retail trade; repair of motor vehicles",
    ),
    "wz08-h": ("Verkehr und Lagerei", "Transportation and storage"),
    "wz08-i": ("Gastgewerbe", "Accommodation and food services"),
    "wz08-j": ("Information und Kommunikation", "Information and communication"),
    "wz08-k": (
        "Erbringung von Finanz- und Versicherungsdienstleistungen",
        "Financial and insurance activities",
    ),
    "wz08-l": ("Grundstücks- und Wohnungswesen", "Real estate activities"),
    "wz08-m": (
        "Erbringung von freiberuflichen, wissenschaftlichen und technischen Dienstleistungen",
        "Professional, scientific and technical activities",
    ),
    "wz08-n": (
        "Erbringung von sonstigen wirtschaftlichen Dienstleistungen",
        "Administrative and support service activities",
    ),
    "wz08-o": (
        "Öffentliche Verwaltung, Verteidigung; Sozialversicherung",
        "Public administration and defence; compulsory social security",
    ),
    "wz08-p": ("Erziehung und Unterricht", "Education"),
    "wz08-q": ("Gesundheits- und Sozialwesen", "Human health and social work activities"),
    "wz08-r": ("Kunst, Unterhaltung und Erholung", "Arts, entertainment and recreation"),
    "wz08-s": ("Erbringung von sonstigen Dienstleistungen", "Other service activities"),
    "wz08-t": ("Private Haushalte mit Hauspersonal", "Activities of households as employers"),
    "wz08-u": (
        "Exterritoriale Organisationen und Körperschaften",
        "Activities of extraterritorial organisations",
    ),
    "wz08-b-e": ("Produzierendes Gewerbe ohne Baugewerbe", "Industry (except construction)"),
    "wz08-b-f": ("Produzierendes Gewerbe", "Industry including construction"),
    "wz08-g-i": ("Handel, Verkehr und Gastgewerbe", "Trade, transport, accommodation and food services"),
    "wz08-g-u": ("Dienstleistungsbereiche", "Services"),
    "wz08-k-n": (
        "Finanz-, Versicherungs- und Unternehmensdienstleister; Grundstücks- und Wohnungswesen",
        "Financial, insurance, business services; real estate",
    ),
    "wz08-m-n": (
        "Freiberufliche, wissenschaftliche, technische und sonstige wirtschaftliche Dienstleistungen",
        "Professional, scientific, technical, administrative and support services",
    ),
    "wz08-o-q": (
        "Öffentliche Verwaltung, Verteidigung, Sozialversicherung; Erziehung und Unterricht; "
        "Gesundheits- und Sozialwesen",
        "Public administration, defence, education, human health and social work",
    ),
    "wz08-r-t": (
        "Kunst, Unterhaltung und Erholung; sonstige Dienstleister; private Haushalte",
        "Arts, entertainment, recreation, other services and households",
    ),
    "wz08-r-u": (
        "Kunst, Unterhaltung und Erholung; sonstige Dienstleister; private Haushalte; "
        "exterritoriale Organisationen",
        "Arts, entertainment, recreation, other services, households and extraterritorial bodies",
    ),
}

# Labels of the numbered Destatis aggregates (WZ08-G-01 ...) and common short labels.
_LABEL_ALIASES = {
    "produzierendes gewerbe ohne baugewerbe": "wz08-b-e",
    "produzierendes gewerbe": "wz08-b-f",
    "handel, verkehr, gastgewerbe": "wz08-g-i",
    "handel, verkehr und gastgewerbe": "wz08-g-i",
    "handel, gastgewerbe, verkehr": "wz08-g-i",
    "dienstleistungsbereiche": "wz08-g-u",
    "unternehmensdienstleister": "wz08-m-n",
    "öffentliche dienstleister, erziehung, gesundheit": "wz08-o-q",
    "sonstige dienstleister": "wz08-r-t",
}
_BY_LABEL = {name_de.lower(): slug for slug, (name_de, _) in SECTORS.items()} | _LABEL_ALIASES
_CODE = re.compile(r"^WZ08-([A-U](?:-[A-U])?)$", re.IGNORECASE)


def sector_slug(code: str, label: str = "") -> str | None:
    """The breakdown slug of a GENESIS WZ 2008 attribute, or None when it is not a known section."""
    match = _CODE.match(code.strip())
    if match and f"wz08-{match.group(1).lower()}" in SECTORS:
        return f"wz08-{match.group(1).lower()}"
    normalised = " ".join(label.split()).lower()
    # Labels sometimes end in the letters, e.g. "Information und Kommunikation (J)".
    normalised = re.sub(r"\s*\([A-U](?:-[A-U])?\)$", "", normalised, flags=re.IGNORECASE)
    return _BY_LABEL.get(normalised)
