/* The root page: go to the visitor's preferred language when the site has it; the list stays for everyone
   else (and for anyone who comes back with #choose). */
(function () {
  "use strict";
  if (location.hash === "#choose" || !navigator.languages) return;
  var root = document.documentElement;
  var available = (root.getAttribute("data-languages") || "").split(" ");
  function match(wanted) {
    wanted = wanted.toLowerCase();
    for (var i = 0; i < available.length; i++) if (available[i].toLowerCase() === wanted) return available[i];
    var base = wanted.split("-")[0];
    for (var j = 0; j < available.length; j++) if (available[j].toLowerCase().split("-")[0] === base) return available[j];
    return null;
  }
  var preferred = navigator.languages.length ? navigator.languages : [navigator.language];
  for (var k = 0; k < preferred.length; k++) {
    var found = match(preferred[k] || "");
    if (found) { location.replace(found + "/"); return; }
  }
})();
