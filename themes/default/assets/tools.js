// tools.js: what the compare, path finder, plan and search pages share —
// loading the data written at build time (the index of /data/tools/ and the
// files of the tracks a page shows), building DOM safely, level pickers,
// and the route search, which mirrors internal/route in Go (same graph,
// same order, same tie-breaking, same JSON shape) so that the path finder
// and "ladder path" always agree.
"use strict";

window.LadderTools = (function () {
  // --- URLs and data --------------------------------------------------------

  // siteURL resolves a path relative to the site root, which baseof.html
  // writes into <body data-root>: "/", "/careers/", or "../" with relative
  // URLs. With relative URLs a page's link names its index.html
  // ("tracks/sde/index.html"), as the pages' own links do, so that it
  // also opens from disk.
  function siteURL(path) {
    var root = document.body.dataset.root || "";
    if (files.relative) path = path.replace(/^([^?#]*\/)(?=[?#]|$)/, "$1index.html");
    return new URL(root + path, document.baseURI).href;
  }

  // files are the published names of the data files, which the head
  // partial writes into a JSON data block (internal/render/names.go):
  // {"tools": "data/tools/index.<hash>.json", "search": "data/search.<hash>.json",
  // "relative": true with relative_urls, "scripts": true when the data
  // files are also published as scripts}.
  var files = (function () {
    var b = document.getElementById("ladder-files");
    try { return (b && JSON.parse(b.textContent)) || {}; } catch (e) { return {}; }
  })();

  // dataPath is the path from the site root of a data file as the build
  // published it; fallback is its plain name, for pages drawn without the
  // data block.
  function dataPath(key, fallback) {
    return files[key] || fallback;
  }

  var cache = new Map();

  // fetchJSON loads a JSON file of the site once per page. A page opened
  // from disk (file://) cannot fetch(), so a build with relative_urls
  // also publishes each data file as a script (files.scripts), which is
  // loaded instead there, and when a fetch fails on the network.
  function fetchJSON(path) {
    if (!cache.has(path)) {
      var scripts = !!files.scripts;
      var p = scripts && location.protocol === "file:" ? loadScript(path) : fetch(siteURL(path)).then(function (r) {
        if (!r.ok) throw new Error(text("tools.load_http", path, String(r.status)));
        return r.json();
      }, function (err) {
        if (scripts) return loadScript(path);
        if (location.protocol === "file:") throw new Error(text("tools.load_disk", path));
        throw err;
      });
      cache.set(path, p);
    }
    return cache.get(path);
  }

  // loadScript loads the script published beside the data file at path
  // (".js" for ".json"), which puts the data into window.LadderData[path].
  function loadScript(path) {
    var key = path.split("?")[0];
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = siteURL(key.replace(/\.json$/, ".js"));
      s.onload = function () {
        s.remove();
        var reg = window.LadderData || {}, data = reg[key];
        delete reg[key];
        if (data === undefined) reject(new Error(text("tools.load_empty", key)));
        else resolve(data);
      };
      s.onerror = function () {
        s.remove();
        reject(new Error(text("tools.load_failed", key)));
      };
      document.head.appendChild(s);
    });
  }

  // The URLs of the site's pages, relative to its root, as internal/render
  // writes them: a level's full id is "<track>/<level>".
  var urls = {
    track: function (id) { return "tracks/" + id + "/"; },
    level: function (id) { return "tracks/" + id + "/"; },
    competency: function (id) { return "competencies/" + id + "/"; },
    course: function (id) { return "courses/" + id + "/"; },
    program: function (id) { return "programs/" + id + "/"; },
    plan: function (id) { return "plans/" + id + "/"; }
  };

  // Data is the tools' data (docs/data.md): /data/tools/index.json, which
  // names every track and holds the graph of promotions, moves and
  // programs, and the files of the tracks loaded so far, which hold their
  // levels' details. index has a Map per kind; index.levels and
  // index.courses grow as tracks load.
  function Data(ix) {
    var self = this;
    this.version = ix.version;
    this.trackFile = ix.track_file || "data/tools/tracks/{id}.json";
    this.assessFile = ix.assess_file || "data/tools/assess/{id}.json";
    this.planFile = ix.plan_file || "data/tools/plans/{id}.json";
    // plans are the plan templates: {id, title, tracks, levels} (see
    // Data.prototype.plansFor).
    this.plans = ix.plans || [];
    this.title = ix.title;
    this.scale = ix.scale || [];
    this.competencies = (ix.competencies || []).map(function (c) { return { id: c[0], title: c[1], category: c[2] || "", url: urls.competency(c[0]) }; });
    this.index = { tracks: new Map(), levels: new Map(), competencies: new Map(), courses: new Map(), programs: new Map() };
    this.competencies.forEach(function (c) { self.index.competencies.set(c.id, c); });
    var nl = 0;
    this.tracks = (ix.tracks || []).map(function (t, i) {
      var x = { id: t.id, title: t.title, family: t.family || "", legacy: !!t.legacy, url: urls.track(t.id), index: i, first: nl, count: t.count, levels: null };
      nl += t.count;
      self.index.tracks.set(t.id, x);
      return x;
    });
    this.nl = nl;
    // The graph, by level number (see internal/datafile).
    this.trackOf = new Int32Array(nl);
    this.months = new Int32Array(nl);
    this.rank = new Int32Array(nl);
    this.next = new Array(nl);
    this.moves = new Array(nl);
    (ix.tracks || []).forEach(function (t, i) {
      for (var j = 0; j < t.count; j++) {
        var n = self.tracks[i].first + j;
        self.trackOf[n] = i;
        self.months[n] = (t.months && t.months[j]) || 0;
        self.rank[n] = t.sort + (t.order ? t.order[j] : j);
        self.next[n] = (t.next && t.next[j]) || [];
        self.moves[n] = (t.moves && t.moves[j]) || [];
      }
    });
    this.levels = new Array(nl);
    this.programs = (ix.programs || []).map(function (p) {
      var x = Object.assign({ url: urls.program(p.id) }, p);
      self.index.programs.set(p.id, x);
      (p.courses || []).forEach(function (c) { self.addCourse(c); });
      return x;
    });
    this.loading = new Map();
  }

  Data.prototype.addCourse = function (c) {
    if (!this.index.courses.has(c.id)) this.index.courses.set(c.id, { id: c.id, title: c.title, hours: c.hours || 0, url: urls.course(c.id) });
  };

  // loadTrack loads the levels of a track, once, and resolves to the track
  // (null for an unknown id).
  Data.prototype.loadTrack = function (id) {
    var self = this, t = this.index.tracks.get(id);
    if (!t) return Promise.resolve(null);
    if (!this.loading.has(id)) {
      this.loading.set(id, fetchJSON(this.trackFile.replace("{id}", function () { return encodeURIComponent(id); })).then(function (f) {
        (f.courses || []).forEach(function (c) { self.addCourse(c); });
        t.levels = (f.levels || []).slice(0, t.count).map(function (l, j) {
          l.num = t.first + j;
          l.track = t.id;
          l.url = urls.level(l.id);
          self.levels[l.num] = l;
          self.index.levels.set(l.id, l);
          return l;
        });
        return t;
      }));
    }
    return this.loading.get(id);
  };

  // loadTracks loads the tracks of a list of ids.
  Data.prototype.loadTracks = function (ids) {
    var self = this;
    return Promise.all(ids.map(function (id) { return self.loadTrack(id); }));
  };

  // loadLevel loads the track of a full level id and resolves to the level,
  // or null.
  Data.prototype.loadLevel = function (id) {
    var self = this;
    if (!id) return Promise.resolve(null);
    return this.loadTrack(String(id).split("/")[0]).then(function () { return self.index.levels.get(id) || null; });
  };

  // loadNum loads the track of level number n and resolves to the level.
  Data.prototype.loadNum = function (n) {
    var self = this;
    if (!(n >= 0 && n < this.nl)) return Promise.resolve(null);
    return this.loadTrack(this.trackOfNum(n).id).then(function () { return self.levels[n] || null; });
  };

  // plansFor lists the plan templates offered at level number n: those of
  // its track or naming it, and those for everyone.
  Data.prototype.plansFor = function (n) {
    var t = this.trackOf[n];
    return this.plans.filter(function (p) {
      var tracks = p.tracks || [], levels = p.levels || [];
      return (!tracks.length && !levels.length) || tracks.indexOf(t) >= 0 || levels.indexOf(n) >= 0;
    });
  };

  // loadPlan resolves to the file of a plan template (docs/data.md).
  Data.prototype.loadPlan = function (id) {
    return fetchJSON(this.planFile.replace("{id}", function () { return encodeURIComponent(id); }));
  };

  // levelID is the full id of level number n, once its track is loaded.
  Data.prototype.levelID = function (n) { var l = this.levels[n]; return l ? l.id : ""; };

  // trackOfNum is the track of level number n.
  Data.prototype.trackOfNum = function (n) { return this.tracks[this.trackOf[n]]; };

  // route resolves to the route document from one level to another, with
  // up to alternatives other routes (default 3), the shortest by steps or,
  // when by is "time", by time, as route.NewDoc in Go. It
  // searches the index's graph, then loads the tracks the routes pass.
  Data.prototype.route = function (fromID, toID, alternatives, by) {
    var self = this;
    return Promise.all([this.loadLevel(fromID), this.loadLevel(toID)]).then(function (ls) {
      var from = ls[0], to = ls[1];
      if (!from || !to) return null;
      var g = graph(self), paths = g.paths(from, to, alternatives, by);
      var need = new Set();
      paths.forEach(function (p) { p.forEach(function (n) { if (n < self.nl) need.add(self.trackOfNum(n).id); }); });
      return self.loadTracks(Array.from(need)).then(function () { return g.doc(from, to, paths); });
    });
  };

  // loadData loads the tools' index.
  function loadData() {
    return fetchJSON(dataPath("tools", "data/tools/index.json")).then(function (ix) {
      if (!ix.data) ix.data = new Data(ix);
      return ix.data;
    });
  }

  // field reads a key that may be written in snake case or, as Go writes
  // untagged struct fields, in Go's own case.
  function field(obj, snake, goName) {
    if (!obj) return undefined;
    return obj[snake] !== undefined ? obj[snake] : obj[goName];
  }

  // --- DOM ------------------------------------------------------------------

  // el creates an element: el("a", {href: "x", class: "y"}, "text", child).
  // Text is always added as text nodes, never parsed as HTML.
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) return;
        if (k === "text") e.textContent = v;
        else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? "" : v);
      });
    }
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }

  function append(parent, c) {
    if (c === undefined || c === null || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { append(parent, x); }); return; }
    parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // svg creates an SVG element with attributes.
  function svg(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === undefined || c === null) continue;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }

  // LevelPicker ties a <select> of tracks to a <select> of the levels of
  // the chosen track, whose value is a full level id: choosing a track
  // loads its levels into the second. The track select is filled with the
  // tracks, grouped by family when the site has families.
  function LevelPicker(d, trackSelect, levelSelect, placeholder) {
    this.d = d;
    this.ts = trackSelect;
    this.ls = levelSelect;
    this.placeholder = placeholder;
    this.fillTracks(true);
    this.fillLevels(null, "");
    var self = this;
    // A new track empties the level at once, so that the form's own
    // change listener, which runs next, sees no level until one is chosen.
    trackSelect.addEventListener("change", function () {
      var id = trackSelect.value;
      self.fillLevels(null, "");
      self.pending = id;
      if (!id) return;
      self.ls.disabled = true;
      d.loadTrack(id).then(function (t) {
        if (self.pending !== id) return;
        self.fillLevels(t, "");
      });
    });
  }

  // fillTracks lists the tracks to choose from, by family; legacy tracks
  // (status = "legacy") only when legacy is set. The chosen track stays
  // chosen when it is still listed.
  LevelPicker.prototype.fillTracks = function (legacy) {
    var ts = this.ts, value = ts.value;
    clear(ts);
    ts.appendChild(el("option", { value: "" }, text("tools.choose_track")));
    var shown = this.d.tracks.filter(function (t) { return legacy || !t.legacy; });
    var groups = new Map(), anyFamily = shown.some(function (t) { return t.family; });
    shown.forEach(function (t) {
      var opt = el("option", { value: t.id }, t.legacy ? text("tools.legacy_track", t.title) : t.title);
      if (!anyFamily) { ts.appendChild(opt); return; }
      var name = t.family || text("tools.other_tracks");
      if (!groups.has(name)) { groups.set(name, el("optgroup", { label: name })); ts.appendChild(groups.get(name)); }
      groups.get(name).appendChild(opt);
    });
    ts.value = shown.some(function (t) { return t.id === value; }) ? value : "";
  };

  LevelPicker.prototype.fillLevels = function (t, value) {
    var ls = this.ls;
    clear(ls);
    ls.appendChild(el("option", { value: "" }, t ? this.placeholder : text("tools.track_first")));
    (t && t.levels || []).forEach(function (l) {
      ls.appendChild(el("option", { value: l.id }, l.title + (l.code ? " (" + l.code + ")" : "")));
    });
    ls.disabled = !t;
    ls.value = value || "";
  };

  // set shows level id (a full id; "" or an unknown id shows none) and
  // resolves once its track is loaded.
  LevelPicker.prototype.set = function (id) {
    var self = this, track = id ? String(id).split("/")[0] : "";
    if (!this.d.index.tracks.has(track)) {
      this.ts.value = "";
      this.pending = "";
      this.fillLevels(null, "");
      return Promise.resolve(null);
    }
    this.ts.value = track;
    this.pending = track;
    return this.d.loadTrack(track).then(function (t) {
      if (self.pending === track) self.fillLevels(t, self.d.index.levels.has(id) ? id : "");
      return self.d.index.levels.get(id) || null;
    });
  };

  // value is the full id of the chosen level, or "".
  LevelPicker.prototype.value = function () { return this.ls.value; };

  // --- Texts and formatting -------------------------------------------------

  // The interface's texts in the site's language (package i18n): the pages
  // of the tools carry the texts under [js] of the language file as JSON in
  // <script id="ladder-texts"> (partials/texts.html), with the language,
  // which Intl uses for numbers and plural forms. A key the page lacks is
  // shown as it is.
  var texts = (function () {
    var node = document.getElementById("ladder-texts");
    try { return (node && JSON.parse(node.textContent)) || {}; } catch (e) { return {}; }
  })();
  var lang = texts.lang || document.documentElement.lang || "en";
  var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  var plurals = new Intl.PluralRules(lang);

  // number writes n in the language's way: "1,234.5", "1.234,5".
  function number(n) { return numbers.format(n); }

  // text returns the text of key with its arguments in place of {0}, {1}, ...
  // (numbers in the language's way); a text with plural forms ({one, other})
  // is chosen by the first argument: text("tools.steps", 2) is "2 steps".
  function text(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    var m = (texts.texts || {})[key];
    if (m == null) return key;
    if (typeof m === "object") m = m[plurals.select(Number(args[0]))] || m.other;
    return String(m).replace(/\{(\d)\}/g, function (s, i) {
      if (i >= args.length) return s;
      return typeof args[i] === "number" ? number(args[i]) : String(args[i]);
    });
  }

  function plural(n, one, many) { return n === 1 ? one : many; }

  function trimFloat(f) { return f.toFixed(2).replace(/0+$/, "").replace(/\.$/, ""); }

  function hours(h) { return text("tools.hours", Math.round(h * 100) / 100); }

  function months(n) { return text("tools.months", n); }

  // money formats a whole amount with its currency: "USD 5,250", "5.250 USD".
  function money(f, currency) {
    var n = Math.trunc(f);
    return currency ? text("tools.money", n, currency) : number(n);
  }

  // timeText is route.TimeText: "typically 18 months", "typically 18–24
  // months", "typically 12 months plus program time", "program time not
  // given", or "" when no time is known.
  function timeText(lo, hi, unknown) {
    var s = "";
    if (hi > 0) s = lo === hi ? text("tools.typically", months(lo)) : text("tools.typically", text("tools.months_range", lo, hi));
    if (unknown) return s ? text("tools.plus_program", s) : text("tools.program_time_unknown");
    return s;
  }

  // rangeText is route.RangeText of a program's months, [min, max]:
  // "9 months", "18–24 months", or "".
  function rangeText(m) {
    if (!m || !m.length) return "";
    return m[0] === m[1] ? months(m[0]) : text("tools.months_range", m[0], m[1]);
  }

  // routeTotals is "2 steps, typically 18–24 months, 33 h of required courses".
  function routeTotals(r) {
    var s = text("tools.steps", r.steps.length);
    var tt = timeText(r.months, r.months_max, r.program_time_unknown);
    if (tt) s += text("tools.sep") + tt;
    if (r.hours > 0) s += text("tools.sep") + text("tools.required_hours", hours(r.hours));
    return s;
  }

  // --- Routes (mirrors internal/route) ---------------------------------------

  // Graph is the graph of levels and programs of the tools' index; see the
  // package comment of internal/route. Nodes are level numbers, then
  // programs (nl + i).
  function Graph(d) {
    this.d = d;
    this.nl = d.nl;
    this.progs = d.programs;
    var nl = d.nl;
    this.out = new Array(nl);
    for (var i = 0; i < nl; i++) {
      var es = [], seen = new Set();
      var add = function (j, kind) {
        if (j < 0 || j >= nl || j === i || seen.has(j)) return;
        seen.add(j);
        es.push([j, kind]);
      };
      d.next[i].forEach(function (j) { add(j, "promotion"); });
      d.moves[i].forEach(function (j) { add(j, "move"); });
      this.out[i] = es;
    }
    var self = this;
    this.leads = this.progs.map(function (p) { return (p.leads_to || []).filter(function (j) { return j >= 0 && j < nl; }); });
    this.open = this.progs.map(function (p) { return !(p.tracks && p.tracks.length) && !(p.levels && p.levels.length); });
    this.withLeads = [];
    this.leads.forEach(function (ls, i) { if (ls.length) self.withLeads.push(i); });
  }

  // A cost is [steps, months, months at most, programs without months],
  // compared in the order of the ranking, as route.cost: by steps, then
  // unknowns, then months; by time, unknowns, then months, then steps.
  var costOrder = { steps: [0, 3, 1, 2], time: [3, 1, 2, 0] };

  Graph.prototype.costLess = function (a, b) {
    var o = costOrder[this.by] || costOrder.steps;
    for (var i = 0; i < 4; i++) if (a[o[i]] !== b[o[i]]) return a[o[i]] < b[o[i]];
    return false;
  };

  function costEqual(a, b) { return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3]; }
  function costAdd(a, b) { return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]; }

  // stepCost is the cost of a promotion or move to level j; leadCost that
  // of leaving program i for level j, with the program's months.
  Graph.prototype.stepCost = function (j) { var m = this.d.months[j]; return [1, m, m, 0]; };
  Graph.prototype.leadCost = function (i, j) {
    var m = this.d.months[j], pm = this.progs[i].months;
    return pm && pm.length ? [0, m + pm[0], m + pm[1], 0] : [0, m, m, 1];
  };

  // admits is Eligibility.Admits: program p admits level number n.
  Graph.prototype.admits = function (p, n) {
    if (p.tracks && p.tracks.length && p.tracks.indexOf(this.d.trackOf[n]) < 0) return false;
    if (p.levels && p.levels.length && p.levels.indexOf(n) < 0) return false;
    return true;
  };

  // Heap is a binary min-heap of [node, cost, seq], by cost then seq.
  function Heap(g) { this.h = []; this.g = g; }
  Heap.prototype.less = function (a, b) {
    if (!costEqual(a[1], b[1])) return this.g.costLess(a[1], b[1]);
    return a[2] < b[2];
  };
  Heap.prototype.push = function (x) {
    var h = this.h; h.push(x);
    var i = h.length - 1;
    while (i > 0) {
      var p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      var t = h[i]; h[i] = h[p]; h[p] = t; i = p;
    }
  };
  Heap.prototype.pop = function () {
    var h = this.h, top = h[0], last = h.pop();
    if (h.length > 0) {
      h[0] = last;
      var i = 0;
      for (;;) {
        var l = 2 * i + 1, r = l + 1, m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        var t = h[i]; h[i] = h[m]; h[m] = t; i = m;
      }
    }
    return top;
  };

  // shortest is Dijkstra's algorithm, as route.(*Graph).shortest.
  Graph.prototype.shortest = function (src, dst, rmNodes, rmEdges, limit) {
    var n = this.nl + this.progs.length;
    var dist = new Array(n), prev = new Int32Array(n), state = new Uint8Array(n);
    var q = new Heap(this), seq = 1, self = this;
    var pending = this.withLeads.slice();
    state[src] = 1;
    q.push([src, [0, 0, 0, 0], 0]);
    var relax = function (from, fc, to, c) {
      if (state[to] === 2 || rmNodes.has(to) || rmEdges.has(from + ">" + to)) return;
      var nc = costAdd(fc, c);
      if (state[to] === 1 && !self.costLess(nc, dist[to])) return;
      state[to] = 1; dist[to] = nc; prev[to] = from;
      q.push([to, nc, seq++]);
    };
    while (q.h.length > 0) {
      var it = q.pop(), u = it[0], uc = it[1];
      if (state[u] === 2) continue;
      if (limit && this.costLess(limit, uc)) break;
      state[u] = 2;
      if (u === dst) break;
      if (u >= this.nl) {
        var pi = u - this.nl;
        this.leads[pi].forEach(function (j) { relax(u, uc, j, self.leadCost(pi, j)); });
        continue;
      }
      this.out[u].forEach(function (e) { relax(u, uc, e[0], self.stepCost(e[0])); });
      var keep = [];
      for (var k = 0; k < pending.length; k++) {
        var i = pending[k], pn = this.nl + i;
        if (state[pn] !== 0) continue;
        if (this.open[i] || this.admits(this.progs[i], u)) relax(u, uc, pn, [1, 0, 0, 0]);
        if (state[pn] === 0) keep.push(i);
      }
      pending = keep;
    }
    if (state[dst] !== 2) return null;
    var path = [dst];
    for (var cur = dst; cur !== src;) { cur = prev[cur]; path.push(cur); }
    return path.reverse();
  };

  Graph.prototype.pathCost = function (p) {
    var c = [0, 0, 0, 0];
    for (var i = 1; i < p.length; i++) {
      if (p[i] >= this.nl) c = costAdd(c, [1, 0, 0, 0]);
      else if (p[i - 1] >= this.nl) c = costAdd(c, this.leadCost(p[i - 1] - this.nl, p[i]));
      else c = costAdd(c, this.stepCost(p[i]));
    }
    return c;
  };

  // sortRank is the rank of a node's part of a route's key among all the
  // parts (full level ids, "@" program ids), in byte order.
  Graph.prototype.sortRank = function (n) { return n >= this.nl ? this.progs[n - this.nl].sort : this.d.rank[n]; };

  // keyLess orders two paths as route.(*Graph).yen orders their keys: the
  // parts of a key are joined with a space, which sorts before every
  // character of an id, so comparing the keys is comparing the ranks of
  // their parts one by one, a shorter key first when it is a prefix.
  Graph.prototype.keyLess = function (a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      var x = this.sortRank(a[i]), y = this.sortRank(b[i]);
      if (x !== y) return x < y;
    }
    return a.length < b.length;
  };

  function sameNodes(a, b, n) {
    for (var i = 0; i < n; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // yen returns up to k loop-free paths, as route.(*Graph).yen.
  Graph.prototype.yen = function (src, dst, k) {
    var first = this.shortest(src, dst, new Set(), new Set(), null);
    if (!first) return [];
    var found = [first], seen = new Set([first.join(" ")]), pool = [];
    while (found.length < k) {
      var last = found[found.length - 1];
      for (var i = 0; i < last.length - 1; i++) {
        var root = last.slice(0, i + 1);
        var rmEdges = new Set(), rmNodes = new Set(root.slice(0, i));
        found.forEach(function (p) {
          if (p.length > i + 1 && sameNodes(p, root, i + 1)) rmEdges.add(p[i] + ">" + p[i + 1]);
        });
        var limit = null, need = k - found.length;
        if (pool.length >= need) {
          var self = this;
          var cs = pool.map(function (c) { return c.c; }).sort(function (a, b) { return self.costLess(a, b) ? -1 : self.costLess(b, a) ? 1 : 0; });
          var rc = this.pathCost(root), worst = cs[need - 1];
          limit = [worst[0] - rc[0], worst[1] - rc[1], worst[2] - rc[2], worst[3] - rc[3]];
        }
        var spur = this.shortest(last[i], dst, rmNodes, rmEdges, limit);
        if (!spur) continue;
        var p = root.slice(0, i).concat(spur), key = p.join(" ");
        if (seen.has(key)) continue;
        seen.add(key);
        pool.push({ path: p, c: this.pathCost(p) });
      }
      if (pool.length === 0) break;
      var best = 0;
      for (var j = 1; j < pool.length; j++) {
        var a = pool[j], b = pool[best];
        if (this.costLess(a.c, b.c) || (costEqual(a.c, b.c) && this.keyLess(a.path, b.path))) best = j;
      }
      found.push(pool[best].path);
      pool.splice(best, 1);
    }
    return found;
  };

  // key is route.Route.Key of a path whose levels are loaded.
  Graph.prototype.key = function (p) {
    var self = this;
    return p.map(function (n) { return n >= self.nl ? "@" + self.progs[n - self.nl].id : self.d.levelID(n); }).join(" ");
  };

  function levelRef(l) { return { id: l.id, title: l.title, track: l.track }; }

  function courseRefs(d, ids) {
    return ids.map(function (id) {
      var c = d.index.courses.get(id);
      return { id: id, title: c ? c.title : id, hours: c ? c.hours || 0 : 0 };
    });
  }

  // build turns a path whose levels are loaded into a route document, as
  // route.(*Graph).build and route.NewDoc.
  Graph.prototype.build = function (p) {
    var d = this.d;
    var from = d.levels[p[0]];
    var required = new Set(from.required_courses || []);
    var r = { key: this.key(p), steps: [], months: 0, months_max: 0, hours: 0 };
    for (var i = 1; i < p.length; i++) {
      var st = { kind: "", from: from.id };
      var prog = null;
      if (p[i] >= this.nl) {
        prog = this.progs[p[i] - this.nl];
        st.kind = "program";
        i++;
      } else if (d.next[from.num].indexOf(p[i]) >= 0) {
        st.kind = "promotion";
      } else {
        st.kind = "move";
      }
      var to = d.levels[p[i]];
      st.to = levelRef(to);
      if (prog) {
        st.program = { id: prog.id, title: prog.title };
        if (prog.kind) st.program.kind = prog.kind;
        if (prog.duration) st.program.duration = prog.duration;
        if (prog.months && prog.months.length) st.program.months = prog.months.slice();
        if (prog.funding) st.program.funding = prog.funding;
        var cond = { courses: courseRefs(d, (prog.courses || []).map(function (c) { return c.id; }).filter(function (id) { return !required.has(id); })) };
        if (prog.min_tenure_months) cond.min_tenure_months = prog.min_tenure_months;
        if (prog.approval) cond.approval = prog.approval;
        if (prog.note) cond.note = prog.note;
        if (cond.min_tenure_months || cond.courses.length || cond.approval || cond.note) st.conditions = cond;
      }
      st.gaps = [];
      (to.competencies || []).forEach(function (x) {
        var cur = 0;
        (from.competencies || []).forEach(function (y) { if (y.id === x.id) cur = y.level; });
        if (x.level > cur) {
          var c = d.index.competencies.get(x.id);
          var g = { id: x.id, title: c ? c.title : x.id, from: cur, to: x.level };
          var fn = d.scale[cur - 1] || "";
          if (cur >= 1 && fn) g.from_name = fn;
          g.to_name = d.scale[x.level - 1] || "";
          st.gaps.push(g);
        }
      });
      var newCourses = [];
      (to.required_courses || []).forEach(function (id) {
        if (!required.has(id)) { required.add(id); newCourses.push(id); }
      });
      st.courses = courseRefs(d, newCourses);
      st.hours = 0;
      st.courses.forEach(function (c) { st.hours += c.hours; });
      st.months = st.months_max = to.min_months || 0;
      if (prog) {
        if (prog.months && prog.months.length) { st.months += prog.months[0]; st.months_max += prog.months[1]; }
        else st.program_time_unknown = true;
      }
      r.steps.push(st);
      r.months += st.months;
      r.months_max += st.months_max;
      if (st.program_time_unknown) r.program_time_unknown = true;
      r.hours += st.hours;
      from = to;
    }
    return r;
  };

  // into lists, for each level number, the levels promoted or moved to it.
  Graph.prototype.into = function () {
    if (!this.intoList) {
      var d = this.d, into = this.intoList = new Array(this.nl);
      for (var i = 0; i < this.nl; i++) into[i] = [];
      for (var m = 0; m < this.nl; m++) {
        d.next[m].forEach(function (n) { if (n >= 0 && n < into.length) into[n].push(m); });
        d.moves[m].forEach(function (n) { if (n >= 0 && n < into.length) into[n].push(m); });
      }
    }
    return this.intoList;
  };

  // why mirrors route.(*Graph).why; from and to are loaded levels. Its
  // sentences are texts of the site's language ([js.route]), the same
  // words as the route package's in English.
  Graph.prototype.why = function (from, to) {
    var d = this.d;
    if (from.track === to.track && from.path === to.path && to.rank < from.rank) {
      return text("route.below", to.title, from.title);
    }
    var into = this.into(), progs = this.progs;
    var ledBy = function (n) { return progs.filter(function (p) { return (p.leads_to || []).indexOf(n) >= 0; }); };
    var track = d.index.tracks.get(to.track);
    if (from.track !== to.track) {
      var any = false;
      for (var n = track.first; n < track.first + track.count; n++) {
        into[n].forEach(function (m) { any = any || d.trackOf[m] !== track.index; });
        any = any || ledBy(n).length > 0;
      }
      if (!any) return text("route.no_track", track.title);
    }
    var led = ledBy(to.num);
    if (!into[to.num].length && !led.length) {
      return text("route.nothing_leads", to.title);
    }
    if (led.length) {
      return text("route.programs", from.title, to.title, led.map(function (p) { return p.title; }).join(text("route.list_sep")));
    }
    return text("route.unreachable", from.title, to.title);
  };

  // paths returns the paths of the routes from one loaded level to
  // another: the shortest and up to alternatives others (default 3), by
  // steps or, when by is "time", by time.
  Graph.prototype.paths = function (from, to, alternatives, by) {
    if (from === to) return [];
    var k = alternatives === undefined ? 3 : alternatives;
    k = Math.min(Math.max(k, 0), 10);
    this.by = by === "time" ? "time" : "steps";
    return this.yen(from.num, to.num, k + 1);
  };

  // doc returns the route document of paths (from Graph.paths, with the
  // levels they pass loaded), as route.NewDoc(route.Find(...)).
  Graph.prototype.doc = function (from, to, paths) {
    var doc = { from: levelRef(from), to: levelRef(to), found: false, route: null, alternatives: [] };
    if (from === to) {
      doc.found = true;
      doc.message = text("route.already", from.title);
      doc.route = { key: "", steps: [], months: 0, months_max: 0, hours: 0 };
      return doc;
    }
    if (!paths.length) {
      doc.message = this.why(from, to);
      return doc;
    }
    doc.found = true;
    doc.route = this.build(paths[0]);
    for (var i = 1; i < paths.length; i++) doc.alternatives.push(this.build(paths[i]));
    return doc;
  };

  // graphs caches one Graph per Data.
  var graphs = new WeakMap();
  function graph(d) {
    if (!graphs.has(d)) graphs.set(d, new Graph(d));
    return graphs.get(d);
  }

  // --- Page helpers -----------------------------------------------------------

  // params reads the page's query string.
  function params() { return new URLSearchParams(location.search); }

  // setParams replaces the page's query string without reloading, so that
  // the address can be shared.
  function setParams(obj) {
    var q = new URLSearchParams();
    Object.keys(obj).forEach(function (k) { if (obj[k]) q.set(k, obj[k]); });
    var s = q.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
  }

  // fail shows an error in a page's output and keeps it announced.
  function fail(out, err) {
    clear(out);
    out.appendChild(el("p", { class: "tool-error", role: "alert" }, text("tools.failed", err && err.message ? err.message : String(err))));
  }

  // empty says in a page's output that the framework has no levels yet.
  function empty(out, what) {
    clear(out);
    out.appendChild(el("p", { class: "tool-empty" }, text("tools.empty." + what)));
  }

  // levelLink links to a level's page.
  function levelLink(d, id) {
    var l = d.index.levels.get(id);
    return l ? el("a", { href: siteURL(l.url) }, l.title) : document.createTextNode(id);
  }

  // criteria draws what a level expects of a competency in its own words,
  // as the level page does: one criterion as a paragraph, several as a
  // list, then the examples; null when the level says nothing.
  function criteria(d, levelID, compID) {
    var l = d.index.levels.get(levelID), e = null;
    ((l && l.competencies) || []).forEach(function (x) { if (x.id === compID) e = x; });
    if (!e || (!e.expect && !e.examples)) return null;
    var out = [], ex = e.expect || [];
    if (ex.length === 1) out.push(el("p", { class: "expect" }, ex[0]));
    else if (ex.length) out.push(el("ul", { class: "criteria" }, ex.map(function (x) { return el("li", null, x); })));
    if (e.examples) out.push(el("p", { class: "examples-h" }, text("tools.examples")), el("ul", { class: "examples" }, e.examples.map(function (x) { return el("li", null, x); })));
    return out;
  }

  // gapText is "Troubleshooting: not expected → 2 Foundational".
  function gapText(g) {
    var from = g.from > 0 ? g.from + (g.from_name ? " " + g.from_name : "") : text("tools.not_expected");
    return from + " → " + g.to + (g.to_name ? " " + g.to_name : "");
  }

  return {
    siteURL: siteURL, dataPath: dataPath, fetchJSON: fetchJSON, loadData: loadData, field: field,
    el: el, svg: svg, clear: clear, LevelPicker: LevelPicker,
    t: text, number: number, lang: lang,
    plural: plural, hours: hours, months: months, money: money, trimFloat: trimFloat, routeTotals: routeTotals,
    timeText: timeText, rangeText: rangeText,
    Graph: Graph,
    params: params, setParams: setParams, fail: fail, empty: empty, levelLink: levelLink, gapText: gapText,
    criteria: criteria, urls: urls
  };
})();
