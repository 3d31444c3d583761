// ladder default theme: small enhancements on top of pages that work
// without JavaScript. Nothing here is needed to read a page.
(function () {
  "use strict";

  // Course catalogue filters: the form is hidden in the HTML (without
  // JavaScript the whole list shows); here it is revealed, and every change
  // hides the courses that do not match, updates the count and keeps the
  // choices in the address so a filtered list can be shared.
  // texts are the texts of the page's scripts in the site's language (see
  // tools.js, which the tools' pages use), from <script id="ladder-texts">.
  var texts = (function () {
    var node = document.getElementById("ladder-texts");
    try { return (node && JSON.parse(node.textContent)) || {}; } catch (e) { return {}; }
  })();
  var lang = texts.lang || document.documentElement.lang || "en";

  // text returns the text of key with its arguments in place of {0}, {1},
  // ... (numbers in the language's way); a text with plural forms is
  // chosen by the first argument.
  function text(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    var m = (texts.texts || {})[key];
    if (m == null) return key;
    if (typeof m === "object") m = m[new Intl.PluralRules(lang).select(Number(args[0]))] || m.other;
    return String(m).replace(/\{(\d)\}/g, function (s, i) {
      if (i >= args.length) return s;
      return typeof args[i] === "number" ? new Intl.NumberFormat(lang).format(args[i]) : String(args[i]);
    });
  }

  function courseFilters() {
    var form = document.getElementById("course-filters");
    var list = document.getElementById("course-list");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-title]"));
    var count = document.getElementById("course-count");
    var empty = document.getElementById("course-empty");
    var fields = ["q", "provider", "format", "skill", "hours"];

    function value(name) {
      var el = form.elements.namedItem(name);
      return el ? String(el.value || "").trim() : "";
    }

    function range(spec) {
      var parts = spec.split("-");
      var lo = parts[0] === "" ? 0 : parseFloat(parts[0]);
      var hi = parts.length > 1 && parts[1] !== "" ? parseFloat(parts[1]) : Infinity;
      return { lo: isNaN(lo) ? 0 : lo, hi: isNaN(hi) ? Infinity : hi, open: parts[1] === "" };
    }

    function apply() {
      var q = value("q").toLowerCase();
      var provider = value("provider");
      var format = value("format");
      var skill = value("skill");
      var hours = value("hours");
      var r = hours ? range(hours) : null;
      var shown = 0;
      items.forEach(function (li) {
        var d = li.dataset;
        var h = parseFloat(d.hours) || 0;
        var ok = (!q || d.title.toLowerCase().indexOf(q) >= 0) &&
          (!provider || d.provider === provider) &&
          (!format || d.format === format) &&
          (!skill || (" " + d.skills + " ").indexOf(" " + skill + " ") >= 0) &&
          (!r || (r.open ? h > r.lo : h >= r.lo && h <= r.hi));
        li.hidden = !ok;
        if (ok) shown++;
      });
      if (count) {
        count.textContent = shown === items.length ? text("app.all", items.length) : text("app.some", shown, items.length);
      }
      if (empty) empty.hidden = shown !== 0;
    }

    function save() {
      var params = new URLSearchParams();
      fields.forEach(function (f) {
        var v = value(f);
        if (v) params.set(f, v);
      });
      var qs = params.toString();
      try {
        history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
      } catch (e) {
        // file:// pages may refuse replaceState; filtering still works.
      }
    }

    var initial = new URLSearchParams(location.search);
    fields.forEach(function (f) {
      var el = form.elements.namedItem(f);
      var v = initial.get(f);
      if (el && v !== null) el.value = v;
    });

    form.hidden = false;
    form.addEventListener("input", function () { apply(); save(); });
    form.addEventListener("change", function () { apply(); save(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); save(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(); save(); }, 0);
    });
    apply();
  }

  // Matrix filter: the select above a track's matrix (hidden in the HTML,
  // where links to the categories stand instead) shows one category's rows.
  function matrixFilter() {
    var box = document.getElementById("matrix-filter");
    var table = document.getElementById("matrix-table");
    if (!box || !table) return;
    var select = box.querySelector("select");
    var links = document.getElementById("matrix-cats");
    box.hidden = false;
    if (links) links.hidden = true;
    select.addEventListener("change", function () {
      Array.prototype.forEach.call(table.tBodies, function (tb) {
        tb.hidden = select.value !== "" && tb.id !== select.value;
      });
    });
  }

  function start() {
    courseFilters();
    matrixFilter();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
