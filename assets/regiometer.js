// Language links keep the current view: replace only ?lang= in whatever the URL says right now
// (filters write the query string with history.replaceState, which the server-rendered href misses).
document.addEventListener("click", function (event) {
  const link = event.target.closest ? event.target.closest("a.lang-link") : null;
  if (!link) return;
  const lang = link.getAttribute("lang");
  const params = new URLSearchParams(window.location.search);
  params.set("lang", lang);
  event.preventDefault();
  window.location.assign(window.location.pathname + "?" + params.toString() + window.location.hash);
});

// The export menu (dashboard/components/export_menu.py).
// Images do not depend on the screen: /export/<chart>.json gives the chart laid out for 1200x675
// (dashboard/figures/export.py), with the view's query string and the page's path for the footer's
// link; Plotly draws it off-screen and the browser saves it. Data links get the view's query string.
(function () {
  function viewQuery(extra) {
    const params = new URLSearchParams(window.location.search);
    Object.keys(extra || {}).forEach(function (key) { params.set(key, extra[key]); });
    const text = params.toString();
    return text ? "?" + text : "";
  }

  function blobOf(url) {
    const comma = url.indexOf(",");
    const head = url.slice(0, comma), body = url.slice(comma + 1);
    const type = head.slice(5).split(";")[0];
    if (head.indexOf(";base64") >= 0) {
      const bytes = atob(body), array = new Uint8Array(bytes.length);
      for (let i = 0; i < bytes.length; i += 1) array[i] = bytes.charCodeAt(i);
      return new Blob([array], { type: type });
    }
    return new Blob([decodeURIComponent(body)], { type: type });
  }

  function save(url, name) {
    const link = document.createElement("a");
    const href = URL.createObjectURL(blobOf(url));
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(href); }, 10000);
  }

  function closeMenu(item) {
    const menu = item.closest(".dropdown-menu");
    const toggle = menu && menu.parentElement.querySelector(".dropdown-toggle");
    if (toggle && menu.classList.contains("show")) toggle.click();
  }

  function exportImage(item) {
    if (!window.Plotly || item.dataset.busy) return;
    item.dataset.busy = "1";
    const format = item.dataset.format, scale = Number(item.dataset.scale || "1");
    const url = "/export/" + encodeURIComponent(item.dataset.chart) + ".json" + viewQuery({ page: window.location.pathname });
    const name = item.dataset.filename + (scale > 1 ? "@" + scale + "x" : "") + "." + format;
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (figure) {
        return window.Plotly.toImage(figure, { format: format, width: figure.layout.width, height: figure.layout.height, scale: scale });
      })
      .then(function (image) { save(image, name); closeMenu(item); })
      .catch(function () { window.alert(item.dataset.failed || "Export failed"); })
      .finally(function () { delete item.dataset.busy; });
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    const image = event.target.closest(".export-image");
    if (image) { event.preventDefault(); exportImage(image); return; }
    const data = event.target.closest("a.export-data");
    if (data) {
      const base = data.getAttribute("href").split("?")[0];
      data.setAttribute("href", base + viewQuery({ page: window.location.pathname }));
      setTimeout(function () { closeMenu(data); }, 0);
      return;
    }
    const copy = event.target.closest(".share-copy");
    if (copy) {
      const field = document.getElementById(copy.dataset.target);
      if (!field) return;
      const done = function () { copy.textContent = copy.dataset.done; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select(); document.execCommand("copy"); done(); });
      } else {
        field.select(); document.execCommand("copy"); done();
      }
    }
  });

  function today() {
    const lang = document.documentElement.lang === "de" || new URLSearchParams(window.location.search).get("lang") === "de" ? "de" : "en";
    const options = lang === "de" ? { day: "2-digit", month: "2-digit", year: "numeric" } : { day: "numeric", month: "short", year: "numeric" };
    return new Intl.DateTimeFormat(lang === "de" ? "de-DE" : "en-GB", options).format(new Date());
  }

  // Opening "Cite & share" fills the citation's link and date, the link and the embed code for this view.
  document.addEventListener("toggle", function (event) {
    const details = event.target;
    if (!details.classList || !details.classList.contains("share-details") || !details.open) return;
    const bar = details.closest(".export-bar");
    const chart = bar.dataset.chart;
    const link = window.location.origin + window.location.pathname + viewQuery();
    const embed = window.location.origin + "/embed/" + chart + viewQuery({ page: window.location.pathname });
    const resize = details.querySelector(".share-panel").dataset.resize || "";
    details.querySelectorAll(".share-field").forEach(function (field) {
      if (field.dataset.kind === "link") field.value = link;
      if (field.dataset.kind === "embed") {
        field.value = '<iframe src="' + embed.replace(/&/g, "&amp;").replace(/"/g, "&quot;") + '" width="100%" height="500" ' +
          'style="border:0;width:100%" loading="lazy" title="Regiometer"></iframe>\n' + resize;
      }
      if (field.dataset.kind === "citation") {
        field.value = (field.dataset.template || field.value).split("{permalink}").join(link).split("{retrieved}").join(today());
      }
    });
  }, true);
})();
