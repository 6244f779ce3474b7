"""View state in the query string: controls write it with history.replaceState (no page reload,
no re-render), and page layouts read it, so a copied URL reopens the same view."""

from __future__ import annotations

from dash import Input, Output, clientside_callback, dcc

# Builds '?a=1&b=2' from the current query (keeps lang and others) and the controls' values.
_SYNC_JS = """
function(...args) {
    const names = %s;
    const params = new URLSearchParams(window.location.search);
    names.forEach(function(name, i) {
        const value = args[i];
        const empty = Array.isArray(value) ? !value.length
            : (value === null || value === undefined || value === '');
        if (empty) {
            params.delete(name);
        } else {
            params.set(name, Array.isArray(value) ? value.join(',') : String(value));
        }
    });
    const query = params.toString();
    const url = window.location.pathname + (query ? '?' + query : '') + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, '', url);
    }
    return query;
}
"""


def url_sync(store_id: str, controls: dict[str, tuple[str, str]]) -> dcc.Store:
    """Register the clientside sync for {query name: (component id, property)}; place the returned store."""
    names = list(controls)
    clientside_callback(
        _SYNC_JS % repr(names).replace("'", '"'),
        Output(store_id, "data"),
        [Input(component, prop) for component, prop in controls.values()],
    )
    return dcc.Store(id=store_id)


def split_list(value: str | None) -> list[str]:
    """'AB1,AB12' -> ['AB1', 'AB12'] (lists travel comma-joined in the URL)."""
    return [part for part in (value or "").split(",") if part]
