// Charts that fit their width. The server lays figures out for a desktop card; RegiometerLayout.fit
// lays one out again for the width it gets:
// - below 600 px (phones, narrow embeds): title, subtitle and source lines rewrapped, the legend
//   above the plot one entry per line, fewer value ticks, the in-plot verdict moved under the plot,
//   bar labels above their bars (the bars get the full width), a map's colour bar under the map;
// - embeds at any width: a legend that sat inside the plot moves above it, the footer wraps to the
//   width, so nothing covers data and nothing is cut;
// - bars: every category keeps its label (no silent thinning) and gets room for it.
// Pages call it on each graph narrower than 600 px (and undo it when the graph widens again);
// /embed/<chart> calls it on every resize, then `settle` corrects what only the drawn chart knows
// (the legend's real height, the plot's real left edge). Exported images do not use it: the server
// lays them out for 1200x675 (dashboard/figures/export.py).
(function () {
  const NARROW = 600;
  const WIDE_LEGEND = 900;  // embeds narrower than this take the legend and the verdict out of the plot
  const CHAR_EM = 0.6;  // average character width in em, generous so that lines are never cut
  const PAD = 8;  // px between the frame's left edge and titles or footers
  const KEYS = ["title", "legend", "margin", "annotations", "xaxis", "yaxis", "bargap", "meta"];

  function clone(value) { return value === undefined ? undefined : JSON.parse(JSON.stringify(value)); }

  function wrap(text, width) {
    if (!text) return "";
    const lines = [];
    String(text).split("<br>").forEach(function (piece) {
      let line = "";
      piece.split(/\s+/).filter(Boolean).forEach(function (word) {
        if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
        else { line = line ? line + " " + word : word; }
      });
      lines.push(line);
    });
    return lines.join("<br>");
  }

  function lineCount(text) { return text ? String(text).split("<br>").length : 0; }
  function chars(px, font) { return Math.max(16, Math.floor(px / (font * CHAR_EM))); }
  function plainLength(text) { return String(text || "").replace(/<[^>]+>/g, "").length; }
  function isFooter(a) { return a && a.name && String(a.name).indexOf("footer-") === 0; }
  function isGeo(data) {
    return data.some(function (t) { return /^(choropleth|scattergeo)/.test(t.type || ""); });
  }

  function legendNames(data) {
    const names = [], groups = {};
    data.forEach(function (t) {
      if (t.showlegend === false || !t.name || t.visible === false || /^(choropleth|pie)/.test(t.type || "")) return;
      if (t.legendgroup && groups[t.legendgroup]) return;
      if (t.legendgroup) groups[t.legendgroup] = true;
      names.push(String(t.name));
    });
    return names;
  }

  function legendInside(layout) {
    const legend = layout.legend || {};
    const x = legend.x === undefined ? 1.02 : legend.x, y = legend.y === undefined ? 1 : legend.y;
    return x >= 0 && x <= 1 && y >= 0 && y < 1;
  }

  // Rows of a horizontal legend as plotly.js lays it out: one row if all entries fit, else columns
  // as wide as the widest entry.
  function legendRows(names, width, font) {
    const items = names.map(function (name) { return 40 + plainLength(name) * font * CHAR_EM; });
    const total = items.reduce(function (a, b) { return a + b; }, 0);
    if (total <= width) return 1;
    const perRow = Math.max(1, Math.floor(width / Math.max.apply(null, items)));
    return Math.ceil(names.length / perRow);
  }

  // The footer as texts: theme.apply_frame stores them unwrapped in layout.meta.footer.
  function footerTexts(layout) {
    const parts = layout.meta && layout.meta.footer;
    if (parts) return [parts.source, parts.as_of].concat(parts.notes || []).filter(Boolean);
    return (layout.annotations || []).filter(isFooter).map(function (a) { return a.text; });
  }

  function footerGap(data, layout) {
    const x = layout.xaxis || {};
    if (x.visible === false || isGeo(data)) return 8;
    const title = x.title && (x.title.text !== undefined ? x.title.text : x.title);
    return 44 + (title ? 24 : 0);
  }

  // Bars and the axis their categories are on.
  function categories(data, layout) {
    const bars = data.filter(function (t) { return t.type === "bar"; });
    if (!bars.length) return null;
    const horizontal = bars[0].orientation === "h";
    const axis = horizontal ? "yaxis" : "xaxis";
    const seen = [];
    bars.forEach(function (t) {
      (horizontal ? t.y : t.x || []).forEach(function (c) { if (seen.indexOf(c) < 0) seen.push(c); });
    });
    const type = (layout[axis] || {}).type;
    const numeric = seen.every(function (c) { return c !== "" && c !== null && !isNaN(Number(c)); });
    if (type === "linear" || type === "date" || (numeric && type !== "category")) return null;
    return { axis: axis, values: seen, horizontal: horizontal, bars: bars };
  }

  function tickLabel(axis, value) {
    if (axis.tickmode === "array" && axis.tickvals && axis.ticktext) {
      const at = axis.tickvals.indexOf(value);
      if (at >= 0) return axis.ticktext[at];
    }
    return String(value);
  }

  // Characters of the longest value label drawn beside a bar (text, or a texttemplate of the value).
  function outsideText(bars) {
    let longest = 0;
    bars.forEach(function (t) {
      if (t.textposition && ["outside", "auto"].indexOf(t.textposition) < 0) return;
      if (Array.isArray(t.text)) t.text.forEach(function (s) { longest = Math.max(longest, plainLength(s)); });
      else if (t.texttemplate || t.text) {
        const values = (t.orientation === "h" ? t.x : t.y) || [];
        const top = Math.max.apply(null, values.map(function (v) { return Math.abs(Number(v)) || 0; }).concat([0]));
        const digits = String(Math.round(top)).length;
        longest = Math.max(longest, digits + Math.floor((digits - 1) / 3) + 2);
      }
    });
    return longest;
  }

  // figure: {data, layout}; width: px; options: {embed, plotHeight, size: the drawn plot's
  // _fullLayout._size if known}. Returns {data, layout, height}.
  function fit(figure, width, options) {
    options = options || {};
    const data = (figure.data || []).map(function (t) { return Object.assign({}, t); });
    const layout = clone(figure.layout || {});
    const narrow = width < NARROW;
    const embed = !!options.embed;
    const margin = Object.assign({}, layout.margin || {});
    let left = margin.l === undefined ? 64 : margin.l;
    let right = narrow ? 12 : (margin.r === undefined ? 24 : margin.r);
    const titleSize = narrow ? 14 : ((layout.title && layout.title.font && layout.title.font.size) || 17);
    const subtitleSize = 13;
    const bars = categories(data, layout);
    const xaxis = Object.assign({}, layout.xaxis || {});
    const yaxis = Object.assign({}, layout.yaxis || {});
    const annotations = (layout.annotations || []).filter(function (a) { return !isFooter(a); })
      .map(function (a) { return Object.assign({}, a); });
    let plot = options.plotHeight || 300;

    // Bars across a phone: labels above their bars, the bars the full width.
    if (narrow && bars && bars.horizontal && yaxis.showticklabels !== false) {
      const axis = yaxis;
      bars.values.forEach(function (value) {
        annotations.push({ text: tickLabel(axis, value), name: "bar-label", xref: "paper", x: 0, xanchor: "left",
          yref: "y", y: value, yanchor: "bottom", yshift: 9, showarrow: false, align: "left",
          font: { size: 11, color: "#222222" } });
      });
      Object.assign(yaxis, { showticklabels: false, ticks: "", automargin: false });
      layout.bargap = 0.5;
      left = PAD;
      plot = Math.max(plot, bars.values.length * 36 + 10);
      const text = outsideText(bars.bars);
      if (text) right = Math.max(right, Math.ceil(text * 11 * CHAR_EM) + 8);
    } else if (bars) {  // every category keeps its label, each row tall enough
      const axis = bars.axis === "yaxis" ? yaxis : xaxis;
      if (axis.tickmode !== "array") Object.assign(axis, { tickmode: "linear", tick0: 0, dtick: 1 });
      if (bars.horizontal) plot = Math.max(plot, bars.values.length * (narrow ? 22 : 20) + 10);
    }
    if (narrow && !(bars && !bars.horizontal) && xaxis.type !== "category") {
      Object.assign(xaxis, { tickmode: "auto", nticks: 4, tickangle: 0 });
      delete xaxis.dtick;
    }

    // A map's colour bar under the map on a phone, across: the map gets the width. (Above the map,
    // plotly.js would push the title out of the frame.)
    let colorbar = 0;
    if (narrow && isGeo(data)) {
      data.forEach(function (t) {
        if (!/^choropleth/.test(t.type || "") || t.showscale === false) return;
        const bar = Object.assign({}, t.colorbar || {});
        const title = Object.assign({}, typeof bar.title === "object" ? bar.title : { text: bar.title }, { side: "top" });
        t.colorbar = Object.assign(bar, { orientation: "h", x: 0, xanchor: "left", y: -0.02,
          yanchor: "top", len: 1, lenmode: "fraction", thickness: 10, nticks: 4, tickangle: 0,
          title: title });
        colorbar = 64;
      });
      left = PAD;
      right = 24;  // the colour bar's last tick label is centred on its end
      plot = Math.max(plot, Math.round(width * 0.75));
    }

    const textWidth = width - 2 * PAD;
    const title = Object.assign({}, layout.title || {});
    title.text = wrap(title.text, chars(textWidth, titleSize));
    title.font = Object.assign({}, title.font || {}, { size: titleSize });
    if (narrow || embed) Object.assign(title, { xref: "container", x: PAD / width, xanchor: "left" });
    if (title.subtitle && title.subtitle.text) {
      title.subtitle = Object.assign({}, title.subtitle, { text: wrap(title.subtitle.text, chars(textWidth, subtitleSize)) });
    }
    layout.title = title;
    const subtitle = title.subtitle && title.subtitle.text;
    let top = 12 + Math.ceil(titleSize * 1.3) * lineCount(title.text) + Math.ceil(subtitleSize * 1.35) * lineCount(subtitle) + 10;

    const names = legendNames(data);
    let legendHeight = 0;
    if (layout.showlegend !== false && names.length > 1) {
      if (narrow) {  // between the subtitle and the plot, one entry per line
        layout.legend = Object.assign({}, layout.legend || {}, { orientation: "v", x: 0, xanchor: "left", y: 1.02,
          yanchor: "bottom", bgcolor: "rgba(255,255,255,0)", font: { size: 11 } });
        legendHeight = 20 * names.length + 6;
      } else if (embed && (legendInside(layout) || width < WIDE_LEGEND)) {
        layout.legend = Object.assign({}, layout.legend || {}, { orientation: "h", x: 0, xanchor: "left", y: 1.02,
          yanchor: "bottom", bgcolor: "rgba(255,255,255,0)", font: { size: 12 } });
        legendHeight = 22 * legendRows(names, width - left - right, 12) + 6;
      }
    }
    top += legendHeight;

    const extra = [];
    if (narrow || (embed && width < WIDE_LEGEND)) {
      annotations.forEach(function (a) {
        if (a.name !== "verdict") return;
        a.visible = false;  // the page states it above the chart; an embed says it under the chart
        if (embed) extra.push(String(a.text).replace(/<br>/g, " ").replace(/<\/?b>/g, "").replace(/\s+/g, " "));
      });
    }
    const footerSize = narrow ? 10 : 11;
    const size = options.size;
    const plotLeft = size ? size.l : left;
    const plotWidth = size ? size.w : Math.max(80, width - left - right);
    const footer = extra.concat(footerTexts(layout)).map(function (text) {
      return wrap(text, chars(width - 2 * PAD, footerSize));
    }).join("<br>");
    const gap = footerGap(data, layout) + colorbar;
    if (footer) {
      annotations.push({ text: footer, name: "footer-0", xref: "paper", yref: "paper", x: -(plotLeft - PAD) / plotWidth,
        y: 0, xanchor: "left", yanchor: "top", yshift: -gap, showarrow: false, align: "left",
        font: { size: footerSize, color: "#555555" } });
    }
    layout.annotations = annotations;
    const bottom = gap + Math.ceil(footerSize * 1.35) * lineCount(footer) + 10;

    layout.xaxis = xaxis;
    layout.yaxis = yaxis;
    layout.margin = Object.assign(margin, { l: left, r: right, t: top, b: bottom });
    const height = Math.round(top + bottom + plot);
    setHeight(layout, height);
    return { data: data, layout: layout, height: height, legendHeight: legendHeight };
  }

  // The title 10 px under the frame's top, whatever the height. plotly.js centres a title of several
  // lines on its anchor line, so each line after the first moves the anchor down by half a line.
  function titleY(layout, height) {
    const title = layout.title || {};
    const size = (title.font && title.font.size) || 17;
    return 1 - (10 + (lineCount(title.text) - 1) * 0.65 * size) / height;
  }

  function setHeight(layout, height) {
    if (layout.title && layout.title.xref === "container") {
      Object.assign(layout.title, { yref: "container", y: titleY(layout, height), yanchor: "top" });
    }
  }

  // After drawing `fitted` (what fit returned): what the chart knows and the estimate did not, the
  // legend's height and the plot's left edge. Returns {update: a relayout update, grow: px more height}.
  function settle(graph, fitted) {
    const full = graph._fullLayout;
    const update = {};
    if (!full || !full._size) return { update: update, grow: 0 };
    const layout = fitted.layout;
    const legend = full.legend;
    const reserved = fitted.legendHeight || 0;
    let grow = 0;
    if (reserved && legend && legend._height > reserved - 6) {
      grow = Math.ceil(legend._height - reserved + 6);
      update["margin.t"] = layout.margin.t + grow;
    }
    (layout.annotations || []).forEach(function (a, i) {
      if (!isFooter(a)) return;
      const x = -(full._size.l - PAD) / full._size.w;
      if (Math.abs(x - a.x) > 0.002) update["annotations[" + i + "].x"] = x;
    });
    return { update: update, grow: grow };
  }

  // plotly.js grows margins for tick labels (automargin) in a redraw after its promise resolves.
  function afterMargins() {
    return new Promise(function (resolve) {
      window.requestAnimationFrame(function () { window.requestAnimationFrame(resolve); });
    });
  }

  // The plot height (without title and footer) a figure's own design gives it at a height.
  function designPlot(layout, height) {
    const margin = layout.margin || {};
    return Math.max(180, height - (margin.t || 80) - (margin.b || 80));
  }

  window.RegiometerLayout = { NARROW: NARROW, fit: fit, settle: settle, setHeight: setHeight, titleY: titleY, afterMargins: afterMargins, designPlot: designPlot, wrap: wrap };

  // Pages: each graph narrower than NARROW gets the narrow layout; it is undone when it widens again.
  function traceUpdate(graph, data) {
    const colorbars = data.map(function (t) { return t.colorbar; });
    return colorbars.some(function (c, i) { return c !== graph.data[i].colorbar; }) ? { colorbar: colorbars } : null;
  }

  function apply(graph, layout, data) {
    const update = {};
    KEYS.forEach(function (key) { update[key] = layout[key] === undefined ? null : layout[key]; });
    const traces = data ? traceUpdate(graph, data) : null;
    return traces ? window.Plotly.update(graph, traces, update) : window.Plotly.relayout(graph, update);
  }

  function adapt(graph) {
    if (!window.Plotly || !graph.layout || !graph.data || graph.closest(".kpi-card")) return;
    const narrow = graph.clientWidth > 0 && graph.clientWidth < NARROW;
    const state = graph._rmState;
    // Dash redraws a graph with its figure, which our relayout changed in place: still ours.
    if (state && state.layout !== graph.layout && graph.layout.meta && graph.layout.meta.rmNarrow) {
      state.layout = graph.layout;
    }
    const current = state && state.layout === graph.layout;  // not replaced by a new figure since
    if (current && state.narrow === narrow) return;
    if (!narrow && !current) return;
    const holder = graph.closest(".dash-graph") || graph.parentElement;
    if (!narrow) {
      holder.style.height = state.height;
      state.narrow = false;
      apply(graph, state.original, state.data);
      return;
    }
    const original = current ? state.original : {};
    const originalData = current ? state.data : graph.data.map(function (t) { return { colorbar: clone(t.colorbar) }; });
    if (!current) KEYS.forEach(function (key) { original[key] = clone(graph.layout[key]); });
    const height = current ? state.height : holder.style.height || graph.clientHeight + "px";
    const plot = designPlot(original, parseFloat(height) || graph.clientHeight);
    const size = graph._fullLayout && graph._fullLayout._size;
    const fitted = fit({ data: graph.data, layout: Object.assign({}, graph.layout, original) }, graph.clientWidth,
      { plotHeight: plot, size: size && size.w ? size : null });
    fitted.layout.meta = Object.assign({}, fitted.layout.meta || {}, { rmNarrow: true });
    graph._rmState = { layout: graph.layout, narrow: true, original: original, data: originalData, height: height };
    holder.style.height = fitted.height + "px";
    apply(graph, fitted.layout, fitted.data).then(afterMargins).then(function () {
      const found = settle(graph, fitted);
      if (found.grow) holder.style.height = (fitted.height + found.grow) + "px";
      if (Object.keys(found.update).length) window.Plotly.relayout(graph, found.update);
    });
  }

  function scan() { document.querySelectorAll(".js-plotly-plot").forEach(adapt); }
  let pending = false;
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; scan(); });
  }
  if (document.documentElement && !document.documentElement.hasAttribute("data-embed")) {
    new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener("resize", later);
  }
})();
