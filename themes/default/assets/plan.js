// plan.js: the development plan builder. The plan is the checklist of the
// shortest route (tools.js): the programs to join, the competencies to grow
// and the courses to take. Ticks and notes are kept in localStorage, one
// entry per site, from and to; a plan exports to Markdown or JSON and the
// JSON imports back.
"use strict";

(function () {
  var T = window.LadderTools, tr = T.t, el = T.el;

  // storageKey is the localStorage key of the plan from one level to
  // another on this site.
  function storageKey(from, to) { return "ladder-plan:" + T.siteURL("") + ":" + from + ">" + to; }
  function lastKey() { return "ladder-plan-last:" + T.siteURL(""); }

  function load(from, to) {
    try {
      var s = JSON.parse(localStorage.getItem(storageKey(from, to)) || "null");
      if (s && typeof s === "object") return { items: s.items || {}, notes: s.notes || "" };
    } catch (e) { /* a broken entry starts afresh */ }
    return { items: {}, notes: "" };
  }

  function save(from, to, state) {
    try {
      localStorage.setItem(storageKey(from, to), JSON.stringify({ items: state.items, notes: state.notes, updated: new Date().toISOString() }));
      localStorage.setItem(lastKey(), JSON.stringify({ from: from, to: to }));
    } catch (e) { /* storage full or disabled: the plan still works for this visit */ }
  }

  // items lists the checklist of a route, grouped by step.
  function checklist(doc) {
    return doc.route.steps.map(function (st, i) {
      var title = (i + 1) + ". " + (st.kind === "program" ? tr("plan.step_program", st.program.title, st.to.title) : st.kind === "move" ? tr("plan.step_move", st.to.title) : tr("plan.step_promotion", st.to.title));
      var items = [];
      if (st.program) {
        var c = st.conditions, cond = [];
        if (c && c.min_tenure_months) cond.push(tr("plan.tenure", T.months(c.min_tenure_months)));
        if (c) c.courses.forEach(function (x) { cond.push(tr("plan.complete", x.title, T.hours(x.hours))); });
        if (c && c.approval) cond.push(tr("plan.approval", c.approval));
        items.push({ id: "program:" + st.program.id, kind: "program", text: tr("plan.join", st.program.title) + (cond.length ? ": " + cond.join("; ") : ""), detail: st.program.funding || "" });
      }
      st.gaps.forEach(function (g) {
        items.push({ id: "gap:" + st.to.id + ":" + g.id, kind: "gap", text: g.title + ": " + T.gapText(g) });
      });
      st.courses.forEach(function (x) {
        items.push({ id: "course:" + x.id, kind: "course", text: tr("plan.take", x.title, T.hours(x.hours)), hours: x.hours });
      });
      return { title: title, time: T.timeText(st.months, st.months_max, st.program_time_unknown), items: items };
    });
  }

  function markdown(doc, groups, state) {
    var r = doc.route, lines = [];
    lines.push("# " + tr("plan.md_title", doc.from.title, doc.to.title), "");
    lines.push(tr("plan.md_from", doc.from.title + " (" + doc.from.id + ")", doc.to.title + " (" + doc.to.id + ")", T.routeTotals(r)), "");
    groups.forEach(function (g) {
      lines.push("## " + g.title + (g.time ? " (" + g.time + ")" : ""), "");
      if (!g.items.length) lines.push(tr("paths.nothing_new"));
      g.items.forEach(function (it) {
        var s = state.items[it.id] || {};
        lines.push("- [" + (s.done ? "x" : " ") + "] " + it.text + (it.detail ? " — " + it.detail : ""));
        if (s.note) lines.push("  - " + tr("plan.note", s.note.replace(/\n+/g, " ")));
      });
      lines.push("");
    });
    if (state.notes) lines.push("## " + tr("plan.notes"), "", state.notes, "");
    return lines.join("\n");
  }

  function exportJSON(doc, groups, state) {
    var items = [];
    groups.forEach(function (g, i) {
      g.items.forEach(function (it) {
        var s = state.items[it.id] || {};
        items.push({ id: it.id, step: i + 1, text: it.text, done: !!s.done, note: s.note || "" });
      });
    });
    return JSON.stringify({ schema: 1, kind: "ladder-plan", from: doc.from.id, to: doc.to.id, route: doc.route.key, items: items, notes: state.notes }, null, 2) + "\n";
  }

  function start() {
    var form = document.getElementById("plan-form");
    if (!form) return;
    var sf = document.getElementById("plan-from"), st = document.getElementById("plan-to");
    var status = document.getElementById("plan-status"), out = document.getElementById("plan-result");
    var tools = document.getElementById("plan-tools"), dl = document.getElementById("plan-download");
    var current = null; // {fw, doc, groups, state}

    var progress = function () {
      var total = 0, done = 0, hours = 0, doneHours = 0;
      current.groups.forEach(function (g) {
        g.items.forEach(function (it) {
          var s = current.state.items[it.id];
          total++; hours += it.hours || 0;
          if (s && s.done) { done++; doneHours += it.hours || 0; }
        });
      });
      var p = document.getElementById("plan-progress");
      var text = tr("plan.progress", done, total) + (hours ? " · " + tr("plan.progress_hours", T.hours(doneHours), T.hours(hours)) : "");
      if (p) {
        p.textContent = text;
        var bar = document.getElementById("plan-bar");
        if (bar) { bar.max = total || 1; bar.value = done; }
      }
      return text;
    };

    var persist = function () { save(current.doc.from.id, current.doc.to.id, current.state); };

    var render = function () {
      var fw = current.fw, doc = current.doc;
      T.clear(out);
      if (!doc.found || !doc.route.steps.length) {
        tools.hidden = true;
        out.append(el("p", { class: "tool-empty" }, doc.found ? tr("plan.there", doc.to.title) : tr("plan.no_route", doc.message)));
        return doc.found ? tr("plan.nothing") : tr("paths.no_route_status", doc.message);
      }
      tools.hidden = false;
      var state = current.state;
      out.append(
        el("h2", { id: "plan-h", tabindex: "-1" }, tr("plan.my_plan"), " ", doc.from.title, " → ", doc.to.title),
        el("p", { class: "route-totals" }, T.routeTotals(doc.route)),
        el("p", { class: "plan-progress-row" }, el("progress", { id: "plan-bar", "aria-labelledby": "plan-progress" }), " ", el("span", { id: "plan-progress" })));
      current.groups.forEach(function (g, gi) {
        var ul = el("ul", { class: "checklist" });
        g.items.forEach(function (it, ii) {
          var s = state.items[it.id] || {};
          var cid = "plan-item-" + gi + "-" + ii;
          var box = el("input", { type: "checkbox", id: cid, "data-id": it.id });
          box.checked = !!s.done;
          var note = el("textarea", { id: cid + "-note", rows: "2", class: "plan-note", "aria-label": tr("plan.note_on", it.text) });
          note.value = s.note || "";
          var printed = el("p", { class: "print-note" }, s.note ? tr("plan.note", s.note) : "");
          var toggle = el("button", { type: "button", class: "note-toggle", "aria-expanded": s.note ? "true" : "false", "aria-controls": cid + "-note" }, s.note ? tr("plan.hide_note") : tr("plan.add_note"));
          note.hidden = !s.note;
          toggle.addEventListener("click", function () {
            var open = note.hidden;
            note.hidden = !open;
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            toggle.textContent = open ? tr("plan.hide_note") : (note.value ? tr("plan.show_note") : tr("plan.add_note"));
            if (open) note.focus();
          });
          box.addEventListener("change", function () {
            var x = state.items[it.id] = state.items[it.id] || {};
            x.done = box.checked;
            persist();
            li.classList.toggle("done", box.checked);
            status.textContent = tr(box.checked ? "plan.done" : "plan.not_done", it.text, progress());
          });
          note.addEventListener("input", function () {
            var x = state.items[it.id] = state.items[it.id] || {};
            x.note = note.value;
            printed.textContent = note.value ? tr("plan.note", note.value) : "";
            persist();
          });
          var li = el("li", { class: "check-item check-" + it.kind + (s.done ? " done" : "") },
            el("div", { class: "check-row" }, box, el("label", { for: cid }, it.text), toggle),
            it.detail ? el("p", { class: "meta check-detail" }, it.detail) : null,
            note, printed);
          ul.append(li);
        });
        out.append(el("section", { class: "plan-step" },
          el("h3", null, g.title, g.time ? el("span", { class: "meta" }, " · " + g.time) : null),
          g.items.length ? ul : el("p", { class: "hint" }, tr("paths.nothing_new"))));
      });
      var notes = el("textarea", { id: "plan-notes", rows: "4", class: "plan-notes" });
      notes.value = state.notes || "";
      var printedNotes = el("p", { class: "print-note" }, state.notes || "");
      notes.addEventListener("input", function () { state.notes = notes.value; printedNotes.textContent = notes.value; persist(); });
      out.append(el("section", { class: "plan-step plan-general" }, el("h3", null, el("label", { for: "plan-notes" }, tr("plan.notes_label"))), notes, printedNotes));
      return tr("plan.status", doc.from.title, doc.to.title, progress());
    };

    var seq = 0;
    // choose makes the plan from one level to another and resolves once it
    // is shown; a later choice wins over an earlier one still loading.
    var choose = function (d, from, to, focus) {
      var n = ++seq;
      T.setParams({ from: from, to: to });
      T.clear(dl);
      if (!from || !to) {
        current = null;
        T.clear(out);
        tools.hidden = true;
        status.textContent = tr("plan.choose");
        return Promise.resolve();
      }
      status.textContent = tr("plan.making");
      return d.route(from, to, 0).then(function (doc) {
        if (n !== seq || !doc) return;
        current = { fw: d, doc: doc, groups: doc.found ? checklist(doc) : [], state: load(from, to) };
        status.textContent = render();
        if (current.groups.length) save(from, to, current.state);
        if (focus && document.getElementById("plan-h")) document.getElementById("plan-h").focus();
      });
    };

    var offer = function (text, type, name) {
      T.clear(dl);
      var url = URL.createObjectURL(new Blob([text], { type: type }));
      var a = el("a", { href: url, download: name, class: "plan-download-link" }, tr("plan.download", name));
      dl.append(a);
      a.click();
      status.textContent = tr("plan.exported", name);
    };
    var baseName = function () { return "plan-" + current.doc.from.id.replace(/\//g, "-") + "-to-" + current.doc.to.id.replace(/\//g, "-"); };

    status.textContent = tr("tools.loading");
    T.loadData().then(function (d) {
      if (!d.nl) { status.textContent = ""; T.empty(out, "plan"); return; }
      var p = T.params(), from = p.get("from"), to = p.get("to");
      if (!from && !to) {
        try {
          var last = JSON.parse(localStorage.getItem(lastKey()) || "null");
          if (last) { from = last.from; to = last.to; }
        } catch (e) { /* no last plan */ }
      }
      var pf = new T.LevelPicker(d, document.getElementById("plan-from-track"), sf, tr("paths.choose_from"));
      var pt = new T.LevelPicker(d, document.getElementById("plan-to-track"), st, tr("paths.choose_to"));
      var failed = function (err) { status.textContent = ""; T.fail(out, err); };
      return Promise.all([pf.set(from), pt.set(to)]).then(function () {
        form.hidden = false;
        form.addEventListener("change", function () { choose(d, sf.value, st.value, false).catch(failed); });
        form.addEventListener("submit", function (e) { e.preventDefault(); choose(d, sf.value, st.value, true).catch(failed); });
        document.getElementById("plan-export-md").addEventListener("click", function () {
          if (current) offer(markdown(current.doc, current.groups, current.state), "text/markdown", baseName() + ".md");
        });
        document.getElementById("plan-export-json").addEventListener("click", function () {
          if (current) offer(exportJSON(current.doc, current.groups, current.state), "application/json", baseName() + ".json");
        });
        document.getElementById("plan-print").addEventListener("click", function () { window.print(); });
        document.getElementById("plan-reset").addEventListener("click", function () {
          if (!current || !window.confirm(tr("plan.confirm_reset"))) return;
          current.state = { items: {}, notes: "" };
          persist();
          status.textContent = render();
        });
        document.getElementById("plan-import").addEventListener("change", function (e) {
          var file = e.target.files && e.target.files[0];
          if (!file) return;
          var data;
          file.text().then(function (text) {
            data = JSON.parse(text);
            if (!data || data.kind !== "ladder-plan") throw new Error(tr("plan.not_a_plan"));
            return Promise.all([d.loadLevel(data.from), d.loadLevel(data.to)]);
          }).then(function (ls) {
            if (!ls[0] || !ls[1]) throw new Error(tr("plan.not_a_plan"));
            var state = { items: {}, notes: data.notes || "" };
            (data.items || []).forEach(function (it) {
              if (it && it.id) state.items[it.id] = { done: !!it.done, note: it.note || "" };
            });
            save(data.from, data.to, state);
            return Promise.all([pf.set(data.from), pt.set(data.to)]);
          }).then(function () {
            return choose(d, data.from, data.to, true);
          }).then(function () {
            status.textContent = tr("plan.imported", file.name) + " " + status.textContent;
          }).catch(function (err) {
            status.textContent = tr("plan.import_failed", file.name, err.message || err);
          });
          e.target.value = "";
        });
        return choose(d, sf.value, st.value, false);
      });
    }).catch(function (err) { status.textContent = ""; T.fail(out, err); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
