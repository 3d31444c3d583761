// search.js: full-text search over the index written at build time
// (/data/search.json, published as data/search.<hash>.json; the format is
// described in internal/search/search.go).
// Every query word must match the start of a word in a document; titles
// rank above summaries, summaries above bodies. Results show a snippet with
// the matches highlighted, built with DOM nodes only.
"use strict";

(function () {
  var T = window.LadderTools, tr = T.t, el = T.el;
  var kindLabels = { track: tr("search.track"), level: tr("search.level"), competency: tr("search.competency"), course: tr("search.course"), program: tr("search.program"), page: tr("search.page") };
  var PAGE = 20, MAX_EXPANSIONS = 200;

  // tokenize mirrors render.Tokenize: runs of letters and digits,
  // lower-cased, of at least two characters.
  function tokens(text) {
    var out = [], re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text))) {
      var w = m[0].toLowerCase();
      if (Array.from(w).length >= 2) out.push({ word: w, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  // shardOf mirrors render.ShardOf.
  function shardOf(term, n) {
    var h = 0, k = 0;
    for (var ch of term) {
      if (k === 2) break;
      h = (Math.imul(h, 31) + ch.codePointAt(0)) >>> 0;
      k++;
    }
    return h % n;
  }

  // Index gives access to a loaded manifest, inline or sharded.
  function Index(m) {
    this.m = m;
    this.kinds = m.kinds;
    this.shards = new Map();
    if (m.terms) this.shards.set(0, Promise.resolve(sorted(m.terms)));
  }

  function sorted(terms) { return { terms: terms, keys: Object.keys(terms).sort() }; }

  // part loads a part of a sharded index ("t3", "d0", "x1") from the path
  // the layout gives, which carries the parts' version in a build.
  Index.prototype.part = function (name) {
    return T.fetchJSON((this.m.file || "data/search/{part}.json").replace("{part}", function () { return name; }));
  };

  Index.prototype.shard = function (term) {
    var i = this.m.terms ? 0 : shardOf(term, this.m.shards);
    if (!this.shards.has(i)) this.shards.set(i, this.part("t" + i).then(sorted));
    return this.shards.get(i);
  };

  // matches resolves to a Map doc -> score for one query term: the best
  // posting among the index terms it is a prefix of, exact matches a
  // little above prefix ones.
  Index.prototype.matches = function (q) {
    return this.shard(q).then(function (s) {
      var keys = s.keys, lo = 0, hi = keys.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] < q) lo = mid + 1; else hi = mid; }
      var scores = new Map();
      for (var i = lo, n = 0; i < keys.length && keys[i].lastIndexOf(q, 0) === 0 && n < MAX_EXPANSIONS; i++, n++) {
        var p = s.terms[keys[i]], doc = 0, bonus = keys[i] === q ? 0.5 : 0;
        for (var j = 0; j < p.length; j += 2) {
          doc += p[j];
          var sc = p[j + 1] + bonus;
          if (!(scores.get(doc) >= sc)) scores.set(doc, sc);
        }
      }
      return scores;
    });
  };

  // doc resolves to {kind, title, url, summary, text, keywords, expect,
  // track} of document i; a part the index leaves out is undefined.
  Index.prototype.doc = function (i) {
    var m = this.m, kinds = this.kinds;
    if (m.docs) {
      var d = m.docs[i];
      return Promise.resolve({ kind: kinds[d[0]], title: d[1], url: d[2], summary: d[3], text: d[4], keywords: d[5], expect: d[6], track: d[7] });
    }
    var meta = this.part("d" + Math.floor(i / m.chunk));
    var text = this.part("x" + Math.floor(i / m.textChunk));
    return Promise.all([meta, text]).then(function (r) {
      var d = r[0][i % m.chunk], x = r[1][i % m.textChunk];
      return { kind: kinds[d[0]], title: d[1], url: d[2], track: d[3], summary: x[0], text: x[1], keywords: x[2], expect: x[3] };
    });
  };

  // search resolves to the documents matching every term, best first.
  Index.prototype.search = function (terms) {
    return Promise.all(terms.map(this.matches, this)).then(function (maps) {
      maps.sort(function (a, b) { return a.size - b.size; });
      var out = [];
      maps[0].forEach(function (score, doc) {
        var total = score;
        for (var k = 1; k < maps.length; k++) {
          var s = maps[k].get(doc);
          if (s === undefined) return;
          total += s;
        }
        out.push([doc, total]);
      });
      out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return out;
    });
  };

  function matchesAny(word, terms) {
    for (var i = 0; i < terms.length; i++) if (word.lastIndexOf(terms[i], 0) === 0) return true;
    return false;
  }

  // highlight appends text to node with every word that starts with a
  // query term wrapped in <mark>.
  function highlight(node, text, terms) {
    var pos = 0;
    tokens(text).forEach(function (t) {
      if (!matchesAny(t.word, terms)) return;
      node.append(text.slice(pos, t.start), el("mark", null, text.slice(t.start, t.end)));
      pos = t.end;
    });
    node.append(text.slice(pos));
    return node;
  }

  // snippet picks the part of the summary, the body or one expectation
  // ("Coding: Writes tests first.") around the first match.
  function snippet(d, terms) {
    var sources = [d.summary || "", d.text || ""].concat((d.expect || "").split("\n"), d.keywords || "");
    for (var s = 0; s < sources.length; s++) {
      var text = sources[s], first = null;
      tokens(text).some(function (t) { if (matchesAny(t.word, terms)) { first = t; return true; } return false; });
      if (!first) continue;
      if (text.length <= 200) return { text: text, pre: "", post: "" };
      var a = Math.max(0, first.start - 70), b = Math.min(text.length, first.start + 150);
      if (a > 0) { var sp = text.indexOf(" ", a); if (sp >= 0 && sp < first.start) a = sp + 1; }
      if (b < text.length) { var sp2 = text.lastIndexOf(" ", b); if (sp2 > first.end) b = sp2; }
      return { text: text.slice(a, b).replace(/\s+/g, " "), pre: a > 0 ? "… " : "", post: b < text.length ? " …" : "" };
    }
    var sum = d.summary || d.text || "";
    return { text: sum.length > 200 ? sum.slice(0, sum.lastIndexOf(" ", 200)) : sum, pre: "", post: sum.length > 200 ? " …" : "" };
  }

  function start() {
    var form = document.getElementById("search-form");
    if (!form) return;
    var input = document.getElementById("search-q"), status = document.getElementById("search-status");
    var list = document.getElementById("search-results"), more = document.getElementById("search-more");
    var index = null, results = [], shown = 0, terms = [], generation = 0, baseTitle = document.title;

    var loadIndex = function () {
      if (!index) index = T.fetchJSON(T.dataPath("search", "data/search.json")).then(function (m) { return new Index(m); });
      return index;
    };

    var showMore = function (ix, gen) {
      var batch = results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return ix.doc(r[0]); })).then(function (docs) {
        if (gen !== generation) return;
        docs.forEach(function (d) {
          var sn = snippet(d, terms);
          var p = el("p", { class: "snippet" }, sn.pre);
          highlight(p, sn.text, terms);
          p.append(sn.post);
          list.append(el("li", { class: "search-result" },
            el("a", { href: T.siteURL(d.url), class: "result-link" }, highlight(el("span", { class: "result-title" }), d.title, terms),
              d.track ? highlight(el("span", { class: "result-track" }, " — "), d.track, terms) : null),
            " ", el("span", { class: "badge result-kind" }, kindLabels[d.kind] || d.kind), p));
        });
      });
    };

    var run = function () {
      var q = input.value.trim();
      var gen = ++generation;
      T.setParams({ q: q });
      document.title = q ? q + " · " + baseTitle : baseTitle;
      var seen = new Set();
      terms = tokens(q).map(function (t) { return t.word; }).filter(function (w) { if (seen.has(w)) return false; seen.add(w); return true; });
      T.clear(list);
      more.hidden = true;
      results = []; shown = 0;
      if (!q) { status.textContent = ""; return Promise.resolve(); }
      if (!terms.length) { status.textContent = tr("search.short"); return Promise.resolve(); }
      return loadIndex().then(function (ix) {
        return ix.search(terms).then(function (res) {
          if (gen !== generation) return;
          results = res;
          // The count is announced once the first results are on the page.
          return showMore(ix, gen).then(function () {
            if (gen !== generation) return;
            status.textContent = res.length
              ? tr("search.results", res.length, q)
              : tr("search.none", q);
          });
        });
      }).catch(function (err) { status.textContent = tr("search.failed", err.message || err); });
    };

    var timer = 0;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run().then(function () { var a = list.querySelector("a"); if (a) a.focus(); });
    });
    more.addEventListener("click", function () {
      var from = shown;
      loadIndex().then(function (ix) { return showMore(ix, generation); }).then(function () {
        var links = list.querySelectorAll("a.result-link");
        if (links[from]) links[from].focus();
      });
    });

    // Arrow keys move between the box and the results; Enter opens the
    // focused result (it is a link); Escape goes back to the box.
    var links = function () { return Array.prototype.slice.call(list.querySelectorAll("a.result-link")); };
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var l = links();
        if (l.length) { e.preventDefault(); l[0].focus(); }
      }
    });
    list.addEventListener("keydown", function (e) {
      var l = links(), i = l.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < l.length) { e.preventDefault(); l[i + 1].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? l[i - 1] : input).focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
      else if (e.key === "Home") { e.preventDefault(); l[0].focus(); }
      else if (e.key === "End") { e.preventDefault(); l[l.length - 1].focus(); }
    });

    var q = T.params().get("q");
    if (q) { input.value = q; run(); } else { input.focus(); }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
