// Pagefind search on the search page. Other editions' indexes are merged in (each page carries
// an "editie" filter); results start filtered to this edition. ?q= starts a search.
// Earlier editions are named in the page; later ones come from the site root's edities.json,
// so a published edition's search page never changes when a new edition appears.
(function () {
  var element = document.getElementById("zoeken");
  var year = Number(element.dataset.editie);
  var others = JSON.parse(element.dataset.andereEdities || "[]");

  function start(later) {
    var bundles = others.concat(later);
    var ui = new PagefindUI({
      element: "#zoeken",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: true,
      mergeIndex: bundles.map(function (edition) {
        return { bundlePath: edition.pad };
      }),
    });
    if (bundles.length) ui.triggerFilters({ editie: [element.dataset.editie] });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  function laterEditions(data) {
    return (data && data.edities ? data.edities : [])
      .filter(function (other) { return other > year; })
      .map(function (other) { return { jaar: other, pad: "../../" + other + "/pagefind/" }; });
  }

  if (!window.fetch) return start([]);
  fetch("../../edities.json")
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { start(laterEditions(data)); })
    .catch(function () { start([]); });
})();
