// Empty base-map topologies: the choropleth hides all base layers, so plotly.js needs no CDN fetch.
(function () {
  var assets = (window.PlotlyGeoAssets = window.PlotlyGeoAssets || {});
  var maps = (assets.topojson = assets.topojson || {});
  var objects = {land: {type: "GeometryCollection", geometries: []}, ocean: {type: "GeometryCollection", geometries: []}, lakes: {type: "GeometryCollection", geometries: []}, rivers: {type: "GeometryCollection", geometries: []}, countries: {type: "GeometryCollection", geometries: []}, subunits: {type: "GeometryCollection", geometries: []}, coastlines: {type: "GeometryCollection", geometries: []}};
  maps["world_110m"] = maps["world_110m"] || {type: "Topology", objects: objects, arcs: []};
  maps["world_50m"] = maps["world_50m"] || {type: "Topology", objects: objects, arcs: []};
  maps["europe_110m"] = maps["europe_110m"] || {type: "Topology", objects: objects, arcs: []};
  maps["europe_50m"] = maps["europe_50m"] || {type: "Topology", objects: objects, arcs: []};
})();
