"""/embed/<chart>: a chart for other sites' iframes, responsive from 320 to 1200 px.

The page follows the iframe's width: assets/regiometer-narrow.js (RegiometerLayout.fit) lays the
figure out for it on every resize, the narrow layout below 600 px as the site's pages do on phones.
It tells the parent page its height with postMessage (dashboard.charts.embed: the protocol).
With the one-line RESIZE_SCRIPT on the parent page the iframe takes the chart's height; without it
the chart fills the iframe's height (and scrolls vertically if the iframe is too short for it).
Maps find their base topology on this site (theme.TOPOJSON_URL), so an embed asks no other host.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from dashboard.figures import graph_config
from dashboard.i18n import t
from dashboard.web import exports
from dashboard.web.paths import site_relative

PLOTLY_JS = "/_dash-component-suites/plotly/package_data/plotly.min.js"
LAYOUT_JS = "/assets/regiometer-narrow.js"
blueprint = Blueprint("embeds", __name__)

EMBED_PAGE = """<!doctype html>
<html lang="{lang}" data-embed><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html,body{{margin:0;padding:0;background:#fff;overflow-x:hidden;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}}
#chart{{width:100%;min-height:200px}}
.open{{display:block;font-size:.8rem;line-height:1.2;padding:.15rem .5rem .35rem;color:#00588f}}</style>
<script src="{plotly}"></script><script src="{layout_js}"></script></head>
<body><div id="chart" role="img" aria-label="{summary}"></div>
<a class="open" href="{page}" target="_blank" rel="noopener">{open_text}</a>
<script type="application/json" id="figure">{figure}</script>
<script>
(function () {{
  var figure = JSON.parse(document.getElementById("figure").textContent);
  var config = {config};
  var chart = document.getElementById("chart"), link = document.querySelector(".open");
  var sized = false, drawn = "", timer = null;
  function report() {{
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (window.parent !== window) window.parent.postMessage({{"regiometer-height": height}}, "*");
  }}
  function draw() {{
    var width = document.documentElement.clientWidth;
    var narrow = width < RegiometerLayout.NARROW;
    var geo = figure.data.some(function (t) {{ return /^(choropleth|scattergeo)/.test(t.type || ""); }});
    var plot = geo ? Math.round(width * (narrow ? 0.8 : 0.5))
                   : Math.round(Math.min(400, Math.max(200, width * (narrow ? 0.7 : 0.38))));
    var fitted = RegiometerLayout.fit(figure, width, {{embed: true, plotHeight: plot}});
    var room = window.innerHeight - link.offsetHeight;
    var height = sized ? fitted.height : Math.max(fitted.height, room);
    var key = width + "x" + height;
    if (key === drawn) return report();
    drawn = key;
    function size(total) {{
      fitted.layout.width = width;
      fitted.layout.height = total;
      fitted.layout.autosize = false;
      RegiometerLayout.setHeight(fitted.layout, total);
      chart.style.height = total + "px";
    }}
    size(height);
    Plotly.react(chart, fitted.data, fitted.layout, config)
      .then(RegiometerLayout.afterMargins).then(function () {{
      var found = RegiometerLayout.settle(chart, fitted);
      if (!found.grow && !Object.keys(found.update).length) return report();
      if (found.grow && (sized || fitted.height + found.grow > height)) {{
        height = sized ? height + found.grow : Math.max(height, fitted.height + found.grow);
        drawn = width + "x" + height;
        found.update.height = height;
        found.update["title.y"] = RegiometerLayout.titleY(fitted.layout, height);
        chart.style.height = height + "px";
      }}
      return Plotly.relayout(chart, found.update).then(report);
    }});
  }}
  window.addEventListener("message", function (event) {{
    if (event.data && event.data["regiometer-sized"] && !sized) {{ sized = true; drawn = ""; draw(); }}
  }});
  window.addEventListener("resize", function () {{ clearTimeout(timer); timer = setTimeout(draw, 80); }});
  draw();
}})();
</script></body></html>"""


@blueprint.get("/embed/<name>")
def embed(name: str) -> Response:
    output, lang = exports.render_chart(name)
    config = {**graph_config(lang, output.filename), "responsive": False, "displayModeBar": False}
    path = site_relative(request.args.get("page"))
    query = urlencode([(k, v) for k, v in request.args.items(multi=True) if k != "page"])
    page = html.escape(f"{path}?{query}" if query else path)
    meta = output.figure.layout.meta
    body = EMBED_PAGE.format(
        lang=lang,
        title=html.escape(output.title),
        plotly=PLOTLY_JS,
        layout_js=LAYOUT_JS,
        summary=html.escape(str((meta or {}).get("summary", output.title))),
        page=page,
        open_text=html.escape(t("share.open_in_regiometer", lang)),
        figure=output.figure.to_json().replace("</", "<\\/"),
        config=json.dumps(config),
    )
    response = Response(body, mimetype="text/html")
    response.headers["Content-Security-Policy"] = "frame-ancestors *"  # embeds may be framed anywhere
    return response
