// ladder default theme: small enhancements on top of pages that work
// without JavaScript. Nothing here is needed to read a page.
(function () {
  "use strict";

  // Course catalogue filters: the form is hidden in the HTML (without
  // JavaScript the whole list shows); here it is revealed, and every change
  // hides the courses that do not match, updates the count and keeps the
  // choices in the address so a filtered list can be shared.
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
        count.textContent = shown === items.length
          ? "Showing all " + items.length + " courses"
          : "Showing " + shown + " of " + items.length + " courses";
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

  function start() {
    courseFilters();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
