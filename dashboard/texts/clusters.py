"""Clusters: English and German texts, registered by dashboard/pages/clusters.py."""

TEXTS = {
    "clusters.heading": {"en": "Clusters and networks", "de": "Cluster und Netzwerke"},
    "clusters.lead": {
        "en": "Silicon Saxony, the Smart Systems Hub Dresden and the Digital Hub Initiative: members, "
        "partners and events, each figure with its source.",
        "de": "Silicon Saxony, der Smart Systems Hub Dresden und die Digital Hub Initiative: "
        "Mitglieder, Partner und Veranstaltungen, jede Zahl mit Quelle.",
    },
    "clusters.kpi.members": {"en": "Silicon Saxony members", "de": "Mitglieder Silicon Saxony"},
    "clusters.kpi.founding": {"en": "Founding members", "de": "Gründungsmitglieder"},
    "clusters.kpi.partners": {"en": "Smart Systems Hub partners", "de": "Partner Smart Systems Hub"},
    "clusters.kpi.locations": {
        "en": "Digital Hub Initiative locations",
        "de": "Standorte Digital Hub Initiative",
    },
    "clusters.kpi.day": {
        "en": "Silicon Saxony Day participants",
        "de": "Teilnehmende Silicon Saxony Day",
    },
    "clusters.members_title": {
        "en": "Silicon Saxony members",
        "de": "Mitglieder von Silicon Saxony",
    },
    "clusters.members_subtitle": {
        "en": "Member organisations, {span}; founded in 2000 by {count} members",
        "de": "Mitgliedsorganisationen, {span}; 2000 von {count} Mitgliedern gegründet",
    },
    "clusters.members": {"en": "Members", "de": "Mitglieder"},
    "clusters.founding": {"en": "Founding members", "de": "Gründungsmitglieder"},
    "clusters.events_title": {
        "en": "Participants at cluster events",
        "de": "Teilnehmende an Cluster-Veranstaltungen",
    },
    "clusters.events_subtitle": {
        "en": "Participants as reported by the organisers",
        "de": "Teilnehmende laut Veranstaltern",
    },
    "clusters.events_gaps": {
        "en": "Years without a reported figure are left out; the lines join the years that have one.",
        "de": "Jahre ohne gemeldete Zahl fehlen; die Linien verbinden die Jahre mit Angabe.",
    },
    "clusters.profiles": {"en": "Profiles", "de": "Steckbriefe"},
    "clusters.kind.cluster": {"en": "Cluster", "de": "Cluster"},
    "clusters.kind.hub": {"en": "Hub", "de": "Hub"},
    "clusters.kind.initiative": {"en": "Initiative", "de": "Initiative"},
    "clusters.founded": {"en": "Founded", "de": "Gegründet"},
    "clusters.part_of": {"en": "Part of", "de": "Teil von"},
    "clusters.website": {"en": "Website", "de": "Website"},
    "clusters.figures": {"en": "Latest figures", "de": "Neueste Zahlen"},
    "clusters.no_figures": {"en": "No figures loaded yet.", "de": "Noch keine Zahlen geladen."},
    "clusters.sources_used": {"en": "Sources used ({count})", "de": "Verwendete Quellen ({count})"},
}
