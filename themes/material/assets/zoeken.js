// Pagefind search on the search page. Other editions' indexes are merged in (each page carries
// an "editie" filter); results start filtered to this edition. ?q= starts a search.
(function () {
  var element = document.getElementById("zoeken");
  var others = JSON.parse(element.dataset.andereEdities || "[]");
  var ui = new PagefindUI({
    element: "#zoeken",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
    mergeIndex: others.map(function (edition) {
      return { bundlePath: edition.pad };
    }),
  });
  if (others.length) ui.triggerFilters({ editie: [element.dataset.editie] });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
