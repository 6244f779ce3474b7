"""The public read API under /api/v1: catalogs and observations as JSON or CSV.

Each request reads one page of rows through the warehouse's indexes (catalogs and coverage are cached
per data version); `as_of` reads the revisions as they stood at the end of that UTC day. Every answer
carries an ETag (data version + normalised query) and Last-Modified (last successful import), so clients
and proxies revalidate cheaply; bad parameters give 400 with the parameter named, and no traceback ever
reaches the client. Absolute links come from the configured public URL, never the Host header.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from flask import Blueprint, Flask, Response, request, url_for
from werkzeug.exceptions import HTTPException

from dashboard import data
from dashboard.web.api_query import (
    ApiError,
    ObservationQuery,
    check_known,
    parse_query,
    records,
    select_observations,
)
from etl.exporting import to_csv

log = logging.getLogger(__name__)
api = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_AGE = 300
EXTRA_COLUMNS = ("source_title", "source_url", "licence")
LICENCE_NOTE = (
    "Compiled by Regiometer from the publications named in source_title and source_url; cite them "
    "with each figure. Each source's own terms apply (licence, where the publisher states one)."
)

ENDPOINTS = ("indicators", "regions", "sources", "observations")
# publisher as catalogued (English glosses), publisher_de the German text where it differs ('' if not)
SOURCE_FIELDS = (
    "slug",
    "publisher",
    "publisher_de",
    "title",
    "url",
    "licence",
    "published",
    "kind",
    "language",
)

# -- responses ----------------------------------------------------------------------------------


def _json(payload: object, status: int = 200) -> Response:
    """JSON in UTF-8 with the keys in the documented order (jsonify would sort them)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status=status, mimetype="application/json")


def _last_modified() -> datetime | None:
    moment = data.last_import()
    if moment is None:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=0)


def _not_modified(etag: str, last_modified: datetime | None) -> bool:
    if request.if_none_match:
        return request.if_none_match.contains_weak(etag)
    since = request.if_modified_since
    return bool(since and last_modified and last_modified <= since)


def conditional(key: object, build: Callable[[], Response]) -> Response:
    """Answer 304 when the client's copy is current, else build the response; caching headers on both."""
    normalised = json.dumps([request.endpoint, data.version(), key], sort_keys=True, default=str)
    etag = hashlib.sha256(normalised.encode()).hexdigest()[:32]
    last_modified = _last_modified()
    response = Response(status=304) if _not_modified(etag, last_modified) else build()
    response.set_etag(etag, weak=True)
    if last_modified:
        response.last_modified = last_modified
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def _next_url(query: ObservationQuery, total: int) -> str | None:
    """The next page's link: absolute under the configured public URL, else site-relative (never
    built from the request's Host header, which a client controls and caches would keep)."""
    if query.offset + query.limit >= total:
        return None
    params = replace(query, offset=query.offset + query.limit).params()
    # Lists as comma-separated text, numbers as their digits: what the query string carries anyway.
    flat = {k: ",".join(v) if isinstance(v, list) else str(v) for k, v in params.items()}
    return data.settings().public_url.rstrip("/") + url_for("api.observations", _external=False, **flat)


def _filename(query: ObservationQuery, version: int) -> str:
    parts = [
        *query.filters.get("indicator", ["all"]),
        *query.filters.get("region", []),
        "-".join(p for p in (query.period_from, query.period_to) if p),
        f"as-of-{query.as_of}" if query.as_of else "",
        f"v{version}",
    ]
    name = "_".join(["regiometer", *(p for p in parts if p)])
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:150] + ".csv"


def _observations_body(query: ObservationQuery) -> Response:
    page, total = select_observations(query)
    next_url = _next_url(query, total)
    if query.format == "csv":
        response = Response(to_csv(page, EXTRA_COLUMNS), mimetype="text/csv")
        filename = _filename(query, data.version())
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = _json(
            {
                "data_version": data.version(),
                "as_of": query.as_of or None,
                "last_import": _iso(_last_modified()),
                "licence_note": LICENCE_NOTE,
                "count": len(page),
                "total": total,
                "limit": query.limit,
                "offset": query.offset,
                "next": next_url,
                "observations": records(page),
            }
        )
    response.headers["X-Total-Count"] = str(total)
    if next_url:
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


# -- routes -------------------------------------------------------------------------------------


@api.get("/observations")
def observations() -> Response:
    query = parse_query(request.args, data.catalog())
    return conditional(query.params(), lambda: _observations_body(query))


def _indicator_rows() -> list[dict]:
    fields = ("slug", "category", "unit", "name_en", "name_de", "description_en", "description_de")
    coverage = data.coverage().set_index("indicator")
    rows = []
    for slug, row in sorted(data.catalog().indicators.items()):
        found = slug in coverage.index
        rows.append(
            {
                **{name: getattr(row, name) for name in fields},
                "preferred_source": row.preferred_source,
                "observations": int(coverage.at[slug, "observations"]) if found else 0,
                "first_period": str(coverage.at[slug, "first_period"]) if found else None,
                "last_period": str(coverage.at[slug, "last_period"]) if found else None,
            }
        )
    return rows


CATALOGS: dict[str, Callable[[], list[dict]]] = {
    "indicators": _indicator_rows,
    "regions": lambda: [
        {k: getattr(row, k) for k in ("code", "level", "name_en", "name_de", "parent")}
        for row in sorted(data.catalog().regions.values(), key=lambda r: (r.level, r.code))
    ],
    "sources": lambda: [
        {k: getattr(row, k) for k in SOURCE_FIELDS} for _, row in sorted(data.catalog().sources.items())
    ],
}


def _catalog_view(name: str) -> Callable[[], Response]:
    def view() -> Response:
        check_known(request.args, ())
        return conditional(name, lambda: _json(CATALOGS[name]()))

    view.__name__ = name
    return view


for _name in CATALOGS:
    api.add_url_rule(f"/{_name}", view_func=_catalog_view(_name), methods=["GET"])


@api.get("/", defaults={"rest": ""})
@api.get("/<path:rest>")
def _not_found(rest: str) -> Response:
    """Any other path under /api/v1 (the pages' catch-all route would answer it with HTML)."""
    message = f"no endpoint /api/v1/{rest}; use one of: " + ", ".join(f"/api/v1/{e}" for e in ENDPOINTS)
    return _json({"error": {"message": message}}, 404)


@api.route("/", defaults={"rest": ""}, methods=["POST", "PUT", "PATCH", "DELETE"])
@api.route("/<path:rest>", methods=["POST", "PUT", "PATCH", "DELETE"])
def _read_only(rest: str) -> Response:
    response = _json({"error": {"message": "the API is read-only: use GET"}}, 405)
    response.headers["Allow"] = "GET, HEAD, OPTIONS"
    return response


# -- errors and headers -------------------------------------------------------------------------


@api.errorhandler(ApiError)
def _bad_request(error: ApiError) -> Response:
    return _json({"error": {"parameter": error.parameter, "message": error.message}}, 400)


@api.errorhandler(Exception)
def _failure(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return _json({"error": {"message": error.description}}, error.code or 500)
    log.exception("API request %s failed", request.full_path)
    return _json({"error": {"message": "internal error"}}, 500)


@api.after_request
def _cors(response: Response) -> Response:
    if request.method == "OPTIONS":
        response.headers["Allow"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link, X-Total-Count"
    return response


def register(server: Flask) -> None:
    server.register_blueprint(api)
