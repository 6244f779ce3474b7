// "Chart | Table" on every chart card: the table is the chart's accessible alternative and a quick
// look-up. It is built in the browser from what the graph draws now (plotly's own data), so it never
// goes stale when a control redraws the chart, and costs the server nothing.
(function () {
  "use strict";
  const MAX_ROWS = 500;

  function text(value) {
    return value === null || value === undefined ? "" : String(value).replace(/<br>/g, " ").replace(/<[^>]+>/g, "");
  }

  function number(value, lang) {
    if (typeof value !== "number" || !isFinite(value)) return text(value);
    const digits = Math.abs(value) >= 100 ? 0 : 2;  // paths to a goal: 83,714, not 83,714.29
    return new Intl.NumberFormat(lang === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: digits }).format(value);
  }

  // Arrays as plotly.js holds them once drawn: plain arrays or typed arrays (numbers sent as binary).
  function list(values) {
    return values === null || values === undefined || typeof values !== "object" ? [] : Array.from(values);
  }

  // [series, label, value] for each point a trace draws, in the order it draws them.
  function points(trace) {
    if (trace.visible === false || trace.hoverinfo === "skip" || trace.mode === "text") return [];
    const name = text(trace.name);
    if (/^choropleth/.test(trace.type || "")) {
      const names = list(trace.text), z = list(trace.z);
      return list(trace.locations).map(function (code, i) { return [name, text(names[i] || code), z[i]]; });
    }
    if (trace.type === "pie") {
      const shares = list(trace.values);
      return list(trace.labels).map(function (label, i) { return [name, text(label), shares[i]]; });
    }
    const horizontal = trace.orientation === "h";
    const labels = list(horizontal ? trace.y : trace.x);
    const values = list(horizontal ? trace.x : trace.y);
    return labels.map(function (label, i) { return [name, label, values[i], horizontal ? "h" : "v"]; });
  }

  // Dates as the axis shows them: a year axis ('%Y') shows 2012, not 2012-01-01T00:00:00.
  function period(value, axis) {
    const found = /^(\d{4})(-\d{2}-\d{2})(T00:00:00(\.0+)?)?$/.exec(text(value));
    if (!found) return text(value);
    return axis && axis.tickformat === "%Y" ? found[1] : found[1] + found[2];
  }

  function build(box, graph) {
    const lang = box.dataset.lang || "en";
    const full = graph._fullLayout || {};
    // _fullData: the traces as drawn (binary arrays decoded, hidden legend entries marked).
    const rows = [].concat.apply([], (graph._fullData || graph.data || []).map(points));
    const table = document.createElement("table");
    table.className = "table table-sm table-striped chart-table";
    const caption = document.createElement("caption");
    const title = full.title && (full.title.text !== undefined ? full.title.text : full.title);
    caption.textContent = text(title) || text(box.dataset.caption);
    table.appendChild(caption);
    const head = table.createTHead().insertRow();
    [box.dataset.series, box.dataset.label, box.dataset.value].forEach(function (title) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = title || "";
      head.appendChild(th);
    });
    const body = table.createTBody();
    rows.slice(0, MAX_ROWS).forEach(function (row) {
      const tr = body.insertRow();
      tr.insertCell().textContent = row[0];
      tr.insertCell().textContent = period(row[1], row[3] === "h" ? full.yaxis : full.xaxis);
      const cell = tr.insertCell();
      cell.textContent = number(row[2], lang);
      cell.className = "num";
    });
    box.replaceChildren(table);
    if (rows.length > MAX_ROWS) {
      const more = document.createElement("p");
      more.className = "small";
      more.textContent = (box.dataset.more || "").replace("{count}", String(rows.length - MAX_ROWS));
      box.appendChild(more);
    }
  }

  function show(card, view) {
    const graph = card.querySelector(".js-plotly-plot");
    // The graph's reserved box (dashboard/components/space.py) if it has one, so no empty space stays.
    const plot = card.querySelector(".graph-space") || card.querySelector(".dash-graph") || (graph && graph.parentElement);
    const box = card.querySelector(".chart-table-box");
    if (!box || !plot) return;
    card.querySelectorAll(".chart-switch button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    });
    if (view === "table" && graph) build(box, graph);
    box.hidden = view !== "table";
    plot.style.display = view === "table" ? "none" : "";
    if (view === "chart" && window.Plotly && graph) window.Plotly.Plots.resize(graph);
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest(".chart-switch button");
    if (!button) return;
    show(button.closest(".chart-card"), button.dataset.view);
  });
})();
