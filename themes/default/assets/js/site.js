/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  // Site search appears when the build ran Pagefind; without its index the header stays as it is.
  var search = document.getElementById("search");
  if (search && window.fetch) {
    var base = document.querySelector("script[src*='/assets/js/site.']").getAttribute("src").replace(/assets\/js\/site\.[^/]*$/, "");
    var ui = base + "pagefind/pagefind-ui.js";
    fetch(ui, { method: "HEAD" }).then(function (response) {
      if (!response.ok) return;
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = base + "pagefind/pagefind-ui.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = ui;
      script.onload = function () {
        search.hidden = false;
        new window.PagefindUI({ element: "#search", showImages: false, translations: { placeholder: search.getAttribute("data-label") } });
      };
      document.head.appendChild(script);
    }).catch(function () {});
  }
})();
