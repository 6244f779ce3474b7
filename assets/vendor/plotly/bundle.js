// The plotly.js this site serves: the core (scatter traces, every layout component, toImage), only
// the other trace types Regiometer draws (bars; the map's districts and labels) and the German locale.
// `make plotly-bundle` builds plotly-regiometer.min.js from this file; tests/dashboard/
// test_plotly_bundle.py checks that the figures use no other trace type and that the version matches
// the plotly Python package.
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/locales/de'),
]);

module.exports = Plotly;
