// Search page: Pagefind's UI with filters (speaker, year, source) and an order control.
// The query can arrive from the header's search box as ?q=...
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  var sortSelect = document.getElementById("search-sort");
  var params = new URLSearchParams(window.location.search);
  var ui = null;

  function currentQuery() {
    var input = root.querySelector("input[type=text], input[type=search]");
    return input ? input.value : params.get("q") || "";
  }

  function start(query) {
    // The index is sharded: search the first bundle and merge the others into it.
    var bundles = root.dataset.bundles.split(" ");
    var options = {
      element: "#search",
      bundlePath: bundles[0],
      mergeIndex: bundles.slice(1).map(function (path) { return { bundlePath: path }; }),
      baseUrl: root.dataset.base,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      openFilters: ["speaker", "year", "source"],
    };
    if (sortSelect && sortSelect.value) options.sort = { date: sortSelect.value };
    if (ui) ui.destroy();
    ui = new PagefindUI(options);
    if (query) ui.triggerSearch(query);
  }

  if (sortSelect) {
    var order = params.get("sort");
    if (order === "asc" || order === "desc") sortSelect.value = order;
    sortSelect.addEventListener("change", function () { start(currentQuery()); });
  }
  start(params.get("q") || "");
})();
