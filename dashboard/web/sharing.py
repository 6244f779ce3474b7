"""Routes that let a chart leave the site: /export/<chart>.<csv|xlsx> and /embed/<chart>.

Both take the page's query string (the view state), so they hold exactly what the reader saw.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, abort, request

from dashboard import charts
from dashboard.figures import graph_config
from dashboard.i18n import normalise_lang, t
from dashboard.web.paths import site_relative
from etl import exporting

PLOTLY_JS = "/_dash-component-suites/plotly/package_data/plotly.min.js"
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

blueprint = Blueprint("sharing", __name__)


def _render(name: str) -> tuple[charts.ChartOutput, str]:
    query = request.args.to_dict()
    lang = normalise_lang(query.get("lang"))
    try:
        return charts.render(name, lang, query), lang
    except KeyError:
        abort(404, description=f"no chart called '{name}'; known charts: {', '.join(charts.names())}")


@blueprint.get("/export/<name>.<fmt>")
def export(name: str, fmt: str) -> Response:
    if fmt not in MEDIA_TYPES:
        abort(404, description="export formats: csv, xlsx (images download in the browser)")
    output, _ = _render(name)
    columns = [c for c in charts.DATA_COLUMNS if c in output.data]
    body = (
        exporting.to_csv(output.data, columns)
        if fmt == "csv"
        else exporting.to_xlsx(output.data, "data", columns)
    )
    response = Response(body, mimetype=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{output.filename}.{fmt}"'
    return response


EMBED_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html,body{{margin:0;height:100%;font-family:system-ui,sans-serif}}
#chart{{height:calc(100% - 1.6rem)}}
.open{{font-size:.8rem;margin:.2rem .5rem;display:block;color:#0072b2}}</style>
<script src="{plotly}"></script></head>
<body><div id="chart" role="img" aria-label="{summary}"></div>
<a class="open" href="{page}" target="_blank" rel="noopener">{open_text}</a>
<script>
var figure = {figure};
Plotly.newPlot("chart", figure.data, figure.layout, {config});
window.addEventListener("resize", function () {{ Plotly.Plots.resize("chart"); }});
</script></body></html>"""


@blueprint.get("/embed/<name>")
def embed(name: str) -> Response:
    output, lang = _render(name)
    config = {**graph_config(lang, output.filename), "responsive": True}
    figure = output.figure.update_layout(autosize=True, height=None, width=None)
    path = site_relative(request.args.get("page"))
    query = urlencode([(k, v) for k, v in request.args.items(multi=True) if k != "page"])
    page = html.escape(f"{path}?{query}" if query else path)
    body = EMBED_PAGE.format(
        lang=lang,
        title=html.escape(output.title),
        plotly=PLOTLY_JS,
        summary=html.escape(str((figure.layout.meta or {}).get("summary", output.title))),
        page=page,
        open_text=html.escape(t("share.open_in_regiometer", lang)),
        figure=figure.to_json().replace("</", "<\\/"),
        config=json.dumps(config),
    )
    response = Response(body, mimetype="text/html")
    response.headers["Content-Security-Policy"] = "frame-ancestors *"  # embeds may be framed anywhere
    return response


def register(server: Flask) -> None:
    server.register_blueprint(blueprint)
