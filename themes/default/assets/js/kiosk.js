/* Kiosk mode (docs/BALLOT.md, "Kiosk mode"): when the collector that serves this page runs a shared polling-station
   computer (`collector serve --kiosk`), the page says so, offers "I have finished", and clears itself for the next
   participant after a while without input, announced first; ballot-form.js and conversation.js then keep nothing in
   the browser's storage. Sets window.ConsultKiosk.ready: a promise of the kiosk's settings, or null elsewhere. */
(function () {
  "use strict";
  var bar = document.querySelector("[data-kiosk]");
  var remembered = "consult:kiosk";
  var used = "consult:kiosk-used";

  function session(read, write) {
    try { return write === undefined ? window.sessionStorage.getItem(read) : window.sessionStorage.setItem(read, write); } catch (e) { return null; }
  }

  function ask() {
    if (!bar || !window.fetch || !window.Promise || !window.URL) return Promise.resolve(null);
    var collector;
    try { collector = new URL(bar.getAttribute("data-collector") || "/", window.location.href); } catch (e) { return Promise.resolve(null); }
    // Only a collector that serves the page itself can be a kiosk: a site on a static host asks nobody.
    if (collector.origin !== window.location.origin) return Promise.resolve(null);
    var kept = session(remembered);
    if (kept) {
      try { var settings = JSON.parse(kept); return Promise.resolve(settings.kiosk === true ? settings : null); } catch (e) { /* asked again */ }
    }
    return fetch(collector.origin + "/v1/kiosk", { credentials: "omit", cache: "no-store" }).then(function (response) {
      return response.ok ? response.json() : { kiosk: false };
    }).then(function (answer) {
      var settings = answer && answer.kiosk === true && answer.idle_seconds > 0 && answer.warning_seconds > 0 ? answer : null;
      session(remembered, JSON.stringify(settings || { kiosk: false }));
      return settings;
    }, function () { return null; });
  }

  // Everything the site keeps in this browser goes: keys, receipts, reactions, the kiosk's own marks.
  function finish() {
    try { window.localStorage.clear(); } catch (e) { /* nothing kept */ }
    try { window.sessionStorage.clear(); } catch (e) { /* nothing kept */ }
    window.location.replace(bar.getAttribute("data-home") || "/");
  }

  function watch(settings) {
    var dialog = document.querySelector("[data-kiosk-idle]");
    var text = dialog.querySelector("[data-warning]");
    var stay = dialog.querySelector("[data-kiosk-stay]");
    var last = Date.now();
    var touched = false;
    var returnTo = null;
    function warn(seconds) {
      text.textContent = text.getAttribute("data-warning").replace("{seconds}", String(seconds));
      if (!dialog.hidden) return;
      returnTo = document.activeElement;
      dialog.hidden = false;
      // Focus in an alertdialog makes screen readers read it out; the button answers it.
      stay.focus();
    }
    function calm() {
      if (dialog.hidden) return;
      dialog.hidden = true;
      if (returnTo && returnTo.focus && document.contains(returnTo)) returnTo.focus();
    }
    // Any input is someone still here; inside the warning only its button (or Escape) answers it, so the focus
    // goes back where it was rather than to a button that has just been hidden.
    function active(event) {
      last = Date.now();
      touched = true;
      session(used, "1");
      if (!event || !dialog.contains(event.target) || event.key === "Escape") calm();
    }
    ["keydown", "pointerdown", "input", "wheel", "touchstart"].forEach(function (name) {
      document.addEventListener(name, active, { capture: true, passive: true });
    });
    stay.addEventListener("click", function () { active(); });
    window.setInterval(function () {
      // A page nobody has touched since the last clearing has nothing to clear.
      if (!touched && session(used) === null) return;
      var left = settings.idle_seconds * 1000 - (Date.now() - last);
      if (left <= 0) finish();
      else if (left <= settings.warning_seconds * 1000) warn(Math.ceil(left / 1000));
    }, 1000);
  }

  var ready = ask();
  window.ConsultKiosk = { ready: ready };
  ready.then(function (settings) {
    if (!settings) return;
    bar.hidden = false;
    bar.querySelector("[data-kiosk-finish]").addEventListener("click", finish);
    watch(settings);
  });
})();
