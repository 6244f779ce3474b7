// Charts on phones: the server lays figures out for a desktop card. Below 576 px this rewraps the
// title, subtitle and source lines, moves the legend under the plot, hides the in-plot verdict
// (the page states it above the chart) and makes the card taller, so nothing is cut off.
(function () {
  const NARROW = 576;

  function wrap(text, width) {
    if (!text) return text;
    const words = String(text).replace(/<br>/g, " ").split(/\s+/);
    const lines = [];
    let line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines.join("<br>");
  }

  function lineCount(text) { return text ? String(text).split("<br>").length : 0; }

  function adapt(graph) {
    if (!window.Plotly || !graph.layout || graph.dataset.rmNarrow) return;
    if (graph.clientWidth >= NARROW || graph.closest(".kpi-card")) return;
    graph.dataset.rmNarrow = "1";
    const layout = graph.layout;
    const chars = Math.max(24, Math.floor(graph.clientWidth / 9));
    // Plotly anchors a wrapped title near its first line, which rises about 13 px above the anchor:
    // place it 22 px below the container's top edge whatever the height, so it is never cut off.
    const update = { "title.font.size": 14, "title.xref": "container", "title.x": 0.03, "margin.r": 12,
                     "title.yref": "container", "title.yanchor": "top",
                     "title.y": 1 - 22 / Math.max(200, graph.clientHeight),
                     "legend.font.size": 11, "xaxis.tickmode": "auto", "xaxis.nticks": 5, "xaxis.tickangle": 0 };
    const xaxis = (graph._fullLayout && graph._fullLayout.xaxis) || {};
    if (layout.xaxis && layout.xaxis.tickformat === "%Y" && xaxis.range) {
      // Year axes keep whole-year ticks (auto ticks would repeat a year at half-year steps).
      const years = xaxis.range.map(function (value) { return new Date(value).getFullYear(); });
      const step = Math.max(1, Math.ceil((years[1] - years[0]) / 4));
      delete update["xaxis.tickmode"]; delete update["xaxis.nticks"];
      update["xaxis.dtick"] = "M" + 12 * step;
    }
    const size = graph._fullLayout && graph._fullLayout._size;
    const leftEdge = size && size.w ? -(size.l - 8) / size.w : 0;  // the card's left edge in paper units
    const title = wrap(layout.title && layout.title.text, chars);
    const subtitle = layout.title && layout.title.subtitle ? wrap(layout.title.subtitle.text, chars + 8) : "";
    update["title.text"] = title;
    if (subtitle) update["title.subtitle.text"] = subtitle;
    const extraTop = 18 * (lineCount(title) - 1) + 15 * Math.max(0, lineCount(subtitle) - 1);
    const legendItems = graph.data.filter(function (trace) { return trace.showlegend !== false && trace.name; }).length;
    const legendHeight = layout.showlegend === false || legendItems < 2 ? 0 : 20 * legendItems + 10;
    if (legendHeight) {  // between the subtitle and the plot, one entry per line
      Object.assign(update, { "legend.orientation": "v", "legend.x": leftEdge, "legend.xanchor": "left",
                              "legend.y": 1.02, "legend.yanchor": "bottom", "legend.bgcolor": "rgba(255,255,255,0)" });
    }
    update["margin.t"] = (layout.margin.t || 80) + extraTop + legendHeight;
    const annotations = (layout.annotations || []).map(function (a) { return Object.assign({}, a); });
    const footers = annotations.filter(function (a) { return a.name && a.name.indexOf("footer-") === 0; });
    let footerHeight = 0;
    if (footers.length) {
      // The server wrapped one source line over several annotations; the last one is the date line.
      // Lines named '-own' (a map's attribution) follow, each wrapped on its own.
      const own = function (a) { return /-own$/.test(a.name); };
      const texts = footers.filter(function (a) { return !own(a); }).map(function (a) { return a.text; });
      const last = texts.length > 1 ? "<br>" + wrap(texts.pop(), Math.floor(chars * 1.3)) : "";
      const after = footers.filter(own).map(function (a) { return "<br>" + wrap(a.text, Math.floor(chars * 1.3)); });
      const text = wrap(texts.join(" "), Math.floor(chars * 1.3)) + last + after.join("");
      footers.forEach(function (a, i) { a.visible = i === 0; });
      footers[0].text = text;
      footers[0].font = Object.assign({}, footers[0].font, { size: 10 });
      footers[0].x = leftEdge;
      footerHeight = 13 * lineCount(text) - 15 * footers.length;
    }
    annotations.forEach(function (a) { if (a.name === "verdict") a.visible = false; });
    update.annotations = annotations;
    const extraBottom = Math.max(0, footerHeight);
    update["margin.b"] = (layout.margin.b || 80) + extraBottom;
    let spare = 0;  // a map drawn narrower than its height: give the empty rows above and below back
    const land = layout.geo && graph.querySelector(".choroplethlayer");
    if (land && size && graph._fullLayout.geo) {
      const domain = graph._fullLayout.geo.domain.y;
      spare = Math.max(0, Math.floor(size.h * (domain[1] - domain[0]) - land.getBoundingClientRect().height - 16));
      if (spare) update.height = graph._fullLayout.height + extraTop + legendHeight + extraBottom - spare;
    }
    const holder = graph.closest(".dash-graph") || graph.parentElement;
    holder.style.height = (graph.clientHeight + extraTop + legendHeight + extraBottom - spare) + "px";
    window.Plotly.relayout(graph, update);
    const scales = graph.data.map(function (trace, i) { return trace.type === "choropleth" && trace.colorbar ? i : -1; })
      .filter(function (i) { return i >= 0; });
    if (layout.geo && scales.length) window.Plotly.restyle(graph, { "colorbar.nticks": 3 }, scales);  // labels apart
  }

  function scan() { document.querySelectorAll(".js-plotly-plot").forEach(adapt); }
  new MutationObserver(function () { window.requestAnimationFrame(scan); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
