// tools.js: what the compare, path finder, plan and search pages share —
// loading the data written at build time, building DOM safely, level
// pickers, and the route search, which mirrors internal/route in Go (same
// graph, same order, same tie-breaking, same JSON shape) so that the path
// finder and "ladder path" always agree.
"use strict";

window.LadderTools = (function () {
  // --- URLs and data --------------------------------------------------------

  // siteURL resolves a path relative to the site root, which baseof.html
  // writes into <body data-root>: "/", "/careers/", or "../" with relative
  // URLs.
  function siteURL(path) {
    var root = document.body.dataset.root || "";
    return new URL(root + path, document.baseURI).href;
  }

  var cache = new Map();

  // fetchJSON fetches a JSON file of the site once per page.
  function fetchJSON(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(siteURL(path)).then(function (r) {
        if (!r.ok) throw new Error("could not load " + path + ": HTTP " + r.status);
        return r.json();
      }));
    }
    return cache.get(path);
  }

  // loadFramework loads /data/framework.json and indexes it by id.
  function loadFramework() {
    return fetchJSON("data/framework.json").then(function (fw) {
      if (fw.index) return fw;
      var by = function (xs) { var m = new Map(); (xs || []).forEach(function (x) { m.set(x.id, x); }); return m; };
      fw.index = {
        tracks: by(fw.tracks), levels: by(fw.levels), competencies: by(fw.competencies),
        courses: by(fw.courses), programs: by(fw.programs)
      };
      return fw;
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

  // fillLevelSelect fills a <select> with the levels grouped by track, in
  // site order, and selects value when it names a level.
  function fillLevelSelect(select, fw, value, placeholder) {
    clear(select);
    if (placeholder) select.appendChild(el("option", { value: "" }, placeholder));
    fw.tracks.forEach(function (t) {
      var g = el("optgroup", { label: t.title });
      t.levels.forEach(function (id) {
        var l = fw.index.levels.get(id);
        if (!l) return;
        g.appendChild(el("option", { value: id }, l.title + (l.code ? " (" + l.code + ")" : "")));
      });
      select.appendChild(g);
    });
    select.value = fw.index.levels.has(value) ? value : "";
  }

  // --- Formatting -----------------------------------------------------------

  function plural(n, one, many) { return n === 1 ? one : many; }

  function trimFloat(f) { return f.toFixed(2).replace(/0+$/, "").replace(/\.$/, ""); }

  function hours(h) { return trimFloat(h) + " h"; }

  function months(n) { return n + " " + plural(n, "month", "months"); }

  // money formats a whole amount with thousands separators: "USD 5,250".
  function money(f, currency) {
    var s = String(Math.trunc(f)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return currency ? currency + " " + s : s;
  }

  // routeTotals is "2 steps, typically 18 months, 33 h of required courses".
  function routeTotals(r) {
    var s = r.steps.length + " " + plural(r.steps.length, "step", "steps");
    if (r.months > 0) s += ", typically " + months(r.months);
    if (r.hours > 0) s += ", " + hours(r.hours) + " of required courses";
    return s;
  }

  // --- Routes (mirrors internal/route) ---------------------------------------

  // fundingSummary mirrors route.FundingSummary.
  function fundingSummary(p) {
    var f = p.funding || {};
    var parts = [];
    var pct = field(f, "tuition_percent", "TuitionPercent") || 0;
    var cap = field(f, "cap", "Cap") || 0;
    var cur = field(f, "currency", "Currency") || "";
    var covers = field(f, "covers", "Covers") || [];
    if (pct > 0) {
      var s = trimFloat(pct) + "% of tuition";
      if (cap > 0) s += ", up to " + money(cap, cur) + " a year";
      parts.push(s);
    }
    if (covers.length > 0) parts.push("covers " + covers.join(", "));
    if (p.paid) parts.push("paid while you learn");
    return parts.join("; ");
  }

  // Graph is the graph of levels and programs of a framework; see the
  // package comment of internal/route.
  function Graph(fw) {
    this.fw = fw;
    this.levels = fw.levels;
    this.progs = fw.programs || [];
    this.nl = this.levels.length;
    var index = this.index = new Map();
    this.levels.forEach(function (l, i) { index.set(l.id, i); });
    this.out = this.levels.map(function (l, i) {
      var es = [], seen = new Set();
      var add = function (id, kind) {
        var j = index.get(id);
        if (j === undefined || j === i || seen.has(j)) return;
        seen.add(j);
        es.push([j, kind]);
      };
      (l.next || []).forEach(function (id) { add(id, "promotion"); });
      (l.moves || []).forEach(function (id) { add(id, "move"); });
      return es;
    });
    var self = this;
    this.leads = this.progs.map(function (p) {
      return (p.leads_to || []).map(function (id) { return index.get(id); }).filter(function (j) { return j !== undefined; });
    });
    this.open = this.progs.map(function (p) {
      var e = p.eligibility || {};
      return !(e.tracks && e.tracks.length) && !(e.levels && e.levels.length);
    });
    this.withLeads = [];
    this.leads.forEach(function (ls, i) { if (ls.length) self.withLeads.push(i); });
  }

  function costLess(a, b) { return a[0] !== b[0] ? a[0] < b[0] : a[1] < b[1]; }

  function admits(p, l) {
    var e = p.eligibility || {};
    if (e.tracks && e.tracks.length && e.tracks.indexOf(l.track) < 0) return false;
    if (e.levels && e.levels.length && e.levels.indexOf(l.id) < 0) return false;
    return true;
  }

  // Heap is a binary min-heap of [node, cost, seq], by cost then seq.
  function Heap() { this.h = []; }
  Heap.prototype.less = function (a, b) {
    if (a[1][0] !== b[1][0] || a[1][1] !== b[1][1]) return costLess(a[1], b[1]);
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
    var q = new Heap(), seq = 1, self = this;
    var pending = this.withLeads.slice();
    state[src] = 1;
    q.push([src, [0, 0], 0]);
    var relax = function (from, fc, to, c) {
      if (state[to] === 2 || rmNodes.has(to) || rmEdges.has(from + ">" + to)) return;
      var nc = [fc[0] + c[0], fc[1] + c[1]];
      if (state[to] === 1 && !costLess(nc, dist[to])) return;
      state[to] = 1; dist[to] = nc; prev[to] = from;
      q.push([to, nc, seq++]);
    };
    while (q.h.length > 0) {
      var it = q.pop(), u = it[0], uc = it[1];
      if (state[u] === 2) continue;
      if (limit && costLess(limit, uc)) break;
      state[u] = 2;
      if (u === dst) break;
      if (u >= this.nl) {
        this.leads[u - this.nl].forEach(function (j) { relax(u, uc, j, [0, self.levels[j].min_months || 0]); });
        continue;
      }
      this.out[u].forEach(function (e) { relax(u, uc, e[0], [1, self.levels[e[0]].min_months || 0]); });
      var l = this.levels[u], keep = [];
      for (var k = 0; k < pending.length; k++) {
        var i = pending[k], pn = this.nl + i;
        if (state[pn] !== 0) continue;
        if (this.open[i] || admits(this.progs[i], l)) relax(u, uc, pn, [1, 0]);
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
    var c = [0, 0];
    for (var i = 1; i < p.length; i++) {
      if (p[i] >= this.nl) { c[0]++; continue; }
      if (p[i - 1] < this.nl) c[0]++;
      c[1] += this.levels[p[i]].min_months || 0;
    }
    return c;
  };

  Graph.prototype.key = function (p) {
    var self = this;
    return p.map(function (n) { return n >= self.nl ? "@" + self.progs[n - self.nl].id : self.levels[n].id; }).join(" ");
  };

  function sameNodes(a, b, n) {
    for (var i = 0; i < n; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // yen returns up to k loop-free paths, as route.(*Graph).yen.
  Graph.prototype.yen = function (src, dst, k) {
    var first = this.shortest(src, dst, new Set(), new Set(), null);
    if (!first) return [];
    var found = [first], seen = new Set([this.key(first)]), pool = [];
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
          var cs = pool.map(function (c) { return c.c; }).sort(function (a, b) { return costLess(a, b) ? -1 : costLess(b, a) ? 1 : 0; });
          var rc = this.pathCost(root);
          limit = [cs[need - 1][0] - rc[0], cs[need - 1][1] - rc[1]];
        }
        var spur = this.shortest(last[i], dst, rmNodes, rmEdges, limit);
        if (!spur) continue;
        var p = root.slice(0, i).concat(spur), key = this.key(p);
        if (seen.has(key)) continue;
        seen.add(key);
        pool.push({ path: p, c: this.pathCost(p), key: key });
      }
      if (pool.length === 0) break;
      var best = 0;
      for (var j = 1; j < pool.length; j++) {
        var a = pool[j], b = pool[best];
        if (costLess(a.c, b.c) || (a.c[0] === b.c[0] && a.c[1] === b.c[1] && a.key < b.key)) best = j;
      }
      found.push(pool[best].path);
      pool.splice(best, 1);
    }
    return found;
  };

  function levelRef(l) { return { id: l.id, title: l.title, track: l.track }; }

  function courseRefs(fw, ids) {
    return ids.map(function (id) {
      var c = fw.index.courses.get(id);
      return { id: id, title: c ? c.title : id, hours: c ? c.hours || 0 : 0 };
    });
  }

  // build turns a path into a route document, as route.(*Graph).build and
  // route.NewDoc.
  Graph.prototype.build = function (p) {
    var fw = this.fw, self = this;
    var from = this.levels[p[0]];
    var required = new Set(from.required_courses || []);
    var r = { key: this.key(p), steps: [], months: 0, hours: 0 };
    for (var i = 1; i < p.length; i++) {
      var st = { kind: "", from: from.id };
      var prog = null;
      if (p[i] >= this.nl) {
        prog = this.progs[p[i] - this.nl];
        st.kind = "program";
        i++;
      } else if ((from.next || []).indexOf(this.levels[p[i]].id) >= 0) {
        st.kind = "promotion";
      } else {
        st.kind = "move";
      }
      var to = this.levels[p[i]];
      st.to = levelRef(to);
      if (prog) {
        st.program = { id: prog.id, title: prog.title };
        if (prog.kind) st.program.kind = prog.kind;
        if (prog.duration) st.program.duration = prog.duration;
        var fs = fundingSummary(prog);
        if (fs) st.program.funding = fs;
        var e = prog.eligibility || {};
        var cond = { courses: courseRefs(fw, (e.courses || []).filter(function (id) { return !required.has(id); })) };
        if (e.min_tenure_months) cond.min_tenure_months = e.min_tenure_months;
        if (e.approval) cond.approval = e.approval;
        if (e.note) cond.note = e.note;
        if (cond.min_tenure_months || cond.courses.length || cond.approval || cond.note) st.conditions = cond;
      }
      st.gaps = [];
      (to.competencies || []).forEach(function (x) {
        var cur = 0;
        (from.competencies || []).forEach(function (y) { if (y.id === x.id) cur = y.level; });
        if (x.level > cur) {
          var c = fw.index.competencies.get(x.id);
          var g = { id: x.id, title: c ? c.title : x.id, from: cur, to: x.level };
          var fn = fw.scale[cur - 1] || "";
          if (cur >= 1 && fn) g.from_name = fn;
          g.to_name = fw.scale[x.level - 1] || "";
          st.gaps.push(g);
        }
      });
      var newCourses = [];
      (to.required_courses || []).forEach(function (id) {
        if (!required.has(id)) { required.add(id); newCourses.push(id); }
      });
      st.courses = courseRefs(fw, newCourses);
      st.hours = 0;
      st.courses.forEach(function (c) { st.hours += c.hours; });
      st.months = to.min_months || 0;
      r.steps.push(st);
      r.months += st.months;
      r.hours += st.hours;
      from = to;
    }
    return r;
  };

  // why mirrors route.(*Graph).why.
  Graph.prototype.why = function (from, to) {
    var fw = this.fw, idx = fw.index;
    if (from.track === to.track && from.path === to.path && to.rank < from.rank) {
      return to.title + " is below " + from.title + " on the same path";
    }
    // Reverse edges: who is promoted or moved into each level, and which
    // programs lead to it.
    var into = new Map();
    var note = function (id, src) { if (!into.has(id)) into.set(id, []); into.get(id).push(src); };
    fw.levels.forEach(function (l) {
      (l.next || []).forEach(function (id) { note(id, l); });
      (l.moves || []).forEach(function (id) { note(id, l); });
    });
    var ledBy = function (id) { return (fw.programs || []).filter(function (p) { return (p.leads_to || []).indexOf(id) >= 0; }); };
    var track = idx.tracks.get(to.track);
    if (from.track !== to.track) {
      var any = false;
      (track ? track.levels : []).forEach(function (id) {
        (into.get(id) || []).forEach(function (src) { any = any || src.track !== to.track; });
        any = any || ledBy(id).length > 0;
      });
      if (!any) return "no promotion, move or program leads into track " + (track ? track.title : to.track);
    }
    var progs = ledBy(to.id);
    if (!(into.get(to.id) || []).length && !progs.length) {
      return "nothing leads to " + to.title + ": no level promotes or moves to it and no program leads to it";
    }
    if (progs.length) {
      return "no route from " + from.title + " to " + to.title + ": the programs that lead there (" +
        progs.map(function (p) { return p.title; }).join(", ") + ") admit no level you can reach, and no promotion or move leads there from one";
    }
    return "no route from " + from.title + " to " + to.title + ": no level you can reach is promoted or moved to it";
  };

  // find returns the route document from one level to another, with up to
  // alternatives other routes (default 3), as route.NewDoc(route.Find(...)).
  Graph.prototype.find = function (fromID, toID, alternatives) {
    var from = this.fw.index.levels.get(fromID), to = this.fw.index.levels.get(toID);
    if (!from || !to) return null;
    var doc = { from: levelRef(from), to: levelRef(to), found: false, route: null, alternatives: [] };
    if (from === to) {
      doc.found = true;
      doc.message = "you are already at " + from.title;
      doc.route = { key: "", steps: [], months: 0, hours: 0 };
      return doc;
    }
    var k = alternatives === undefined ? 3 : alternatives;
    k = Math.min(Math.max(k, 0), 10);
    var paths = this.yen(this.index.get(fromID), this.index.get(toID), k + 1);
    if (!paths.length) {
      doc.message = this.why(from, to);
      return doc;
    }
    doc.found = true;
    doc.route = this.build(paths[0]);
    for (var i = 1; i < paths.length; i++) doc.alternatives.push(this.build(paths[i]));
    return doc;
  };

  // graphs caches one Graph per framework object.
  var graphs = new WeakMap();
  function graph(fw) {
    if (!graphs.has(fw)) graphs.set(fw, new Graph(fw));
    return graphs.get(fw);
  }

  // findRoute is graph(fw).find(from, to, alternatives).
  function findRoute(fw, from, to, alternatives) { return graph(fw).find(from, to, alternatives); }

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
    out.appendChild(el("p", { class: "tool-error", role: "alert" }, "Sorry, this tool could not start: " + (err && err.message ? err.message : String(err))));
  }

  // levelLink links to a level's page.
  function levelLink(fw, id) {
    var l = fw.index.levels.get(id);
    return l ? el("a", { href: siteURL(l.url) }, l.title) : document.createTextNode(id);
  }

  // gapText is "Troubleshooting: not expected → 2 Foundational".
  function gapText(g) {
    var from = g.from > 0 ? g.from + (g.from_name ? " " + g.from_name : "") : "not expected";
    return from + " → " + g.to + (g.to_name ? " " + g.to_name : "");
  }

  return {
    siteURL: siteURL, fetchJSON: fetchJSON, loadFramework: loadFramework, field: field,
    el: el, svg: svg, clear: clear, fillLevelSelect: fillLevelSelect,
    plural: plural, hours: hours, months: months, money: money, trimFloat: trimFloat, routeTotals: routeTotals,
    fundingSummary: fundingSummary, findRoute: findRoute, Graph: Graph,
    params: params, setParams: setParams, fail: fail, levelLink: levelLink, gapText: gapText
  };
})();
