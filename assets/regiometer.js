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
