"""/export/<chart>.<csv|xlsx|json>: a chart's data as files, and its figure laid out for images.

Every route takes the page's query string (the view state), so it holds exactly what the reader saw,
and `page` (the page's path) for the permalink. The data files hold what the chart draws
(dashboard.charts.newsroom); `.json` is the chart laid out for a 1200x675 image
(dashboard.figures.export), which the export menu turns into PNG or SVG in the browser.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import plotly.io as pio
from flask import Blueprint, Response, abort, request

from dashboard import charts
from dashboard.charts import files, newsroom
from dashboard.figures import graph_config
from dashboard.figures.export import ExportFrame, export_figure
from dashboard.i18n import normalise_lang
from dashboard.web.paths import site_relative

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}

blueprint = Blueprint("exports", __name__)


def render_chart(name: str) -> tuple[charts.ChartOutput, str]:
    """The named chart for this request's query string and language (404 for an unknown name)."""
    query = request.args.to_dict()
    lang = normalise_lang(query.get("lang"))
    try:
        return charts.render(name, lang, query), lang
    except KeyError:
        abort(404, description=f"no chart called '{name}'; known charts: {', '.join(charts.names())}")


def view_path(name: str) -> str:
    """The page's path and view query ('/employment?region=X'), without the export's own arguments."""
    path = site_relative(request.args.get("page"), charts.page_of(name))
    query = urlencode([(k, v) for k, v in request.args.items(multi=True) if k != "page"])
    return f"{path}?{query}" if query else path


def permalink(name: str) -> str:
    return request.host_url.rstrip("/") + view_path(name)


def _attachment(body: bytes, fmt: str, filename: str) -> Response:
    response = Response(body, mimetype=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@blueprint.get("/export/<name>.<fmt>")
def export(name: str, fmt: str) -> Response:
    if fmt not in MEDIA_TYPES:
        abort(404, description="export formats: csv, xlsx, json (the image layout)")
    output, lang = render_chart(name)
    info = newsroom.about(output, lang, permalink(name), date.today())
    if fmt == "json":
        footer = newsroom.image_footer(info, lang, request.host + view_path(name))
        figure = export_figure(output.figure, ExportFrame(footer=footer))
        figure["config"] = {**graph_config(lang, output.filename), "responsive": False}
        response = Response(pio.to_json(figure, validate=False), mimetype=MEDIA_TYPES["json"])
        response.headers["Cache-Control"] = "no-store"
        return response
    table = newsroom.table(output, lang)
    if fmt == "csv":
        return _attachment(files.to_csv(table, lang), fmt, output.filename)
    body = files.to_xlsx(
        table,
        lang,
        newsroom.about_rows(info, lang),
        info.sources,
        newsroom.column_notes(list(table.columns), lang),
    )
    return _attachment(body, fmt, output.filename)
