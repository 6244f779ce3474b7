"""Static files: plotly.js only on pages with charts, fingerprinted URLs cached for a year, the rest
revalidated, JavaScript and CSS compressed once."""

from __future__ import annotations

import re

import brotli
import pytest

from dashboard.web import assets

PLOTLY = "/_dash-component-suites/plotly/package_data/plotly.min.js"


@pytest.fixture
def client(testland_app):
    return testland_app.server.test_client()


def index(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def static_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(/(?:assets|_dash-component-suites)/[^"]+)"', html)


@pytest.mark.parametrize("path", ["/data", "/about", "/login"])
def test_pages_without_charts_do_not_preload_plotly(client, path):
    assert "plotly.min.js" not in index(client, path)


@pytest.mark.parametrize("path", ["/", "/employment", "/regions"])
def test_pages_with_charts_preload_plotly_while_react_starts(client, path):
    assert f'<link rel="preload" as="script" href="{PLOTLY}">' in index(client, path)


def test_bootstrap_is_loaded_once_and_before_our_stylesheet(client):
    html = index(client, "/data")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"?]+)', html)
    assert sheets.count("/assets/vendor/bootstrap.min.css") == 1
    assert sheets.index("/assets/vendor/bootstrap.min.css") < sheets.index("/assets/regiometer.css")


def test_every_static_url_of_a_page_is_cached_for_a_year(client):
    urls = static_urls(index(client, "/employment"))
    assert any(url.startswith("/assets/") for url in urls)
    assert any(url.startswith("/_dash-component-suites/") for url in urls)
    for url in urls:
        if "plotly.min.js" in url or "async-graph" in url:  # Dash requests these without a fingerprint
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", url


def test_an_unfingerprinted_or_outdated_url_is_revalidated(client):
    html = index(client, "/data")
    css = next(url for url in static_urls(html) if url.startswith("/assets/regiometer.css?m="))
    for url in ("/assets/regiometer.css", "/assets/regiometer.css?m=1", PLOTLY):
        first = client.get(url, headers={"Accept-Encoding": "br"})
        assert first.headers["Cache-Control"] == "no-cache", url
        again = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304, url
    assert client.get(css).headers["Cache-Control"].endswith("immutable")


def test_an_old_bundle_fingerprint_is_not_cached_as_if_it_were_current(client):
    bundle = next(url for url in static_urls(index(client, "/data")) if "dash_renderer" in url)
    old = re.sub(r"m\d+", "m1", bundle)
    response = client.get(old)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert client.get(old, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_html_is_revalidated(client):
    assert client.get("/employment").headers["Cache-Control"] == "no-cache"


def test_static_files_are_compressed_once_per_process(client, monkeypatch):
    compressions = []
    original = brotli.compress
    monkeypatch.setattr(brotli, "compress", lambda data, **kw: compressions.append(1) or original(data, **kw))
    plain = client.get("/assets/regiometer.js").get_data()
    answers = [client.get("/assets/regiometer.js", headers={"Accept-Encoding": "gzip, br"}) for _ in range(3)]
    assert {answer.headers["Content-Encoding"] for answer in answers} == {"br"}
    assert all(brotli.decompress(answer.get_data()) == plain for answer in answers)
    assert len(compressions) == 1


def test_gzip_for_browsers_without_brotli(client):
    import gzip

    answer = client.get("/assets/regiometer.css", headers={"Accept-Encoding": "gzip"})
    assert answer.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.get_data()) == client.get("/assets/regiometer.css").get_data()


def test_warm_compresses_what_pages_load_before_any_reader_asks(testland_app, monkeypatch):
    monkeypatch.setattr(assets, "BROTLI_QUALITY", 1)  # the same work, faster
    assets.warm(testland_app.server)
    compressed = testland_app.server.extensions[assets.EXTENSION].compressed
    names = {name for _, name, _, _ in compressed.bodies}
    assert "/_dash-component-suites/plotly/package_data/plotly.min.js" in names
    assert "/_dash-component-suites/dash/dcc/async-dropdown.js" in names
    assert "/assets/vendor/bootstrap.min.css" in names


def test_dashs_polyfill_url_answers_with_only_the_regenerator_runtime(client):
    html = index(client, "/employment")
    [polyfill] = [url for url in static_urls(html) if "/polyfill@" in url]
    response = client.get(polyfill, headers={"Accept-Encoding": "br"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    body = brotli.decompress(response.get_data())
    assert b"regeneratorRuntime = runtime" in body
    assert b"core-js" not in body  # Babel's polyfill bundles core-js 2; the runtime alone does not
    assert len(body) < 30_000  # the polyfill is 99 kB
