// compare.js: two levels side by side, from the tools' data (the index
// and the files of the two levels' tracks). The
// radar chart (bars by category above 12 competencies) is drawn here in the same style as the server's charts
// (internal/chart): a grid ring per point of the scale, series in
// currentColor with the classes chart-series-a and chart-series-b, the
// second dashed, and a table with every value.
"use strict";

(function () {
  var T = window.LadderTools, el = T.el, svg = T.svg, tr = T.t;

  function num(x) { return String(Math.round(x * 10) / 10); }

  // radar draws the competencies of two levels; rows are
  // [competency, valueA, valueB].
  function radar(fw, rows, a, b) {
    var n = rows.length, top = Math.max(fw.scale.length, 1);
    var W = 640, R = 120, cx = W / 2, cy = R + 52, H = 2 * R + 150;
    var ang = function (i) { return -Math.PI / 2 + 2 * Math.PI * i / n; };
    var pt = function (i, v) { var r = R * v / top; return [cx + r * Math.cos(ang(i)), cy + r * Math.sin(ang(i))]; };
    var title = tr("compare.radar_title", a.title, b.title);
    var root = svg("svg", {
      xmlns: "http://www.w3.org/2000/svg", class: "chart chart-radar", "data-chart": "radar",
      viewBox: "0 0 " + W + " " + H, width: "100%", role: "group",
      "aria-labelledby": "cmp-radar-title cmp-radar-desc", "font-size": "13", fill: "currentColor"
    });
    root.style.setProperty("--chart-w", W);
    root.append(svg("title", { id: "cmp-radar-title" }, title),
      svg("desc", { id: "cmp-radar-desc" }, tr("compare.radar_desc", n, top, a.title, b.title)));
    var grid = svg("g", { class: "chart-grid", fill: "none", stroke: "currentColor", "stroke-opacity": "0.25" });
    for (var k = 1; k <= top; k++) {
      var ps = [];
      for (var i = 0; i < n; i++) ps.push(pt(i, k).map(num).join(","));
      grid.append(svg("polygon", { points: ps.join(" ") }));
    }
    root.append(grid);
    var axes = svg("g", { class: "chart-axis", stroke: "currentColor", "stroke-opacity": "0.45" });
    for (i = 0; i < n; i++) {
      var e = pt(i, top);
      axes.append(svg("line", { x1: num(cx), y1: num(cy), x2: num(e[0]), y2: num(e[1]) }));
    }
    root.append(axes);
    var ticks = svg("g", { class: "chart-tick", "font-size": "10", "text-anchor": "middle", "fill-opacity": "0.7" });
    var half = Math.PI / n;
    for (k = 1; k <= top; k++) {
      var rk = R * k / top * Math.cos(half) - 7, at = ang(0) + half;
      ticks.append(svg("text", { x: num(cx + rk * Math.cos(at)), y: num(cy + rk * Math.sin(at) + 3.5) },
        svg("title", null, fw.scale[k - 1] || ""), String(k)));
    }
    root.append(ticks);
    [[1, "a", a], [2, "b", b]].forEach(function (s) {
      var ps = rows.map(function (r, i) { return pt(i, r[s[0]]).map(num).join(","); });
      var attrs = { class: "chart-series chart-series-" + s[1], points: ps.join(" "), fill: "currentColor",
        "fill-opacity": s[1] === "a" ? "0.18" : "0.08", stroke: "currentColor", "stroke-width": "2", "stroke-linejoin": "round" };
      if (s[1] === "b") attrs["stroke-dasharray"] = "6 4";
      root.append(svg("polygon", attrs));
    });
    [[1, "a", a], [2, "b", b]].forEach(function (s) {
      rows.forEach(function (r, i) {
        var p = pt(i, r[s[0]]), v = r[s[0]];
        var tip = svg("title", null, r[0].title + ", " + s[2].title + ": " + v + " — " + (v ? fw.scale[v - 1] || "" : tr("tools.not_expected")));
        var attrs = { class: "chart-point chart-series-" + s[1], "data-series": s[1], "data-axis": String(i), "data-value": String(v) };
        var m = s[1] === "a"
          ? svg("circle", Object.assign({ cx: num(p[0]), cy: num(p[1]), r: "4" }, attrs), tip)
          : svg("path", Object.assign({ d: "M" + num(p[0]) + "," + num(p[1] - 5) + "L" + num(p[0] + 5) + "," + num(p[1]) + "L" + num(p[0]) + "," + num(p[1] + 5) + "L" + num(p[0] - 5) + "," + num(p[1]) + "z" }, attrs), tip);
        root.append(m);
      });
    });
    var labels = svg("g", { class: "chart-label" });
    rows.forEach(function (r, i) {
      var c = Math.cos(ang(i)), s = Math.sin(ang(i)), lr = R + 12;
      var anchor = c > 0.25 ? "start" : c < -0.25 ? "end" : "middle";
      var x = cx + lr * c, y = cy + lr * s + 4 + (Math.abs(c) <= 0.25 ? (s < 0 ? -6 : 10) : 0);
      var text = r[0].title, short = text.length > 22 ? text.slice(0, 21) + "…" : text;
      var t = svg("text", { x: num(x), y: num(y), "text-anchor": anchor }, short !== text ? svg("title", null, text) : null, short);
      var comp = fw.index.competencies.get(r[0].id);
      labels.append(comp ? svg("a", { href: T.siteURL(comp.url) }, t) : t);
    });
    root.append(labels);
    var legend = svg("g", { class: "chart-legend", "font-size": "11" });
    var ly = H - 22;
    legend.append(
      svg("g", { class: "chart-series-a" }, svg("line", { x1: "140", y1: num(ly), x2: "170", y2: num(ly), stroke: "currentColor", "stroke-width": "2" }),
        svg("circle", { cx: "155", cy: num(ly), r: "4" })),
      svg("text", { x: "178", y: num(ly + 4) }, "A: " + a.title),
      svg("g", { class: "chart-series-b" }, svg("line", { x1: "350", y1: num(ly), x2: "380", y2: num(ly), stroke: "currentColor", "stroke-width": "2", "stroke-dasharray": "6 4" }),
        svg("path", { d: "M365," + num(ly - 5) + "L370," + num(ly) + "L365," + num(ly + 5) + "L360," + num(ly) + "z" })),
      svg("text", { x: "388", y: num(ly + 4) }, "B: " + b.title));
    root.append(legend);
    return root;
  }

  // MAX_AXES is the most competencies drawn as a radar (chart.MaxRadarAxes
  // on the server): with more, the spokes are too close to read.
  var MAX_AXES = 12;

  // bars draws, for more competencies than a radar can show, a bar per
  // category (the average expected level of its competencies in A and in
  // B), or a bar per competency when they have no categories, as the
  // server's bar charts do. It returns the chart and the note that says why.
  function bars(fw, rows, a, b) {
    var groups = [], byName = new Map();
    rows.forEach(function (r) {
      var name = r[0].category || tr("compare.general"), g = byName.get(name);
      if (!g) { g = { label: name, url: "", vals: [0, 0], n: 0 }; byName.set(name, g); groups.push(g); }
      g.vals[0] += r[1]; g.vals[1] += r[2]; g.n++;
    });
    var note;
    if (groups.length >= 2 && groups.length <= MAX_AXES) {
      groups.forEach(function (g) { g.vals = [g.vals[0] / g.n, g.vals[1] / g.n]; g.label += " (" + g.n + ")"; });
      note = tr("compare.many_axes_groups", rows.length);
    } else {
      groups = rows.map(function (r) {
        var comp = fw.index.competencies.get(r[0].id);
        return { label: r[0].title, url: comp ? T.siteURL(comp.url) : "", vals: [r[1], r[2]] };
      });
      note = tr("compare.many_axes", rows.length);
    }
    var top = Math.max(fw.scale.length, 1), W = 440, labelW = 130, barH = 16, barGap = 5, groupG = 16;
    var x0 = 12 + labelW + 12, x1 = W - 12 - 24, groupH = 2 * barH + barGap;
    var scale = function (v) { return x0 + (x1 - x0) * v / top; };
    var y0 = 28, bottom = y0 + groupG / 2 + groups.length * (groupH + groupG), H = bottom + 56;
    var title = tr("compare.radar_title", a.title, b.title);
    var root = svg("svg", {
      xmlns: "http://www.w3.org/2000/svg", class: "chart chart-bars", "data-chart": "bars",
      viewBox: "0 0 " + W + " " + H, width: String(W), role: "group",
      "aria-labelledby": "cmp-radar-title cmp-radar-desc", "font-size": "13", fill: "currentColor"
    });
    root.style.setProperty("--chart-w", W);
    root.append(svg("title", { id: "cmp-radar-title" }, title),
      svg("desc", { id: "cmp-radar-desc" }, (groups.length < rows.length ? tr("compare.bars_desc_groups", groups.length, rows.length, top, a.title, b.title) : tr("compare.bars_desc", rows.length, top, a.title, b.title)) + " " + note));
    var grid = svg("g", { class: "chart-grid" }), ticks = svg("g", { class: "chart-tick" });
    for (var k = 0; k <= top; k++) {
      grid.append(svg("line", { x1: num(scale(k)), y1: num(y0), x2: num(scale(k)), y2: num(bottom) }));
      if (k) ticks.append(svg("text", { x: num(scale(k)), y: num(y0 - 5) }, svg("title", null, fw.scale[k - 1] || ""), String(k)));
    }
    root.append(grid, ticks, svg("line", { class: "chart-axis", x1: num(x0), y1: num(y0), x2: num(x0), y2: num(bottom) }));
    var y = y0 + groupG / 2;
    groups.forEach(function (g) {
      var text = g.label, short = text.length > 18 ? text.slice(0, 17) + "…" : text;
      var t = svg("text", { class: "chart-label", x: num(x0 - 10), y: num(y + groupH / 2 + 4.5), "text-anchor": "end" }, short !== text ? svg("title", null, text) : null, short);
      root.append(g.url ? svg("a", { href: g.url }, t) : t);
      ["a", "b"].forEach(function (letter, s) {
        var v = g.vals[s], by = y + s * (barH + barGap);
        root.append(svg("rect", { class: "chart-bar chart-series-" + letter, x: num(x0), y: num(by), width: num(scale(v) - x0), height: String(barH), "data-value": num(v) }),
          svg("text", { class: "chart-value", x: num(scale(v) + 5), y: num(by + barH / 2 + 4) }, num(v)));
      });
      y += groupH + groupG;
    });
    var legend = svg("g", { class: "chart-legend" }), ly = bottom + 26;
    legend.append(
      svg("g", { class: "chart-series-a" }, svg("line", { x1: "40", y1: num(ly - 4), x2: "68", y2: num(ly - 4) })),
      svg("text", { x: "74", y: num(ly) }, "A: " + (a.title.length > 22 ? a.title.slice(0, 21) + "…" : a.title)),
      svg("g", { class: "chart-series-b" }, svg("line", { x1: "240", y1: num(ly - 4), x2: "268", y2: num(ly - 4) })),
      svg("text", { x: "274", y: num(ly) }, "B: " + (b.title.length > 22 ? b.title.slice(0, 21) + "…" : b.title)));
    root.append(legend);
    return { chart: root, note: note };
  }

  function levelCard(fw, l, letter) {
    var track = fw.index.tracks.get(l.track);
    var pay = l.pay;
    var facts = el("dl", { class: "facts compact" });
    var add = function (k, v) { facts.append(el("div", null, el("dt", null, k), el("dd", null, v))); };
    add(tr("compare.track"), track ? el("a", { href: T.siteURL(track.url) }, track.title) : l.track);
    add(tr("compare.position"), (l.code ? l.code + " · " : "") + tr("compare.path_rank", l.path, l.rank));
    if (pay) {
      var min = T.field(pay, "min", "Min"), max = T.field(pay, "max", "Max"), cur = T.field(pay, "currency", "Currency");
      add(tr("compare.pay"), tr("tools.range", T.money(min, cur), T.money(max, cur)));
    } else add(tr("compare.pay"), tr("compare.pay_none"));
    if (l.min_months) add(tr("compare.time_before"), T.months(l.min_months));
    return el("div", { class: "panel compare-card compare-" + letter },
      el("h2", null, el("span", { class: "compare-letter chart-series-" + letter, "aria-hidden": "true" }, letter.toUpperCase()), " ",
        el("a", { href: T.siteURL(l.url) }, l.title)),
      l.summary ? el("p", null, l.summary) : null, facts);
  }

  // diff names how B differs from A for one competency.
  function diff(va, vb) {
    if (!va && vb) return ["new", tr("compare.diff_new")];
    if (va && !vb) return ["dropped", tr("compare.diff_dropped")];
    if (vb > va) return ["higher", tr("compare.diff_higher", vb - va)];
    if (vb < va) return ["lower", tr("compare.diff_lower", va - vb)];
    return ["same", tr("compare.diff_same")];
  }

  function scaleCell(fw, v) {
    return v ? el("span", { class: "scale heat-" + v }, v + " · " + (fw.scale[v - 1] || "")) : el("span", { class: "none" }, "—");
  }

  function render(fw, a, b, out) {
    T.clear(out);
    var ids = [], seen = new Set();
    var exp = function (l) { var m = new Map(); (l.competencies || []).forEach(function (e) { m.set(e.id, e.level); }); return m; };
    var ea = exp(a), eb = exp(b);
    // Rows in the site's competency order.
    fw.competencies.forEach(function (c) { if ((ea.has(c.id) || eb.has(c.id)) && !seen.has(c.id)) { seen.add(c.id); ids.push(c.id); } });
    [a, b].forEach(function (l) { (l.competencies || []).forEach(function (e) { if (!seen.has(e.id)) { seen.add(e.id); ids.push(e.id); } }); });
    var rows = ids.map(function (id) {
      var c = fw.index.competencies.get(id) || { id: id, title: id };
      return [c, ea.get(id) || 0, eb.get(id) || 0];
    });
    var counts = { higher: 0, lower: 0, new: 0, dropped: 0, same: 0 };
    var trs = rows.map(function (r) {
      var d = diff(r[1], r[2]);
      counts[d[0]]++;
      return el("tr", { class: "row-" + d[0] },
        el("th", { scope: "row" }, r[0].url ? el("a", { href: T.siteURL(r[0].url) }, r[0].title) : r[0].title),
        el("td", null, scaleCell(fw, r[1]), r[1] ? T.criteria(fw, a.id, r[0].id) : null),
        el("td", null, scaleCell(fw, r[2]), r[2] ? T.criteria(fw, b.id, r[0].id) : null),
        el("td", null, el("span", { class: "diff diff-" + d[0] }, d[1])));
    });
    out.append(el("div", { class: "compare-cards" }, levelCard(fw, a, "a"), levelCard(fw, b, "b")));
    var sec = el("section", { "aria-labelledby": "cmp-comp-h" }, el("h2", { id: "cmp-comp-h" }, tr("compare.competencies")));
    if (rows.length > MAX_AXES) {
      var many = bars(fw, rows, a, b);
      sec.append(el("figure", { class: "chart-figure compare-radar" }, el("div", { class: "chart-box" }, many.chart),
        el("figcaption", { class: "chart-note" }, many.note)));
    } else if (rows.length >= 3) sec.append(el("figure", { class: "chart-figure compare-radar" }, el("div", { class: "chart-box" }, radar(fw, rows, a, b))));
    sec.append(el("div", { class: "table-scroll" }, el("table", { class: "compare-table", id: "compare-table" },
      el("caption", null, tr("compare.caption", a.title, b.title)),
      el("thead", null, el("tr", null, el("th", { scope: "col" }, tr("compare.competency")), el("th", { scope: "col" }, "A: " + a.title),
        el("th", { scope: "col" }, "B: " + b.title), el("th", { scope: "col" }, tr("compare.difference")))),
      el("tbody", null, trs))));
    out.append(sec);

    var courses = function (l) {
      var m = new Map();
      (l.required_courses || []).forEach(function (id) { m.set(id, "required"); });
      (l.optional_courses || []).forEach(function (id) { if (!m.has(id)) m.set(id, "optional"); });
      return m;
    };
    var ca = courses(a), cb = courses(b);
    var both = [], onlyA = [], onlyB = [];
    ca.forEach(function (v, id) { (cb.has(id) ? both : onlyA).push(id); });
    cb.forEach(function (v, id) { if (!ca.has(id)) onlyB.push(id); });
    var list = function (title, idsIn, cls, mark) {
      return el("div", { class: "panel course-col " + cls }, el("h3", null, title, el("span", { class: "count" }, String(idsIn.length))),
        idsIn.length ? el("ul", { class: "course-list" }, idsIn.map(function (id) {
          var c = fw.index.courses.get(id);
          return el("li", null, c ? el("a", { href: T.siteURL(c.url) }, c.title) : id, " ",
            el("span", { class: "meta" }, (c ? T.hours(c.hours || 0) : "") + mark(id)));
        })) : el("p", { class: "none" }, tr("compare.none")));
    };
    var kinds = function (id) {
      var x = ca.get(id), y = cb.get(id);
      if (x && y) return x === y ? " · " + tr("compare.kind_" + x) : " · " + tr("compare.kinds", tr("compare.kind_" + x), tr("compare.kind_" + y));
      return " · " + tr("compare.kind_" + (x || y));
    };
    out.append(el("section", { "aria-labelledby": "cmp-courses-h" }, el("h2", { id: "cmp-courses-h" }, tr("compare.courses")),
      el("div", { class: "course-cols" }, list(tr("compare.in_both"), both, "both", kinds), list(tr("compare.only_a"), onlyA, "only-a", kinds), list(tr("compare.only_b"), onlyB, "only-b", kinds))));
    return tr("compare.summary", a.title, b.title, counts.higher, counts.lower, counts.new, counts.dropped) + tr("compare.shared", both.length);
  }

  function start() {
    var form = document.getElementById("compare-form");
    if (!form) return;
    var sa = document.getElementById("compare-a"), sb = document.getElementById("compare-b");
    var ta = document.getElementById("compare-a-track"), tb = document.getElementById("compare-b-track");
    var status = document.getElementById("compare-status"), out = document.getElementById("compare-result");
    status.textContent = tr("tools.loading");
    T.loadData().then(function (d) {
      if (!d.nl) { status.textContent = ""; T.empty(out, "compare"); return; }
      var pa = new T.LevelPicker(d, ta, sa, tr("tools.choose_level")), pb = new T.LevelPicker(d, tb, sb, tr("tools.choose_level"));
      var p = T.params();
      // Level B defaults to the first promotion from level A.
      return Promise.all([pa.set(p.get("a")), pb.set(p.get("b"))]).then(function (ls) {
        if (ls[0] && !ls[1] && d.next[ls[0].num].length) {
          return d.loadNum(d.next[ls[0].num][0]).then(function (l) { return pb.set(l ? l.id : ""); });
        }
      }).then(function () {
        form.hidden = false;
        var update = function () {
          T.setParams({ a: sa.value, b: sb.value });
          if (!sa.value || !sb.value) {
            T.clear(out);
            status.textContent = tr("compare.choose");
            return;
          }
          status.textContent = render(d, d.index.levels.get(sa.value), d.index.levels.get(sb.value), out);
        };
        form.addEventListener("change", update);
        form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
        document.getElementById("compare-swap").addEventListener("click", function () {
          var x = pa.value(), y = pb.value();
          Promise.all([pa.set(y), pb.set(x)]).then(update);
        });
        update();
      });
    }).catch(function (err) { status.textContent = ""; T.fail(out, err); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
