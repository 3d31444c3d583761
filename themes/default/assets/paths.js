// paths.js: the path finder. It computes routes in the browser from the
// tools' data with the same algorithm as "ladder path" (tools.js), loading
// only the tracks the routes pass.
"use strict";

(function () {
  var T = window.LadderTools, tr = T.t, el = T.el;

  var kindLabel = { promotion: tr("paths.promotion"), move: tr("paths.move"), program: tr("paths.program") };

  // stepView draws one step: what it is, what it pays, what it asks.
  function stepView(fw, st, n) {
    var prog = st.program && fw.index.programs.get(st.program.id);
    var head = el("h3", { class: "step-head" },
      el("span", { class: "step-num" }, n + "."), " ",
      el("span", { class: "badge step-kind step-kind-" + st.kind }, kindLabel[st.kind]), " ",
      st.program ? [prog ? el("a", { href: T.siteURL(prog.url) }, st.program.title) : st.program.title, " → "] : null,
      T.levelLink(fw, st.to.id));
    var track = fw.index.tracks.get(st.to.track);
    var facts = [];
    if (track) facts.push(track.title);
    var time = T.timeText(st.months, st.months_max, st.program_time_unknown);
    if (time) facts.push(time);
    var body = [head, el("p", { class: "meta" }, facts.join(" · "))];
    if (st.program) {
      var dl = el("dl", { class: "step-facts" });
      if (st.program.funding) dl.append(el("dt", null, tr("paths.funding")), el("dd", null, st.program.funding));
      if (st.program.duration) dl.append(el("dt", null, tr("paths.duration")), el("dd", null, st.program.duration));
      dl.append(el("dt", null, tr("paths.program_time")), el("dd", null, T.rangeText(st.program.months) || tr("paths.not_given")));
      if (dl.firstChild) body.push(dl);
    }
    var c = st.conditions;
    if (c) {
      var ul = el("ul", { class: "conditions" });
      if (c.min_tenure_months) ul.append(el("li", null, tr("paths.tenure", T.months(c.min_tenure_months))));
      c.courses.forEach(function (x) { ul.append(el("li", null, tr("paths.complete"), " ", courseLink(fw, x), " (" + T.hours(x.hours) + ")")); });
      if (c.approval) ul.append(el("li", null, tr("paths.approval", c.approval)));
      if (c.note) ul.append(el("li", null, c.note));
      body.push(el("h4", null, tr("paths.to_join")), ul);
    }
    if (st.gaps.length) {
      var rows = st.gaps.map(function (g) {
        var comp = fw.index.competencies.get(g.id);
        return el("tr", null,
          el("th", { scope: "row" }, comp ? el("a", { href: T.siteURL(comp.url) }, g.title) : g.title),
          el("td", null, g.from > 0 ? el("span", { class: "scale heat-" + g.from }, g.from + " · " + (g.from_name || "")) : el("span", { class: "none" }, tr("tools.not_expected"))),
          el("td", null, el("span", { class: "scale heat-" + g.to }, g.to + " · " + g.to_name), T.criteria(fw, st.to.id, g.id)));
      });
      body.push(el("h4", null, tr("paths.grow")),
        el("div", { class: "table-scroll" }, el("table", { class: "gaps" },
          el("thead", null, el("tr", null, el("th", { scope: "col" }, tr("compare.competency")), el("th", { scope: "col" }, tr("paths.now")), el("th", { scope: "col" }, tr("paths.needed")))),
          el("tbody", null, rows))));
    }
    if (st.courses.length) {
      body.push(el("h4", null, tr("paths.required", T.hours(st.hours))),
        el("ul", { class: "course-list" }, st.courses.map(function (x) {
          return el("li", null, courseLink(fw, x), " ", el("span", { class: "meta" }, T.hours(x.hours)));
        })));
    }
    if (!st.gaps.length && !st.courses.length && !c) body.push(el("p", { class: "hint" }, tr("paths.nothing_new")));
    return el("li", { class: "route-step step-" + st.kind }, body);
  }

  function courseLink(fw, x) {
    var c = fw.index.courses.get(x.id);
    return c ? el("a", { href: T.siteURL(c.url) }, x.title) : x.title;
  }

  // chain is the route in one line: "A → Career Choice → B → C".
  // chain is the route as a line of levels and programs: a paragraph, or
  // a span where only phrasing content may go (a <summary>).
  function chain(fw, r, tag) {
    var out = [];
    r.steps.forEach(function (st, i) {
      if (i === 0) out.push(el("span", { class: "chain-level" }, fw.index.levels.get(st.from).title));
      out.push(el("span", { class: "chain-arrow", "aria-hidden": "true" }, " → "));
      if (st.program) out.push(el("span", { class: "chain-program" }, st.program.title), el("span", { class: "chain-arrow", "aria-hidden": "true" }, " → "));
      out.push(el("span", { class: "chain-level" }, st.to.title));
    });
    return el(tag || "p", { class: "route-chain" }, out);
  }

  function routeView(fw, r) {
    return el("ol", { class: "route-steps" }, r.steps.map(function (st, i) { return stepView(fw, st, i + 1); }));
  }

  function render(fw, doc, out, by) {
    var best = by === "time" ? tr("paths.quickest") : tr("paths.shortest");
    T.clear(out);
    if (!doc.found) {
      out.append(el("h2", { id: "route-h", tabindex: "-1" }, tr("paths.no_route")),
        el("p", { class: "tool-empty" }, capital(doc.message) + "."));
      return tr("paths.no_route_status", doc.message);
    }
    var r = doc.route;
    if (!r.steps.length) {
      out.append(el("h2", { id: "route-h", tabindex: "-1" }, tr("paths.there")), el("p", null, capital(doc.message) + "."));
      return capital(doc.message) + ".";
    }
    var planURL = T.siteURL("plan/") + "?from=" + encodeURIComponent(doc.from.id) + "&to=" + encodeURIComponent(doc.to.id);
    out.append(
      el("h2", { id: "route-h", tabindex: "-1" }, best),
      chain(fw, r),
      el("p", { class: "route-totals" }, T.routeTotals(r)),
      el("p", { class: "actions" }, el("a", { class: "button", href: planURL, id: "make-plan" }, tr("paths.make_plan"))),
      routeView(fw, r));
    if (doc.alternatives.length) {
      out.append(el("h2", null, tr("paths.other_routes")),
        el("ul", { class: "alternatives" }, doc.alternatives.map(function (a) {
          return el("li", null, el("details", null,
            el("summary", null, chain(fw, a, "span"), el("span", { class: "meta" }, T.routeTotals(a))),
            routeView(fw, a)));
        })));
    }
    var n = r.steps.length;
    return best + ": " + T.routeTotals(r) + (doc.alternatives.length ? tr("paths.others", doc.alternatives.length) : "") + ".";
  }

  function capital(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }

  function start() {
    var form = document.getElementById("path-form");
    var from = document.getElementById("path-from"), to = document.getElementById("path-to");
    var status = document.getElementById("path-status"), out = document.getElementById("path-result");
    if (!form) return;
    status.textContent = tr("tools.loading");
    T.loadData().then(function (d) {
      if (!d.nl) { status.textContent = ""; T.empty(out, "paths"); return; }
      var pf = new T.LevelPicker(d, document.getElementById("path-from-track"), from, tr("paths.choose_from"));
      var pt = new T.LevelPicker(d, document.getElementById("path-to-track"), to, tr("paths.choose_to"));
      var p = T.params();
      // Legacy tracks are left out unless asked for, or named in the link.
      var legacy = document.getElementById("path-legacy");
      var isLegacy = function (id) { var t = id && d.index.tracks.get(String(id).split("/")[0]); return !!(t && t.legacy); };
      var anyLegacy = d.tracks.some(function (t) { return t.legacy; });
      if (legacy) {
        legacy.closest(".field").hidden = !anyLegacy;
        legacy.checked = isLegacy(p.get("from")) || isLegacy(p.get("to"));
        var refill = function () {
          [pf, pt].forEach(function (k) {
            var had = k.ts.value;
            k.fillTracks(legacy.checked);
            if (k.ts.value !== had) k.fillLevels(null, "");
          });
        };
        refill();
        legacy.addEventListener("change", refill);
      }
      var byTime = document.getElementById("path-by-time");
      if (byTime) byTime.checked = p.get("by") === "time";
      var by = function () { return byTime && byTime.checked ? "time" : "steps"; };
      return Promise.all([pf.set(p.get("from")), pt.set(p.get("to"))]).then(function () {
        form.hidden = false;
        var seq = 0;
        var update = function (focus) {
          var n = ++seq;
          T.setParams({ from: from.value, to: to.value, by: by() === "time" ? "time" : "" });
          if (!from.value || !to.value) {
            T.clear(out);
            status.textContent = tr("paths.choose");
            return;
          }
          status.textContent = tr("paths.finding");
          var rank = by();
          d.route(from.value, to.value, 3, rank).then(function (doc) {
            if (n !== seq || !doc) return;
            status.textContent = render(d, doc, out, rank);
            if (focus) document.getElementById("route-h").focus();
          }).catch(function (err) { status.textContent = ""; T.fail(out, err); });
        };
        form.addEventListener("change", function () { update(false); });
        form.addEventListener("submit", function (e) { e.preventDefault(); update(true); });
        update(false);
      });
    }).catch(function (err) { status.textContent = ""; T.fail(out, err); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
