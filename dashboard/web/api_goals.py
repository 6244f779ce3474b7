"""GET /api/v1/goals: every goal and projection with its assessment, as the overview shows it.

One object per series with a target or projection row, the pack's goal first: the statement tracked
(value, qualifier as published, status, source), the other statements of that year, the latest actual
figure, the growth rate needed and achieved (fractions, with their bound), the growth window and the
verdict (texts in `?lang=`). Cached per data version; ETag and CORS like the rest of /api/v1.
"""

from __future__ import annotations

import hashlib
import json

from flask import Blueprint, Flask, Response, request

from dashboard.data import goals, version
from dashboard.data.progress import GROWTH_WINDOW_YEARS, window_rule
from dashboard.i18n import current
from dashboard.web.api_query import ApiError, check_known

blueprint = Blueprint("api_goals", __name__, url_prefix="/api/v1")
MAX_AGE = 300


def _json(payload: object, status: int = 200) -> Response:
    return Response(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")), status, mimetype="application/json"
    )


def payload() -> dict:
    """The answer of /api/v1/goals in the request's language."""
    first = goals.pack_goal()
    items = ([first] if first else []) + list(goals.other_goals())
    return {
        "data_version": version(),
        "window": {"years": GROWTH_WINDOW_YEARS, "rule": window_rule()},
        "count": len(items),
        "goals": [goals.record(item) for item in items],
    }


@blueprint.get("/goals")
def goals_endpoint() -> Response:
    check_known(request.args, ("lang",))
    etag = hashlib.sha256(f"goals:{version()}:{current()}".encode()).hexdigest()[:32]
    response = Response(status=304) if request.if_none_match.contains_weak(etag) else _json(payload())
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@blueprint.errorhandler(ApiError)
def _bad_request(error: ApiError) -> Response:
    return _json({"error": {"parameter": error.parameter, "message": error.message}}, 400)


@blueprint.after_request
def _cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Expose-Headers"] = "ETag"
    return response


def register(server: Flask) -> None:
    server.register_blueprint(blueprint)
