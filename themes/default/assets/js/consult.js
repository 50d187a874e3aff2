/* Participation forms, enhanced. Every form works without this file: the collector checks the rules and
   answers in the participant's language. With it, participants see the rule applied as they choose.
   Plain ES5 so old phones run it. */
(function () {
  "use strict";
  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (all, name) { return values[name] !== undefined ? values[name] : all; });
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  var lang = document.documentElement.lang || "en";

  // Budget ballot: running total, what is left, and which rule is not met yet.
  each(document.querySelectorAll("form[data-ballot]"), function (form) {
    var d = form.dataset;
    var budget = +d.budget || 0, minAmount = +d.minAmount || 0, minProjects = +d.minProjects || 0;
    var maxProjects = +d.maxProjects || 0, points = +d.points || 0;
    var money;
    try { money = new Intl.NumberFormat(lang, { style: "currency", currency: d.currency, maximumFractionDigits: 0 }); }
    catch (e) { money = { format: function (n) { return n + " " + d.currency; } }; }
    var tally = form.querySelector("[data-tally]");
    if (!tally) return;
    tally.hidden = false;
    function check() {
      var total = 0, count = 0, given = 0;
      each(form.querySelectorAll("input[name=choice]:checked"), function (box) { total += +box.dataset.cost || 0; count += 1; });
      each(form.querySelectorAll("input[name^='points.']"), function (input) { var n = +input.value || 0; given += n; if (n > 0) count += 1; });
      var problem = "";
      if (points) {
        tally.querySelector("[data-total]").textContent = given + " / " + points;
        tally.querySelector("[data-remaining]").textContent = String(points - given);
        if (given !== points) problem = fill(d.msgPoints, { count: points - given });
      } else {
        tally.querySelector("[data-total]").textContent = money.format(total);
        tally.querySelector("[data-remaining]").textContent = budget ? money.format(Math.max(budget - total, 0)) : "";
        if (budget && total > budget) problem = fill(d.msgOverBudget, { amount: money.format(total - budget) });
        else if (minAmount && total < minAmount) problem = fill(d.msgUnderShare, { amount: money.format(minAmount) });
      }
      if (!problem && maxProjects && count > maxProjects) problem = fill(d.msgTooMany, { count: maxProjects });
      if (!problem && minProjects && count < minProjects) problem = fill(d.msgTooFew, { count: minProjects });
      var line = tally.querySelector("[data-check]");
      line.textContent = problem || d.msgOk;
      line.className = problem ? "check check-problem" : "check check-ok";
      return !problem;
    }
    form.addEventListener("change", check);
    form.addEventListener("input", check);
    form.addEventListener("submit", function (event) {
      if (!check()) { event.preventDefault(); tally.querySelector("[data-check]").focus && tally.setAttribute("tabindex", "-1"); tally.focus(); }
    });
    check();
  });

  // Supports: stop at the participant's limit.
  each(document.querySelectorAll("form.supports-form"), function (form) {
    var limit = +form.dataset.limit || 0;
    if (!limit) return;
    form.addEventListener("change", function () {
      var boxes = form.querySelectorAll("input[name=choice]");
      var chosen = form.querySelectorAll("input[name=choice]:checked").length;
      each(boxes, function (box) { if (!box.checked) box.disabled = chosen >= limit; });
    });
  });

  // Proposals listing: filter and sort instantly on the page's cards.
  each(document.querySelectorAll("[data-listing]"), function (listing) {
    var list = listing.querySelector("[data-cards]");
    if (!list) return;
    var active = {};
    function apply() {
      each(list.children, function (card) {
        var shown = true;
        for (var key in active) if (active[key] && card.dataset[key] !== active[key]) shown = false;
        card.hidden = !shown;
      });
    }
    each(listing.querySelectorAll(".filter a[data-value]"), function (link) {
      link.addEventListener("click", function (event) {
        if (list.children.length !== +(listing.querySelector("h2 .meta") || { textContent: "0" }).textContent.replace(/\D/g, "")) return;
        event.preventDefault();
        var dimension = link.closest(".filter").dataset.dimension;
        active[dimension] = link.dataset.value;
        each(link.closest("ul").querySelectorAll("a"), function (other) { other.removeAttribute("aria-current"); });
        link.setAttribute("aria-current", "page");
        apply();
      });
    });
  });

  // New proposal: show existing proposals whose titles share words with the one being typed.
  var index = document.getElementById("proposal-index");
  each(document.querySelectorAll("form[data-similar]"), function (form) {
    var proposals = [];
    try { proposals = JSON.parse(index.textContent); } catch (e) { return; }
    var input = form.querySelector("input[name=title]");
    var box = form.querySelector("[data-similar-list]");
    // Unicode classes where the browser has them (a literal would stop old browsers from parsing the file).
    var separator;
    try { separator = new RegExp("[^\\p{L}\\p{N}]+", "u"); } catch (e) { separator = /[\s.,;:!?'"()\-\u060c\u061f]+/; }
    function words(text) {
      return String(text).toLocaleLowerCase(lang).split(separator).filter(function (w) { return w.length > 3; });
    }
    input.addEventListener("input", function () {
      var wanted = words(input.value);
      box.textContent = "";
      if (!wanted.length) return;
      var found = proposals.map(function (p) {
        var own = words(p.title), shared = wanted.filter(function (w) { return own.some(function (o) { return o.indexOf(w) === 0 || w.indexOf(o) === 0; }); });
        return { p: p, score: shared.length / Math.max(wanted.length, 1) };
      }).filter(function (m) { return m.score >= 0.5; }).sort(function (a, b) { return b.score - a.score; }).slice(0, 5);
      if (!found.length) return;
      var label = document.createElement("p");
      label.textContent = box.dataset.label;
      var list = document.createElement("ul");
      found.forEach(function (m) {
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = m.p.url; link.textContent = m.p.title;
        item.appendChild(link); list.appendChild(item);
      });
      box.appendChild(label); box.appendChild(list);
    });
  });

  // Petition counter: the collector's running count, refreshed, over the last published one.
  each(document.querySelectorAll("[data-count-url]"), function (counter) {
    var number = new Intl.NumberFormat(lang);
    function refresh() {
      fetch(counter.dataset.countUrl, { cache: "no-store" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (!data || typeof data.count !== "number" || data.count < +counter.dataset.count) return;
        counter.textContent = counter.textContent.replace(/[\d\s.,\u00a0\u202f\u066c]+/, number.format(data.count) + " ");
        counter.hidden = false;
        each(document.querySelectorAll("progress[data-threshold]"), function (bar) {
          bar.value = Math.min(100, Math.floor(data.count * 100 / +bar.dataset.threshold));
          bar.hidden = false;
        });
      }).catch(function () {});
    }
    if (window.fetch) { refresh(); setInterval(refresh, 15000); }
  });

  // Surveys: say which required question is unanswered, next to it, before posting.
  each(document.querySelectorAll("form[data-survey]"), function (form) {
    form.addEventListener("submit", function (event) {
      var first = null;
      each(form.querySelectorAll("fieldset[data-required]"), function (set) {
        var answered = Array.prototype.some.call(set.querySelectorAll("input, textarea"), function (input) {
          return (input.type === "radio" || input.type === "checkbox") ? input.checked : input.value.trim() !== "";
        });
        var error = set.querySelector("[data-error]");
        error.hidden = answered;
        error.textContent = answered ? "" : form.dataset.msgRequired;
        set.setAttribute("aria-invalid", answered ? "false" : "true");
        if (!answered && !first) first = set;
      });
      if (first) { event.preventDefault(); var control = first.querySelector("input, textarea"); if (control) control.focus(); }
    });
  });
})();
