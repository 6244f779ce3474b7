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

// Export menu: images are drawn by Plotly from the figure on the page (title, source and date are
// part of the figure); data links and share texts get the current view's query string.
function regiometerQuery() {
  return window.location.search || "";
}

document.addEventListener("click", function (event) {
  const image = event.target.closest ? event.target.closest(".export-image") : null;
  if (image) {
    event.preventDefault();
    const graph = document.querySelector("#" + CSS.escape(image.dataset.graph) + " .js-plotly-plot");
    if (!graph || !window.Plotly) return;
    const scale = Number(image.dataset.scale || "1");
    window.Plotly.downloadImage(graph, {
      format: image.dataset.format, width: 1200, height: 675, scale: scale,
      filename: image.dataset.filename + (scale > 1 ? "@" + scale + "x" : ""),
    });
    return;
  }
  const data = event.target.closest ? event.target.closest("a.export-data") : null;
  if (data) {
    const base = data.getAttribute("href").split("?")[0];
    data.setAttribute("href", base + regiometerQuery());
    return;
  }
  const copy = event.target.closest ? event.target.closest(".share-copy") : null;
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

// Opening "Cite & share" fills the link, the embed code and the citation's permalink for this view.
document.addEventListener("toggle", function (event) {
  const details = event.target;
  if (!details.classList || !details.classList.contains("share-details") || !details.open) return;
  const chart = details.parentElement.dataset.chart;
  const link = window.location.origin + window.location.pathname + regiometerQuery();
  const params = new URLSearchParams(window.location.search);
  params.set("page", window.location.pathname);
  const embed = window.location.origin + "/embed/" + chart + "?" + params.toString();
  details.querySelectorAll(".share-field").forEach(function (field) {
    if (field.dataset.kind === "link") field.value = link;
    if (field.dataset.kind === "embed") {
      field.value = '<iframe src="' + embed + '" width="100%" height="500" style="border:0" loading="lazy" title="Regiometer"></iframe>';
    }
    if (field.dataset.kind === "citation" && !field.dataset.linked) {
      field.value = field.value + " " + link;
      field.dataset.linked = "1";
    }
  });
}, true);
