"""The embed's height protocol, shared by /embed/<chart> (dashboard.web.embeds) and the share panel's
embed code (dashboard.components.export_menu), the way Datawrapper's responsive embeds do it:

    parent <- {"regiometer-height": 512}      the embed, after each drawing
    embed  <- {"regiometer-sized": 1}         the parent's script, once it set the iframe's height

RESIZE_SCRIPT is the parent page's half, one line pasted under the iframe: it gives the iframe that
sent a height that height and answers, so the embed stops filling the iframe and takes its own height.
"""

from __future__ import annotations

HEIGHT_MESSAGE = "regiometer-height"
SIZED_MESSAGE = "regiometer-sized"
RESIZE_SCRIPT = (
    '<script>window.addEventListener("message",function(e){var h=e.data&&e.data["'
    + HEIGHT_MESSAGE
    + '"];if(!h)return;document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)'
    '{f.style.height=h+"px";e.source.postMessage({"' + SIZED_MESSAGE + '":1},"*")}})});</script>'
)
