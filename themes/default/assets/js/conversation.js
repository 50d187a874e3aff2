/* An opinion conversation one statement at a time: ballot-form.js signs and sends each reaction (with the key this
   browser keeps for the form, so a participant's reactions stay linked) and says "consult:stored"; this script then
   shows the next statement not yet answered here. Without it the page lists every statement with its buttons. On a
   shared kiosk (kiosk.js) the reactions are held by the page only, never by the browser's storage. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-conversation]");
  if (!form || !window.JSON || !window.CustomEvent) return;
  var storeKey = "consult:opinions:" + form.getAttribute("data-form-id");
  var items = Array.prototype.slice.call(form.querySelectorAll("li[data-statement]"));
  var done = form.querySelector(".conversation-done");
  var reacted = {};
  var shared = true;

  function save() {
    if (shared) return;
    try { window.localStorage.setItem(storeKey, JSON.stringify(reacted)); } catch (e) { /* not kept: nothing to do */ }
  }

  // The chosen stance of each answered statement shows as a pressed button, so it can be seen and changed.
  function mark(item) {
    var chosen = reacted[item.getAttribute("data-statement")];
    Array.prototype.forEach.call(item.querySelectorAll("button[value]"), function (button) {
      button.setAttribute("aria-pressed", button.value === chosen ? "true" : "false");
    });
  }

  function show(focus) {
    var next = null;
    for (var i = 0; i < items.length; i++) {
      if (!reacted[items[i].getAttribute("data-statement")]) { next = items[i]; break; }
    }
    items.forEach(function (item) {
      item.hidden = next !== null && item !== next;
      item.querySelector(".statement-progress").hidden = next === null;
      mark(item);
    });
    done.hidden = next !== null;
    if (!focus) return;
    if (next) next.querySelector(".statement-text").focus(); else done.focus();
  }

  form.addEventListener("consult:stored", function (event) {
    event.preventDefault();
    (event.detail.items || []).forEach(function (item) { reacted[item[0]] = item[1]; });
    save();
    show(true);
  });
  show(false);
  // kiosk.js runs after this script: its answer is asked for once every script has run.
  document.addEventListener("DOMContentLoaded", function () {
    var kiosk = window.ConsultKiosk ? window.ConsultKiosk.ready : window.Promise && window.Promise.resolve(null);
    if (!kiosk) return;
    kiosk.then(function (settings) {
      if (settings) return;
      shared = false;
      var kept = {};
      try { kept = JSON.parse(window.localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { kept = {}; }
      // A reaction sent before the answer came stays.
      for (var statement in reacted) kept[statement] = reacted[statement];
      reacted = kept;
      save();
      show(false);
    });
  });
})();
