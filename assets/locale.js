// The page's language travels with every Dash callback (the server reads it once per request).
(function () {
  var original = window.fetch;
  window.fetch = function (resource, options) {
    var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
    if (url.indexOf("_dash-update-component") !== -1) {
      var lang = new URLSearchParams(window.location.search).get("lang") === "de" ? "de" : "en";
      options = Object.assign({}, options);
      var headers = new Headers(options.headers || {});
      headers.set("X-Regiometer-Locale", lang);
      options.headers = headers;
    }
    return original.call(this, resource, options);
  };
})();
