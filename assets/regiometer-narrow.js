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
      Object.assign(update, { "legend.orientation": "v", "legend.x": 0, "legend.xanchor": "left",
                              "legend.y": 1.02, "legend.yanchor": "bottom", "legend.bgcolor": "rgba(255,255,255,0)" });
    }
    update["margin.t"] = (layout.margin.t || 80) + extraTop + legendHeight;
    const annotations = (layout.annotations || []).map(function (a) { return Object.assign({}, a); });
    const footers = annotations.filter(function (a) { return a.name && a.name.indexOf("footer-") === 0; });
    let footerHeight = 0;
    if (footers.length) {
      // The server wrapped one source line over several annotations; the last one is the date line.
      const texts = footers.map(function (a) { return a.text; });
      const last = texts.length > 1 ? "<br>" + wrap(texts.pop(), Math.floor(chars * 1.3)) : "";
      const text = wrap(texts.join(" "), Math.floor(chars * 1.3)) + last;
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
    const holder = graph.closest(".dash-graph") || graph.parentElement;
    holder.style.height = (graph.clientHeight + extraTop + legendHeight + extraBottom) + "px";
    window.Plotly.relayout(graph, update);
  }

  function scan() { document.querySelectorAll(".js-plotly-plot").forEach(adapt); }
  new MutationObserver(function () { window.requestAnimationFrame(scan); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
