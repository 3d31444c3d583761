// assess.js: the self-assessment and the check-in. A person picks their
// level (and a target), rates themselves on each competency the level's
// track uses, and sees where they stand: a radar of their ratings against
// the two levels, the gaps, the courses that close them and the programs
// open to them. Everything stays in this browser (localStorage) until the
// person exports the assessment or shares it as a link, whose fragment
// carries the whole assessment, compressed, so that it never reaches a
// server. A check-in puts two assessments of the same person side by side.
//
// The gaps and the courses follow the rules of internal/assess, which the
// end-to-end tests hold this file to.
"use strict";

window.LadderAssess = (function () {
  var T = window.LadderTools, el = T.el, svg = T.svg, text = T.t;
  var KIND = "ladder-assessment", CHECKIN = "ladder-checkin", MAX_COURSES = 5;

  function storeKey() { return "ladder-assess:" + T.siteURL(""); }
  function checkinKey() { return "ladder-checkin:" + T.siteURL(""); }

  function readStore(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function writeStore(key, v) {
    try { localStorage.setItem(key, JSON.stringify(v)); } catch (e) { /* storage full or off: works for this visit */ }
  }

  // --- The framework ---------------------------------------------------------

  // Context is what an assessment is computed against: the tools' data, the
  // index's framework and scale descriptions, and the assessment files of
  // the tracks loaded so far.
  var shards = new Map();
  function loadShard(d, track) {
    if (!shards.has(track)) {
      shards.set(track, T.fetchJSON(d.assessFile.replace("{id}", function () { return encodeURIComponent(track); })).then(function (f) {
        var comps = new Map();
        (f.competencies || []).forEach(function (c) { comps.set(c.id, c); });
        return { comps: comps, courses: f.courses || [] };
      }));
    }
    return shards.get(track);
  }

  // context loads what an assessment of level (and target) needs.
  function context(levelID, targetID) {
    return Promise.all([T.loadData(), T.fetchJSON(T.dataPath("tools", "data/tools/index.json"))]).then(function (xs) {
      var d = xs[0], ix = xs[1];
      return Promise.all([d.loadLevel(levelID), d.loadLevel(targetID)]).then(function (ls) {
        var level = ls[0], target = ls[1];
        var tracks = [];
        if (level) tracks.push(level.track);
        if (target && tracks.indexOf(target.track) < 0) tracks.push(target.track);
        return Promise.all(tracks.map(function (t) { return loadShard(d, t); })).then(function (ss) {
          return { d: d, framework: ix.framework || { hash: "" }, descriptions: ix.scale_descriptions || [], level: level, target: target, shards: ss };
        });
      });
    });
  }

  function comp(ctx, id) {
    for (var i = 0; i < ctx.shards.length; i++) if (ctx.shards[i].comps.has(id)) return ctx.shards[i].comps.get(id);
    var c = ctx.d.index.competencies.get(id);
    return c ? { id: id, title: c.title } : null;
  }

  function expects(l, id) {
    var v = 0;
    ((l && l.competencies) || []).forEach(function (e) { if (e.id === id) v = e.level; });
    return v;
  }

  // descriptor is what point n means for competency c: its own descriptor,
  // else the scale's description.
  function descriptor(ctx, c, n) {
    return (c && c.levels && c.levels[String(n)]) || ctx.descriptions[n - 1] || "";
  }

  // --- The computation (internal/assess) ----------------------------------------

  // ids lists the competencies of an assessment: those the levels of the
  // level's track expect and those the target expects, in site order.
  function ids(ctx) {
    var used = new Set(), t = ctx.d.index.tracks.get(ctx.level.track);
    ((t && t.levels) || []).forEach(function (l) { (l.competencies || []).forEach(function (e) { used.add(e.id); }); });
    ((ctx.target && ctx.target.competencies) || []).forEach(function (e) { used.add(e.id); });
    return ctx.d.competencies.filter(function (c) { return used.has(c.id); }).map(function (c) { return c.id; });
  }

  // courses is assess.Courses: the courses that teach competency id past
  // rating, those that reach need first, then by hours and id.
  function courses(ctx, id, rating, need) {
    var seen = new Set(), out = [];
    ctx.shards.forEach(function (s) {
      s.courses.forEach(function (c) {
        var v = c.skills && c.skills[id];
        if (seen.has(c.id) || !(v > rating)) return;
        seen.add(c.id);
        out.push({ id: c.id, title: c.title, hours: c.hours || 0, level: v, reaches: v >= need });
      });
    });
    out.sort(function (a, b) {
      if (a.reaches !== b.reaches) return a.reaches ? -1 : 1;
      if (a.hours !== b.hours) return a.hours < b.hours ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    return out.slice(0, MAX_COURSES);
  }

  // compute is assess.Compute with titles: ratings maps a competency id to
  // a point of the scale (0: none yet).
  function compute(ctx, ratings) {
    var rows = ids(ctx).map(function (id) {
      var c = comp(ctx, id);
      var r = { id: id, title: c ? c.title : id, rating: -1, level: expects(ctx.level, id), target: expects(ctx.target, id), courses: [] };
      r.need = Math.max(r.level, r.target);
      var v = ratings[id];
      if (typeof v !== "number") r.status = "unrated";
      else {
        r.rating = v;
        r.status = v < r.need ? "below" : v === r.need ? "at" : "above";
        if (r.status === "below") r.courses = courses(ctx, id, v, r.need);
      }
      return r;
    });
    var d = ctx.d, num = ctx.level.num, programs = [];
    d.programs.forEach(function (p) {
      if (p.tracks && p.tracks.length && p.tracks.indexOf(d.trackOf[num]) < 0) return;
      if (p.levels && p.levels.length && p.levels.indexOf(num) < 0) return;
      programs.push({ id: p.id, program: p, leads_to_target: !!ctx.target && (p.leads_to || []).indexOf(ctx.target.num) >= 0 });
    });
    programs = programs.filter(function (p) { return p.leads_to_target; }).concat(programs.filter(function (p) { return !p.leads_to_target; }));
    return { rows: rows, programs: programs };
  }

  // plainResult is a result in the shape of assess.Result, for tests.
  function plainResult(res) {
    return {
      rows: res.rows.map(function (r) {
        return { id: r.id, rating: r.rating, level: r.level, target: r.target, need: r.need, status: r.status,
          courses: r.courses.map(function (c) { return { id: c.id, hours: c.hours, level: c.level, reaches: c.reaches }; }) };
      }),
      programs: res.programs.map(function (p) { return { id: p.id, leads_to_target: p.leads_to_target }; })
    };
  }

  // --- Assessments ---------------------------------------------------------------

  // An assessment: {schema, kind, level, target, role, name, date,
  // ratings: {id: {r, note, evidence: [url]}}, framework: {version, hash},
  // snapshot: {id: {title, level, target}}}. snapshot is what the
  // framework said when the assessment was last saved, so that a later
  // framework's changes can be named.
  function blank() {
    return { schema: 1, kind: KIND, level: "", target: "", role: "self", name: "", date: "", ratings: {}, framework: null, snapshot: {} };
  }

  // clean checks an assessment read from a file, a link or storage and
  // keeps only what it knows; it throws when x is not an assessment.
  function clean(x) {
    if (!x || typeof x !== "object" || x.kind !== KIND) throw new Error(text("assess.not_an_assessment"));
    var a = blank();
    a.level = typeof x.level === "string" ? x.level : "";
    a.target = typeof x.target === "string" ? x.target : "";
    a.role = x.role === "manager" ? "manager" : "self";
    a.name = typeof x.name === "string" ? x.name.slice(0, 200) : "";
    a.date = typeof x.date === "string" ? x.date.slice(0, 40) : "";
    Object.keys(x.ratings || {}).forEach(function (id) {
      var r = x.ratings[id] || {};
      var y = {};
      if (typeof r.r === "number" && r.r >= 0 && r.r <= 20) y.r = Math.round(r.r);
      if (typeof r.note === "string" && r.note) y.note = r.note;
      if (Array.isArray(r.evidence)) y.evidence = r.evidence.filter(function (u) { return typeof u === "string" && u; });
      a.ratings[id] = y;
    });
    if (x.framework && typeof x.framework.hash === "string") a.framework = { version: String(x.framework.version || ""), hash: x.framework.hash };
    Object.keys(x.snapshot || {}).forEach(function (id) {
      var s = x.snapshot[id] || {};
      a.snapshot[id] = { title: String(s.title || id), level: Number(s.level) || 0, target: Number(s.target) || 0 };
    });
    return a;
  }

  function ratingMap(a) {
    var m = {};
    Object.keys(a.ratings).forEach(function (id) { if (typeof a.ratings[id].r === "number") m[id] = a.ratings[id].r; });
    return m;
  }

  // stamp records the framework an assessment is made against.
  function stamp(ctx, a, res) {
    a.framework = { version: ctx.framework.version || "", hash: ctx.framework.hash || "" };
    a.snapshot = {};
    res.rows.forEach(function (r) { a.snapshot[r.id] = { title: r.title, level: r.level, target: r.target }; });
  }

  // changes lists what changed in the framework since assessment a was
  // made, for its level: competencies removed or renamed, expectations
  // raised or lowered, competencies added; [] when the framework is the
  // same or says nothing of a.
  function changes(ctx, a, res) {
    if (!a.framework || a.framework.hash === ctx.framework.hash) return [];
    var out = [], now = new Map();
    res.rows.forEach(function (r) { now.set(r.id, r); });
    Object.keys(a.snapshot).forEach(function (id) {
      var s = a.snapshot[id], r = now.get(id);
      if (!r) {
        var c = ctx.d.index.competencies.get(id);
        out.push(c ? text("assess.change_unexpected", s.title) : text("assess.change_removed", s.title));
        return;
      }
      if (r.title !== s.title) out.push(text("assess.change_renamed", s.title, r.title));
      if (r.level !== s.level) out.push(text("assess.change_expects", r.title, ctx.level.title, pointName(ctx, r.level), pointName(ctx, s.level)));
      if (ctx.target && r.target !== s.target && (r.target || s.target)) out.push(text("assess.change_expects", r.title, ctx.target.title, pointName(ctx, r.target), pointName(ctx, s.target)));
    });
    res.rows.forEach(function (r) { if (!a.snapshot[r.id] && Object.keys(a.snapshot).length) out.push(text("assess.change_new", r.title)); });
    Object.keys(a.ratings).forEach(function (id) {
      if (!now.has(id) && !a.snapshot[id] && typeof a.ratings[id].r === "number") out.push(text("assess.change_gone", id));
    });
    if (!out.length) out.push(text("assess.change_none"));
    return out;
  }

  function pointName(ctx, n) {
    if (!n) return text("assess.nothing");
    var name = ctx.d.scale[n - 1];
    return n + (name ? " " + name : "");
  }

  // --- Links ----------------------------------------------------------------------

  function b64url(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function unb64url(s) {
    var bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // encode resolves to the fragment that carries an assessment: "a=" and
  // the JSON compressed with deflate-raw, in base64url; "j=" and the JSON
  // itself in base64url where the browser cannot compress.
  function encode(a) {
    var bytes = new TextEncoder().encode(JSON.stringify(a));
    if (typeof CompressionStream === "undefined") return Promise.resolve("j=" + b64url(bytes));
    var stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buf) { return "a=" + b64url(new Uint8Array(buf)); });
  }

  // decode resolves to the assessment of a fragment made by encode.
  function decode(fragment) {
    var m = /^#?([aj])=([A-Za-z0-9_-]+)$/.exec(fragment || "");
    if (!m) return Promise.reject(new Error(text("assess.link_none")));
    var bytes;
    try { bytes = unb64url(m[2]); } catch (e) { return Promise.reject(new Error(text("assess.link_damaged"))); }
    var json;
    if (m[1] === "j") json = Promise.resolve(new TextDecoder().decode(bytes));
    else if (typeof DecompressionStream === "undefined") return Promise.reject(new Error(text("assess.link_compressed")));
    else json = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
    return json.then(function (t) { return clean(JSON.parse(t)); }, function () { throw new Error(text("assess.link_damaged")); });
  }

  function shareURL(fragment) {
    return T.siteURL("assess/") + "#" + fragment;
  }

  // --- Drawing --------------------------------------------------------------------

  function num(x) { return String(Math.round(x * 10) / 10); }

  // MAX_AXES is the most competencies drawn as a radar (chart.MaxRadarAxes
  // on the server): with more, the spokes are too close to read.
  var MAX_AXES = 12;

  // bars draws, for more competencies than a radar can show, a bar per
  // category and series: the series' average over the category's
  // competencies, leaving out those not rated yet. When the competencies
  // fall into fewer than two categories or more than MAX_AXES, each has a
  // bar of its own, as on level and compare pages. A note under the chart
  // says why there is no radar.
  function bars(ctx, id, title, axes, series) {
    var tr = T.t, top = Math.max(ctx.d.scale.length, 1), groups = [], byName = new Map();
    axes.forEach(function (r, i) {
      var c = ctx.d.index.competencies.get(r.id), name = (c && c.category) || tr("chart.general"), g = byName.get(name);
      if (!g) { g = { label: name, axes: [] }; byName.set(name, g); groups.push(g); }
      g.axes.push(i);
    });
    var grouped = groups.length >= 2 && groups.length <= MAX_AXES;
    if (grouped) groups.forEach(function (g) { g.label += " (" + g.axes.length + ")"; });
    else groups = axes.map(function (r, i) { return { label: r.title, axes: [i] }; });
    var average = function (s, g) {
      var sum = 0, n = 0;
      g.axes.forEach(function (i) { if (s.values[i] >= 0) { sum += s.values[i]; n++; } });
      return n ? sum / n : -1;
    };
    var note = tr(grouped ? "chart.many_axes_groups" : "chart.many_axes", axes.length);
    var names = series.map(function (s) { return s.name; }).join(", ");
    var ns = series.length, W = 440, labelW = 130, barH = 12, barGap = 3, groupG = 14;
    var x0 = 12 + labelW + 12, x1 = W - 12 - 24, groupH = ns * barH + (ns - 1) * barGap;
    var scale = function (v) { return x0 + (x1 - x0) * v / top; };
    var y0 = 28, bottom = y0 + groupG / 2 + groups.length * (groupH + groupG), H = bottom + 16 + 18 * ns;
    var root = svg("svg", { xmlns: "http://www.w3.org/2000/svg", class: "chart chart-bars", "data-chart": "bars",
      viewBox: "0 0 " + W + " " + H, width: String(W), role: "group", "aria-labelledby": id + "-title " + id + "-desc", "font-size": "13", fill: "currentColor" });
    root.style.setProperty("--chart-w", W);
    root.append(svg("title", { id: id + "-title" }, title),
      svg("desc", { id: id + "-desc" }, (grouped ? tr("chart.bars_desc_groups", groups.length, axes.length, top, names) : tr("chart.bars_desc", axes.length, top, names)) + " " + note));
    var grid = svg("g", { class: "chart-grid" }), ticks = svg("g", { class: "chart-tick" });
    for (var k = 0; k <= top; k++) {
      grid.append(svg("line", { x1: num(scale(k)), y1: num(y0), x2: num(scale(k)), y2: num(bottom) }));
      if (k) ticks.append(svg("text", { x: num(scale(k)), y: num(y0 - 5) }, svg("title", null, ctx.d.scale[k - 1] || ""), String(k)));
    }
    root.append(grid, ticks, svg("line", { class: "chart-axis", x1: num(x0), y1: num(y0), x2: num(x0), y2: num(bottom) }));
    var y = y0 + groupG / 2;
    groups.forEach(function (g) {
      var text = g.label, short = text.length > 18 ? text.slice(0, 17) + "…" : text;
      root.append(svg("text", { class: "chart-label", x: num(x0 - 10), y: num(y + groupH / 2 + 4.5), "text-anchor": "end" }, short !== text ? svg("title", null, text) : null, short));
      series.forEach(function (s, j) {
        var v = average(s, g), by = y + j * (barH + barGap);
        if (v >= 0) root.append(svg("rect", { class: "chart-bar chart-series-" + s.cls, x: num(x0), y: num(by), width: num(scale(v) - x0), height: String(barH), "data-series": s.cls, "data-value": num(v) }));
        root.append(svg("text", { class: "chart-value", x: num((v >= 0 ? scale(v) : x0) + 5), y: num(by + barH / 2 + 4) }, v >= 0 ? num(v) : "–"));
      });
      y += groupH + groupG;
    });
    var legend = svg("g", { class: "chart-legend" });
    series.forEach(function (s, j) {
      var ly = bottom + 24 + 18 * j;
      legend.append(svg("g", { class: "chart-series-" + s.cls }, svg("line", { x1: "40", y1: num(ly - 4), x2: "68", y2: num(ly - 4) })),
        svg("text", { x: "74", y: num(ly) }, s.name.length > 48 ? s.name.slice(0, 47) + "…" : s.name));
    });
    root.append(legend);
    return el("figure", { class: "chart-figure assess-radar" }, el("div", { class: "chart-box" }, root), el("figcaption", { class: "chart-note" }, note));
  }

  // radar draws series ({name, cls, values, dash}) over axes (competency
  // rows) in the style of the server's charts, with its data table.
  function radar(ctx, id, title, axes, series) {
    if (axes.length > MAX_AXES) return bars(ctx, id, title, axes, series);
    var n = axes.length, top = Math.max(ctx.d.scale.length, 1);
    var W = 640, R = 120, cx = W / 2, cy = R + 52, H = 2 * R + 130 + 18 * Math.ceil(series.length / 2);
    var ang = function (i) { return -Math.PI / 2 + 2 * Math.PI * i / n; };
    var pt = function (i, v) { var r = R * Math.max(v, 0) / top; return [cx + r * Math.cos(ang(i)), cy + r * Math.sin(ang(i))]; };
    var root = svg("svg", { xmlns: "http://www.w3.org/2000/svg", class: "chart chart-radar", "data-chart": "radar",
      viewBox: "0 0 " + W + " " + H, width: "100%", role: "group", "aria-labelledby": id + "-title " + id + "-desc", "font-size": "13", fill: "currentColor" });
    root.append(svg("title", { id: id + "-title" }, title),
      svg("desc", { id: id + "-desc" }, text("assess.radar_desc", n, top, series.map(function (s) { return s.name; }).join(", "))));
    var grid = svg("g", { class: "chart-grid", fill: "none", stroke: "currentColor", "stroke-opacity": "0.25" });
    for (var k = 1; k <= top; k++) {
      var ps = [];
      for (var i = 0; i < n; i++) ps.push(pt(i, k).map(num).join(","));
      grid.append(svg("polygon", { points: ps.join(" ") }));
    }
    root.append(grid);
    var axesG = svg("g", { class: "chart-axis", stroke: "currentColor", "stroke-opacity": "0.45" });
    for (i = 0; i < n; i++) { var e = pt(i, top); axesG.append(svg("line", { x1: num(cx), y1: num(cy), x2: num(e[0]), y2: num(e[1]) })); }
    root.append(axesG);
    series.forEach(function (s) {
      var attrs = { class: "chart-series chart-series-" + s.cls, points: s.values.map(function (v, i) { return pt(i, v).map(num).join(","); }).join(" "),
        fill: "currentColor", "fill-opacity": s.cls === "a" ? "0.18" : "0.06", stroke: "currentColor", "stroke-width": "2", "stroke-linejoin": "round" };
      if (s.dash) attrs["stroke-dasharray"] = s.dash;
      root.append(svg("polygon", attrs));
      s.values.forEach(function (v, i) {
        var p = pt(i, v);
        root.append(svg("circle", { class: "chart-point chart-series-" + s.cls, cx: num(p[0]), cy: num(p[1]), r: s.cls === "a" ? "4" : "3", "data-series": s.cls, "data-value": String(v) },
          svg("title", null, text("assess.point_title", axes[i].title, s.name, v > 0 ? pointName(ctx, v) : v === 0 ? text("assess.none_yet") : text("assess.not_rated")))));
      });
    });
    var labels = svg("g", { class: "chart-label" });
    axes.forEach(function (r, i) {
      var c = Math.cos(ang(i)), s = Math.sin(ang(i)), lr = R + 12;
      var anchor = c > 0.25 ? "start" : c < -0.25 ? "end" : "middle";
      var x = cx + lr * c, y = cy + lr * s + 4 + (Math.abs(c) <= 0.25 ? (s < 0 ? -6 : 10) : 0);
      var text = r.title, short = text.length > 22 ? text.slice(0, 21) + "…" : text;
      labels.append(svg("text", { x: num(x), y: num(y), "text-anchor": anchor }, short !== text ? svg("title", null, text) : null, short));
    });
    root.append(labels);
    var legend = svg("g", { class: "chart-legend", "font-size": "11" });
    series.forEach(function (s, j) {
      var lx = j % 2 ? 340 : 40, ly = 2 * R + 108 + 18 * Math.floor(j / 2);
      var line = { x1: num(lx), y1: num(ly), x2: num(lx + 30), y2: num(ly), stroke: "currentColor", "stroke-width": "2" };
      if (s.dash) line["stroke-dasharray"] = s.dash;
      legend.append(svg("g", { class: "chart-series-" + s.cls }, svg("line", line)), svg("text", { x: num(lx + 38), y: num(ly + 4) }, s.name.length > 36 ? s.name.slice(0, 35) + "…" : s.name));
    });
    root.append(legend);
    var table = el("table", { class: "chart-data" },
      el("caption", { id: id + "-caption" }, title),
      el("thead", null, el("tr", null, el("th", { scope: "col" }, text("assess.competency")), series.map(function (s) { return el("th", { scope: "col" }, s.name); }))),
      el("tbody", null, axes.map(function (r, i) {
        return el("tr", null, el("th", { scope: "row" }, r.title), series.map(function (s) {
          var v = s.values[i];
          return el("td", null, v > 0 ? pointName(ctx, v) : v === 0 ? "–" : text("assess.not_rated"));
        }));
      })));
    return el("figure", { class: "chart-figure assess-radar" }, el("div", { class: "chart-box" }, root),
      el("details", { class: "chart-table" }, el("summary", null, text("assess.show_table")),
        el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": id + "-caption" }, table)));
  }

  function scaleChip(ctx, v) {
    if (v > 0) return el("span", { class: "scale heat-" + Math.min(v, 5) }, pointName(ctx, v));
    if (v === 0) return el("span", { class: "scale heat-0" }, text("assess.zero"));
    return el("span", { class: "none" }, "—");
  }

  // statusText is what a row's status says: below, at, above or unrated.
  function statusText(s) { return text("assess.status_" + s); }

  // --- Exports --------------------------------------------------------------------

  function markdown(ctx, a, res) {
    var lines = [];
    lines.push("# " + text("assess.md_title", ctx.level.title + (ctx.target ? " → " + ctx.target.title : "")), "");
    lines.push("- " + text("assess.md_level", ctx.level.title, ctx.level.id));
    if (ctx.target) lines.push("- " + text("assess.md_target", ctx.target.title, ctx.target.id));
    lines.push("- " + text("assess.md_by", text(a.role === "manager" ? "assess.by_manager" : "assess.by_self")) + (a.name ? " (" + a.name + ")" : ""));
    if (a.date) lines.push("- " + text("assess.md_date", a.date));
    if (a.framework) lines.push("- " + text("assess.md_framework", (a.framework.version ? text("assess.version", a.framework.version) + ", " : "") + a.framework.hash));
    lines.push("", "| " + text("assess.competency") + " | " + text("assess.rating") + " | " + ctx.level.title + (ctx.target ? " | " + ctx.target.title : "") + " | " + text("assess.status") + " |",
      "|---|---|---|" + (ctx.target ? "---|" : "") + "---|");
    var cell = function (s) { return String(s).replace(/\|/g, "\\|").replace(/\n+/g, " "); };
    res.rows.forEach(function (r) {
      lines.push("| " + cell(r.title) + " | " + (r.rating >= 0 ? pointName(ctx, r.rating) : text("assess.not_rated")) + " | " + pointName(ctx, r.level) +
        (ctx.target ? " | " + pointName(ctx, r.target) : "") + " | " + statusText(r.status) + " |");
    });
    var notes = res.rows.filter(function (r) { var x = a.ratings[r.id]; return x && (x.note || (x.evidence && x.evidence.length)); });
    if (notes.length) {
      lines.push("", "## " + text("assess.md_notes"), "");
      notes.forEach(function (r) {
        var x = a.ratings[r.id];
        lines.push("- **" + r.title + "**" + (x.note ? ": " + x.note.replace(/\n+/g, " ") : ""));
        (x.evidence || []).forEach(function (u) { lines.push("  - <" + u + ">"); });
      });
    }
    var gaps = res.rows.filter(function (r) { return r.courses.length; });
    if (gaps.length) {
      lines.push("", "## " + text("assess.md_courses"), "");
      gaps.forEach(function (r) {
        lines.push("- " + r.title + " (" + (r.rating >= 0 ? r.rating : "–") + " → " + r.need + "): " +
          r.courses.map(function (c) { return c.title + " (" + T.hours(c.hours) + ")"; }).join("; "));
      });
    }
    return lines.join("\n") + "\n";
  }

  function csv(ctx, a, res) {
    var q = function (s) { s = String(s); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
    var out = [["competency_id", "competency", "rating", "rating_name", "level_expects", "target_expects", "status", "note", "evidence"].join(",")];
    res.rows.forEach(function (r) {
      var x = a.ratings[r.id] || {};
      out.push([r.id, r.title, r.rating >= 0 ? r.rating : "", r.rating > 0 ? ctx.d.scale[r.rating - 1] || "" : "", r.level, ctx.target ? r.target : "",
        r.status, x.note || "", (x.evidence || []).join(" ")].map(q).join(","));
    });
    return out.join("\r\n") + "\r\n";
  }

  function offer(box, status, data, type, name) {
    T.clear(box);
    var a = el("a", { href: URL.createObjectURL(new Blob([data], { type: type })), download: name, class: "plan-download-link" }, text("assess.download", name));
    box.append(a);
    a.click();
    status.textContent = text("assess.exported", name);
  }

  function fileName(a, ext) {
    return "assessment-" + (a.level || "level").replace(/\//g, "-") + (a.role === "manager" ? "-manager" : "") + ext;
  }

  // --- The plan ---------------------------------------------------------------------

  // addToPlan adds an action (a course to take, a program to join) to the
  // plan from the level to the target (else to the level's first
  // promotion), in the plan page's own storage (see plan.js): a checklist
  // item of the goal "From my self-assessment", once. Every other field of
  // the plan (its ticks, notes and other goals) is kept as it is. It makes
  // that plan the one /plan/ opens, and resolves to its link and whether
  // the action is new to it.
  function addToPlan(ctx, action) {
    var from = ctx.level.id, to = ctx.target ? ctx.target.id : "";
    if (!to && ctx.d.next[ctx.level.num].length) to = ctx.d.levelID(ctx.d.next[ctx.level.num][0]);
    var go = to ? Promise.resolve(to) : Promise.resolve("");
    if (!to && ctx.d.next[ctx.level.num].length) go = ctx.d.loadNum(ctx.d.next[ctx.level.num][0]).then(function (l) { return l ? l.id : ""; });
    return go.then(function (to) {
      if (!to) throw new Error(text("assess.plan_no_target"));
      var key = "ladder-plan:" + T.siteURL("") + ":" + from + ">" + to;
      var s = readStore(key);
      if (!s || typeof s !== "object" || Array.isArray(s)) s = {};
      if (!s.items || typeof s.items !== "object") s.items = {};
      if (typeof s.notes !== "string") s.notes = "";
      if (!Array.isArray(s.goals)) s.goals = [];
      var g = null;
      s.goals.forEach(function (x) { if (x && x.id === "assess") g = x; });
      if (!g) { g = { id: "assess", kind: "assess", actions: [] }; s.goals.push(g); }
      if (!Array.isArray(g.actions)) g.actions = [];
      var fresh = !g.actions.some(function (x) { return x && x.id === action.id; });
      if (fresh) g.actions.push(action);
      s.updated = new Date().toISOString();
      writeStore(key, s);
      writeStore("ladder-plan-last:" + T.siteURL(""), { from: from, to: to });
      return { href: T.siteURL("plan/?from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to)), fresh: fresh };
    });
  }

  // --- The page ---------------------------------------------------------------------

  function start() {
    var form = document.getElementById("assess-form");
    if (!form) return;
    var $ = function (id) { return document.getElementById(id); };
    var status = $("assess-status"), out = $("assess-result"), tools = $("assess-tools"), dl = $("assess-download");
    var banner = $("assess-shared"), linkRow = $("assess-link-row"), linkBox = $("assess-link");
    var roleSel = $("assess-role"), nameBox = $("assess-name");
    var a = blank(), ctx = null, res = null, readOnly = false, seq = 0, pickLevel, pickTarget, accepted = false;

    var save = function () {
      if (readOnly) return;
      if (ctx && res && (!a.framework || a.framework.hash === ctx.framework.hash || accepted)) stamp(ctx, a, res);
      a.date = new Date().toISOString().slice(0, 10);
      writeStore(storeKey(), a);
    };

    // results draws what the ratings show, below the ratings.
    var results = function (box) {
      T.clear(box);
      res = compute(ctx, ratingMap(a));
      var rows = res.rows, count = { below: 0, at: 0, above: 0, unrated: 0 };
      rows.forEach(function (r) { count[r.status]++; });
      var rated = rows.length - count.unrated;
      var who = text(a.role === "manager" ? "assess.meta_manager" : "assess.meta_self");
      box.append(el("h2", { id: "assess-results-h" }, text("assess.where")),
        el("p", { class: "assess-meta" }, (a.name ? text("assess.of", who, a.name) : who) +
          (a.date ? " · " + a.date : "") + " · " + ctx.level.title + (ctx.target ? " → " + ctx.target.title : "")),
        el("p", { id: "assess-summary", class: "route-totals" }, text(ctx.target ? "assess.summary_target" : "assess.summary", rated, rows.length, count.below, count.at, count.above)));
      if (rows.length >= 3) {
        var series = [{ name: text(a.role === "manager" ? "assess.series_manager" : "assess.series_self"), cls: "a", values: rows.map(function (r) { return r.rating; }) },
          { name: ctx.level.title, cls: "b", values: rows.map(function (r) { return r.level; }), dash: "6 4" }];
        if (ctx.target) series.push({ name: ctx.target.title, cls: "c", values: rows.map(function (r) { return r.target; }), dash: "2 3" });
        box.append(radar(ctx, "assess-radar", ctx.target ? text("assess.radar_title_target", ctx.level.title, ctx.target.title) : text("assess.radar_title", ctx.level.title), rows, series));
      }
      var trs = rows.map(function (r) {
        var x = a.ratings[r.id] || {};
        return el("tr", { class: "gap-" + r.status, "data-id": r.id },
          el("th", { scope: "row" }, r.title, x.note ? el("p", { class: "gap-note" }, x.note) : null,
            (x.evidence || []).length ? el("p", { class: "gap-note" }, (x.evidence || []).map(function (u, i) { return [i ? ", " : text("assess.evidence") + " ", /^https?:/i.test(u) ? el("a", { href: u, rel: "noopener noreferrer" }, u) : u]; })) : null),
          el("td", null, scaleChip(ctx, r.rating)),
          el("td", null, r.level ? scaleChip(ctx, r.level) : el("span", { class: "none" }, text("assess.not_expected"))),
          ctx.target ? el("td", null, r.target ? scaleChip(ctx, r.target) : el("span", { class: "none" }, text("assess.not_expected"))) : null,
          el("td", null, el("span", { class: "gap-status status-" + r.status }, statusText(r.status))));
      });
      box.append(el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "assess-gaps-caption" }, el("table", { id: "assess-gaps", class: "assess-gaps" },
        el("caption", { id: "assess-gaps-caption" }, ctx.target ? text("assess.caption_target", ctx.level.title, ctx.target.title) : text("assess.caption", ctx.level.title)),
        el("thead", null, el("tr", null, el("th", { scope: "col" }, text("assess.competency")), el("th", { scope: "col" }, text("assess.col_you")),
          el("th", { scope: "col" }, text("assess.col_level")), ctx.target ? el("th", { scope: "col" }, text("assess.col_target")) : null, el("th", { scope: "col" }, text("assess.status")))),
        el("tbody", null, trs))));
      var below = rows.filter(function (r) { return r.status === "below"; });
      var close = el("section", { class: "assess-close", "aria-labelledby": "assess-close-h" }, el("h2", { id: "assess-close-h" }, text("assess.close")));
      if (!below.length) close.append(el("p", { class: "hint" }, text(rated ? "assess.close_none" : "assess.close_rate")));
      below.forEach(function (r) {
        close.append(el("h3", null, r.title, " ", el("span", { class: "meta" }, (r.rating > 0 ? pointName(ctx, r.rating) : text("assess.none_yet")) + " → " + pointName(ctx, r.need))));
        if (!r.courses.length) { close.append(el("p", { class: "hint" }, text("assess.no_course"))); return; }
        close.append(el("ul", { class: "suggestions" }, r.courses.map(function (c) {
          return el("li", { "data-course": c.id }, el("a", { href: T.siteURL("courses/" + c.id + "/") }, c.title), " ",
            el("span", { class: "meta" }, text(c.reaches ? "assess.brings" : "assess.brings_part", T.hours(c.hours), pointName(ctx, c.level))), " ",
            readOnly ? null : el("button", { type: "button", class: "secondary add-plan", "data-kind": "course", "data-ref": c.id, "data-title": c.title, "data-hours": String(c.hours),
              "data-gap": r.title, "data-from": String(r.rating > 0 ? r.rating : 0), "data-to": String(r.need), "aria-label": text("assess.add_plan_of", c.title) }, text("assess.add_plan")));
        })));
      });
      if (res.programs.length) {
        close.append(el("h3", null, text("assess.programs")), el("ul", { class: "suggestions" }, res.programs.map(function (p) {
          var pr = p.program, cond = [];
          if (pr.min_tenure_months) cond.push(text("assess.after_tenure", T.months(pr.min_tenure_months)));
          if (pr.courses && pr.courses.length) cond.push(text("assess.after_courses", pr.courses.map(function (c) { return c.title; }).join(", ")));
          if (pr.approval) cond.push(text("assess.with_approval", pr.approval));
          return el("li", { "data-program": p.id }, el("a", { href: T.siteURL(pr.url) }, pr.title), " ",
            el("span", { class: "meta" }, [pr.kind ? text("assess.kind_" + pr.kind) : "", p.leads_to_target ? text("assess.leads_to", ctx.target.title) : ""].concat(cond).filter(Boolean).join(" · ")), " ",
            readOnly ? null : el("button", { type: "button", class: "secondary add-plan", "data-kind": "program", "data-ref": pr.id, "data-title": pr.title, "aria-label": text("assess.add_plan_of", pr.title) }, text("assess.add_plan")));
        })));
      }
      box.append(close);
    };

    // ratingField draws the ratings of one competency: a radio per point of
    // the scale with what it means, a note and evidence links.
    var ratingField = function (r, resBox) {
      var c = comp(ctx, r.id) || { id: r.id, title: r.id };
      var x = a.ratings[r.id] || {};
      var base = "rate-" + r.id;
      var marks = function (n) {
        var m = [];
        if (n && n === r.level) m.push(el("span", { class: "badge" }, text("assess.badge_level")));
        if (n && ctx.target && n === r.target) m.push(el("span", { class: "badge badge-target" }, text("assess.badge_target")));
        return m;
      };
      var opts = [];
      for (var n = 0; n <= ctx.d.scale.length; n++) {
        var id = base + "-" + n, desc = n ? descriptor(ctx, c, n) : "";
        var input = el("input", { type: "radio", name: base, id: id, value: String(n), disabled: readOnly });
        input.checked = x.r === n;
        opts.push(el("div", { class: "rate-opt" + (n && n === r.level ? " rate-expected" : "") }, input,
          el("label", { for: id }, el("b", null, n ? pointName(ctx, n) : text("assess.zero")), " ", marks(n), desc ? el("span", { class: "rate-desc" }, desc) : null)));
      }
      var note = el("textarea", { id: base + "-note", rows: "2", disabled: readOnly });
      note.value = x.note || "";
      var ev = el("textarea", { id: base + "-evidence", rows: "2", disabled: readOnly, placeholder: "https://…" });
      ev.value = (x.evidence || []).join("\n");
      var fs = el("fieldset", { class: "rate", "data-id": r.id },
        el("legend", null, el("span", { class: "rate-title" }, c.title), " ",
          el("span", { class: "meta" }, (r.level ? text("assess.level_expects", pointName(ctx, r.level)) : text("assess.level_not")) +
            (ctx.target ? (r.target ? text("assess.target_expects", pointName(ctx, r.target)) : text("assess.target_not")) : ""))),
        el("div", { class: "rate-opts" }, opts),
        el("details", { class: "rate-more", open: !!(x.note || (x.evidence || []).length) }, el("summary", null, text("assess.note_evidence")),
          el("label", { for: base + "-note" }, text("assess.note")), note,
          el("label", { for: base + "-evidence" }, text("assess.evidence_links")), ev));
      var update = function () {
        var y = a.ratings[r.id] = a.ratings[r.id] || {};
        var picked = fs.querySelector("input[type=radio]:checked");
        if (picked) y.r = Number(picked.value); else delete y.r;
        y.note = note.value;
        y.evidence = ev.value.split(/\s*\n\s*/).map(function (u) { return u.trim(); }).filter(Boolean);
        if (!y.note) delete y.note;
        if (!y.evidence.length) delete y.evidence;
        save();
        results(resBox);
      };
      fs.addEventListener("change", function (e) {
        update();
        if (e.target.type === "radio") status.textContent = text("assess.rated", c.title, Number(e.target.value) ? pointName(ctx, Number(e.target.value)) : text("assess.none_yet"));
      });
      note.addEventListener("input", update);
      ev.addEventListener("input", update);
      return fs;
    };

    var render = function () {
      T.clear(out);
      T.clear(dl);
      linkRow.hidden = true;
      if (!ctx || !ctx.level) {
        tools.hidden = true;
        out.append(el("p", { class: "hint" }, text("assess.choose")));
        return text("assess.choose");
      }
      tools.hidden = false;
      res = compute(ctx, ratingMap(a));
      var ch = changes(ctx, a, res);
      if (ch.length && !accepted) {
        var list = el("ul", null, ch.map(function (s) { return el("li", null, s); }));
        var notice = el("div", { id: "assess-changed", class: "panel assess-notice", role: "note" },
          el("p", null, el("strong", null, text("assess.changed")),
            " " + text("assess.changed_versions", a.framework.version ? text("assess.version", a.framework.version) : text("assess.earlier"), ctx.framework.version ? text("assess.version", ctx.framework.version) : text("assess.later"))),
          list);
        if (!readOnly) notice.append(el("p", null, el("button", { type: "button", id: "assess-accept" }, text("assess.accept"))));
        out.append(notice);
      }
      var resBox = el("div", { id: "assess-results", class: "assess-results" });
      var rate = el("section", { class: "assess-rate", "aria-labelledby": "assess-rate-h" },
        el("h2", { id: "assess-rate-h", tabindex: "-1" }, text(readOnly ? "assess.ratings" : "assess.rate")),
        el("p", { class: "hint" }, text("assess.rate_hint")));
      var group = null, cat = null;
      res.rows.forEach(function (r) {
        var c = comp(ctx, r.id) || {};
        var k = c.category || text("assess.general");
        if (k !== cat) { cat = k; group = el("div", { class: "rate-group" }, el("h3", null, k)); rate.append(group); }
        group.append(ratingField(r, resBox));
      });
      out.append(el("div", { class: "assess-cols" }, rate, resBox));
      results(resBox);
      var acc = $("assess-accept");
      if (acc) acc.addEventListener("click", function () { accepted = true; stamp(ctx, a, res); save(); status.textContent = render() + " " + text("assess.updated"); });
      return (ctx.target ? text("assess.assessing_target", ctx.level.title, ctx.target.title) : text("assess.assessing", ctx.level.title)) + " " + $("assess-summary").textContent;
    };

    // show loads the framework for assessment a and draws it.
    var show = function () {
      var n = ++seq;
      T.setParams({ level: a.level, target: a.target });
      roleSel.value = a.role;
      nameBox.value = a.name;
      roleSel.disabled = nameBox.disabled = readOnly;
      return context(a.level, a.target).then(function (c) {
        if (n !== seq) return;
        ctx = c;
        if (a.level && !c.level) { status.textContent = text("assess.level_gone", a.level); ctx = null; }
        if (a.target && !c.target) ctx && (ctx.target = null);
        var s = render();
        if (ctx) status.textContent = s;
      });
    };

    var setShared = function (on) {
      readOnly = on;
      banner.hidden = !on;
      form.querySelectorAll("select, input").forEach(function (x) { x.disabled = on; });
    };

    // The check-in.
    var checkin = readStore(checkinKey()) || { a: null, b: null, actions: "" };
    var saveCheckin = function () { writeStore(checkinKey(), checkin); };
    var drawCheckin = function () {
      var box = $("checkin-result");
      T.clear(box);
      ["a", "b"].forEach(function (k) {
        var x = checkin[k], p = $("checkin-" + k + "-loaded");
        if (!x) { p.textContent = text("checkin.nothing"); return; }
        var who = text(x.role === "manager" ? "checkin.manager_assessment" : "checkin.self_assessment");
        p.textContent = text("checkin.at", x.name ? text("assess.of", who, x.name) : who, x.level) + (x.date ? ", " + x.date : "");
      });
      $("checkin-tools").hidden = !(checkin.a && checkin.b);
      if (!checkin.a || !checkin.b) return Promise.resolve(text("checkin.load_two"));
      var A = checkin.a, B = checkin.b;
      return context(A.level, A.target || B.target).then(function (c) {
        if (!c.level) { box.append(el("p", { class: "tool-error" }, text("checkin.level_gone", A.level))); return text("checkin.cannot"); }
        var ra = compute(c, ratingMap(A)), rb = compute(c, ratingMap(B));
        var nameOf = function (x) { return text(x.role === "manager" ? "checkin.manager" : "checkin.self") + (x.name ? " (" + x.name + ")" : ""); };
        var na = nameOf(A), nb = nameOf(B);
        if (na === nb) { na += " A"; nb += " B"; }
        var rows = ra.rows.map(function (r, i) { return { r: r, b: rb.rows[i], diff: (rb.rows[i].rating >= 0 && r.rating >= 0) ? rb.rows[i].rating - r.rating : (rb.rows[i].rating === r.rating ? 0 : null) }; });
        var differ = rows.filter(function (x) { return x.diff !== 0; }), same = rows.filter(function (x) { return x.diff === 0; });
        if (A.level !== B.level) box.append(el("p", { class: "assess-notice panel" }, text("checkin.different_levels", A.level, B.level, c.level.title)));
        box.append(el("p", { id: "checkin-summary", class: "route-totals" }, text("checkin.summary", rows.length, differ.length)));
        if (rows.length >= 3) {
          box.append(radar(c, "checkin-radar", text("checkin.radar_title", na, nb, c.level.title), ra.rows, [
            { name: na, cls: "a", values: ra.rows.map(function (r) { return r.rating; }) },
            { name: nb, cls: "b", values: rb.rows.map(function (r) { return r.rating; }), dash: "6 4" },
            { name: c.level.title, cls: "c", values: ra.rows.map(function (r) { return r.level; }), dash: "2 3" }]));
        }
        var diffText = function (x) { return x.diff === null ? text("checkin.one_only") : x.diff === 0 ? text("checkin.same") : (x.diff > 0 ? "+" : "−") + T.number(Math.abs(x.diff)); };
        box.append(el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "checkin-caption" }, el("table", { id: "checkin-table", class: "assess-gaps" },
          el("caption", { id: "checkin-caption" }, text("checkin.caption")),
          el("thead", null, el("tr", null, el("th", { scope: "col" }, text("assess.competency")), el("th", { scope: "col" }, na), el("th", { scope: "col" }, nb),
            el("th", { scope: "col" }, c.level.title), el("th", { scope: "col" }, text("checkin.difference")))),
          el("tbody", null, differ.concat(same).map(function (x) {
            return el("tr", { class: x.diff === 0 ? "row-same" : "row-differs", "data-id": x.r.id }, el("th", { scope: "row" }, x.r.title),
              el("td", null, scaleChip(c, x.r.rating)), el("td", null, scaleChip(c, x.b.rating)),
              el("td", null, x.r.level ? scaleChip(c, x.r.level) : el("span", { class: "none" }, text("assess.not_expected"))),
              el("td", null, el("span", { class: "diff " + (x.diff === 0 ? "diff-same" : "diff-higher") }, diffText(x))));
          })))));
        checkinView = { c: c, ra: ra, rb: rb, rows: differ.concat(same), na: na, nb: nb, diffText: diffText };
        return text("checkin.status", $("checkin-summary").textContent);
      });
    };
    var checkinView = null;
    var checkinMarkdown = function () {
      var v = checkinView, c = v.c, lines = ["# " + text("checkin.md_title", c.level.title), ""];
      lines.push("- " + v.na + ": " + (checkin.a.date || text("checkin.undated")), "- " + v.nb + ": " + (checkin.b.date || text("checkin.undated")), "");
      lines.push("| " + text("assess.competency") + " | " + v.na + " | " + v.nb + " | " + c.level.title + " | " + text("checkin.difference") + " |", "|---|---|---|---|---|");
      v.rows.forEach(function (x) {
        var p = function (n) { return n >= 0 ? pointName(c, n) : text("assess.not_rated"); };
        lines.push("| " + x.r.title + " | " + p(x.r.rating) + " | " + p(x.b.rating) + " | " + pointName(c, x.r.level) + " | " + v.diffText(x) + " |");
      });
      lines.push("", "## " + text("checkin.md_actions"), "", checkin.actions || text("checkin.none_yet"), "");
      return lines.join("\n");
    };
    var loadInto = function (k, x, from) {
      checkin[k] = x;
      saveCheckin();
      return drawCheckin().then(function (s) { $("checkin-status").textContent = text("checkin.loaded", from) + " " + s; });
    };
    var checkinFail = function (err) { $("checkin-status").textContent = text("checkin.failed", err.message || err); };

    status.textContent = text("tools.loading");
    T.loadData().then(function (d) {
      if (!d.nl) { status.textContent = ""; T.empty(out, "assess"); return; }
      pickLevel = new T.LevelPicker(d, $("assess-level-track"), $("assess-level"), text("paths.choose_from"));
      pickTarget = new T.LevelPicker(d, $("assess-target-track"), $("assess-target"), text("assess.no_target"));
      var stored = readStore(storeKey());
      try { if (stored) a = clean(stored); } catch (e) { a = blank(); }
      var p = T.params(), shared = null;
      if (/^#[aj]=/.test(location.hash)) shared = decode(location.hash).catch(function (err) { status.textContent = text("assess.shared_failed", err.message); return null; });
      return Promise.resolve(shared).then(function (sh) {
        if (sh) { a = sh; setShared(true); }
        else if (p.get("level") && p.get("level") !== a.level) {
          // A level page's link: assess that level; the ratings kept
          // apply to the competencies it shares.
          a.level = p.get("level");
          a.target = p.get("target") || "";
        } else if (p.get("target")) a.target = p.get("target");
        return Promise.all([pickLevel.set(a.level), pickTarget.set(a.target)]);
      }).then(function () {
        form.hidden = false;
        $("checkin").hidden = false;
        if (readOnly) setShared(true);
        var changed = function () {
          a.level = pickLevel.value();
          a.target = pickTarget.value();
          a.role = roleSel.value;
          a.name = nameBox.value;
          save();
          return show();
        };
        form.addEventListener("change", function (e) {
          if (e.target === nameBox || e.target === roleSel) { a.role = roleSel.value; a.name = nameBox.value; save(); results($("assess-results")); return; }
          if (e.target.tagName === "SELECT" && /-track$/.test(e.target.id)) return;
          changed();
        });
        nameBox.addEventListener("input", function () { a.name = nameBox.value; save(); });
        form.addEventListener("submit", function (e) { e.preventDefault(); changed().then(function () { var h = $("assess-rate-h"); if (h) h.focus(); }); });
        $("assess-mine").addEventListener("click", function () {
          setShared(false);
          history.replaceState(null, "", location.pathname + location.search);
          save();
          status.textContent = text("assess.now_mine") + " " + render();
        });
        $("assess-checkin-shared").addEventListener("click", function () {
          var mine = readStore(storeKey());
          try { checkin.a = mine ? clean(mine) : null; } catch (e) { checkin.a = null; }
          loadInto("b", a, text("checkin.from_shared")).then(function () { $("checkin-h").scrollIntoView(); $("checkin-h").focus(); });
        });
        $("assess-share").addEventListener("click", function () {
          save();
          encode(a).then(function (f) {
            linkBox.value = shareURL(f);
            linkRow.hidden = false;
            linkBox.focus();
            linkBox.select();
            status.textContent = text("assess.share_status");
            if (navigator.clipboard) navigator.clipboard.writeText(linkBox.value).then(function () { status.textContent = text("assess.share_copied"); }, function () {});
          });
        });
        $("assess-export-json").addEventListener("click", function () { save(); offer(dl, status, JSON.stringify(a, null, 2) + "\n", "application/json", fileName(a, ".json")); });
        $("assess-export-md").addEventListener("click", function () { offer(dl, status, markdown(ctx, a, res), "text/markdown", fileName(a, ".md")); });
        $("assess-export-csv").addEventListener("click", function () { offer(dl, status, csv(ctx, a, res), "text/csv", fileName(a, ".csv")); });
        $("assess-print").addEventListener("click", function () { window.print(); });
        $("assess-reset").addEventListener("click", function () {
          if (!window.confirm(text("assess.confirm_reset"))) return;
          a.ratings = {};
          save();
          status.textContent = render();
        });
        $("assess-import").addEventListener("change", function (e) {
          var file = e.target.files && e.target.files[0];
          if (!file) return;
          file.text().then(function (data) {
            a = clean(JSON.parse(data));
            accepted = false;
            setShared(false);
            writeStore(storeKey(), a);
            return Promise.all([pickLevel.set(a.level), pickTarget.set(a.target)]).then(show);
          }).then(function () { status.textContent = text("assess.imported", file.name) + " " + status.textContent; },
            function (err) { status.textContent = text("assess.import_failed", file.name, err.message || err); });
          e.target.value = "";
        });
        out.addEventListener("click", function (e) {
          var b = e.target.closest && e.target.closest(".add-plan");
          if (!b) return;
          var x = b.dataset, action = { id: "assess:" + x.kind + ":" + x.ref, kind: x.kind, ref: x.ref, title: x.title };
          if (x.kind === "course") {
            action.hours = Number(x.hours) || 0;
            action.why = { title: x.gap, from: Number(x.from) || 0, to: Number(x.to) || 0 };
          }
          var words = x.kind === "course" ? text("plan.take", x.title, T.hours(action.hours)) : text("plan.join", x.title);
          addToPlan(ctx, action).then(function (res) {
            b.disabled = true;
            b.textContent = text("assess.added");
            T.clear(dl);
            dl.append(el("a", { href: res.href }, text("assess.open_plan")));
            status.textContent = text(res.fresh ? "assess.added_status" : "assess.added_before", words);
          }, function (err) { status.textContent = text("assess.add_failed", err.message); });
        });
        // The check-in's controls.
        ["a", "b"].forEach(function (k) {
          $("checkin-" + k + "-mine").addEventListener("click", function () {
            var mine = readStore(storeKey());
            try { loadInto(k, clean(mine), text("checkin.from_mine")).catch(checkinFail); } catch (err) { checkinFail(new Error(text("checkin.none_kept"))); }
          });
          $("checkin-" + k + "-file").addEventListener("change", function (e) {
            var file = e.target.files && e.target.files[0];
            if (!file) return;
            file.text().then(function (t) { return loadInto(k, clean(JSON.parse(t)), file.name); }).catch(checkinFail);
            e.target.value = "";
          });
          $("checkin-" + k + "-load").addEventListener("click", function () {
            var v = $("checkin-" + k + "-link").value, i = v.indexOf("#");
            decode(i >= 0 ? v.slice(i) : "").then(function (x) { return loadInto(k, x, text("checkin.from_link")); }).catch(checkinFail);
          });
        });
        var actions = $("checkin-actions");
        actions.value = checkin.actions || "";
        actions.addEventListener("input", function () { checkin.actions = actions.value; saveCheckin(); });
        $("checkin-export-json").addEventListener("click", function () {
          offer($("checkin-download"), $("checkin-status"), JSON.stringify({ schema: 1, kind: CHECKIN, a: checkin.a, b: checkin.b, actions: checkin.actions || "" }, null, 2) + "\n", "application/json", "check-in.json");
        });
        $("checkin-export-md").addEventListener("click", function () { offer($("checkin-download"), $("checkin-status"), checkinMarkdown(), "text/markdown", "check-in.md"); });
        $("checkin-clear").addEventListener("click", function () {
          checkin = { a: null, b: null, actions: "" };
          actions.value = "";
          saveCheckin();
          drawCheckin().then(function (s) { $("checkin-status").textContent = s; });
        });
        drawCheckin().then(function (s) { $("checkin-status").textContent = s; }).catch(checkinFail);
        return show();
      });
    }).catch(function (err) { status.textContent = ""; T.fail(out, err); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  // The computation, for tests: result resolves to assess.Result's JSON
  // for ratings of level (and target).
  return {
    result: function (levelID, targetID, ratings) {
      return context(levelID, targetID).then(function (c) { return plainResult(compute(c, ratings)); });
    },
    encode: encode, decode: decode
  };
})();
