"""Walking Dash component trees in tests: the text a reader sees, the links, a component by id."""

from __future__ import annotations


def plain(text: str) -> str:
    """Text as a reader reads it: CLDR's non-breaking spaces ('4,2\u00a0Mio.\u00a0€') as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _children(component) -> list:
    children = getattr(component, "children", None)
    if children is None:
        return []
    return list(children) if isinstance(children, (list, tuple)) else [children]


def texts(component) -> list[str]:
    """Every string in a component tree, depth first."""
    if isinstance(component, str):
        return [plain(component)]
    if isinstance(component, (int, float)):
        return [str(component)]
    return [text for child in _children(component) for text in texts(child)]


def links(component) -> list[str]:
    found = [component.href] if getattr(component, "href", None) else []
    return found + [href for child in _children(component) for href in links(child)]


def find(component, component_id):
    """The component with this id in a tree (None if absent)."""
    if getattr(component, "id", None) == component_id:
        return component
    for child in _children(component):
        if child is None or isinstance(child, str):
            continue
        found = find(child, component_id)
        if found is not None:  # not truthiness: a component without children has len() 0
            return found
    return None


def first_graph(component):
    """The first dcc.Graph in a tree, depth first (a chart card holds its switch, graph and table box)."""
    if type(component).__name__ == "Graph":
        return component
    for child in _children(component):
        if child is None or isinstance(child, (str, int, float)):
            continue
        found = first_graph(child)
        if found is not None:
            return found
    return None


def as_drawn(page, tree):
    """The page's tree as the browser ends up with it: a page that draws the part under its first
    chart in a second request (BELOW, filled by fill_below from the layout's VIEW_STORE) gets that
    part filled in. Call inside the request context and language of the layout."""
    below = getattr(page, "BELOW", None)
    if below is not None:
        find(tree, below).children = page.fill_below(find(tree, page.VIEW_STORE).data)
    return tree


def page_request(path: str, search: str = "") -> dict:
    """What the browser posts when it opens a page: Dash's router draws the page's content."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
    }
