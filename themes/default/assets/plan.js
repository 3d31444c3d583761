// plan.js: the development plan builder. The plan is the checklist of the
// shortest route (tools.js): the programs to join, the competencies to grow
// and the courses to take; and the goals added to it, from a plan template
// ("Start from a template", offered at the level the plan starts from) or
// from the self-assessment ("Add to my plan"), each with its actions as
// checklist items. Ticks and notes are kept in localStorage, one entry per
// site, from and to; a plan exports to Markdown or JSON and the JSON
// imports back.
//
// The stored plan is {items: {id: {done, note}}, notes, goals: [goal],
// updated}, where a goal is {id, kind: "template" | "assess", template,
// title, text, actions: [action]} and an action {id, kind: "course" |
// "program" | "competency" | "", ref, title, hours, level, text, why}. The
// self-assessment (assess.js) writes into the same entry: both keep every
// field they do not know.
"use strict";

window.LadderPlan = (function () {
  var T = window.LadderTools, tr = T.t, el = T.el;

  // storageKey is the localStorage key of the plan from one level to
  // another on this site.
  function storageKey(from, to) { return "ladder-plan:" + T.siteURL("") + ":" + from + ">" + to; }
  function lastKey() { return "ladder-plan-last:" + T.siteURL(""); }

  // normal returns a stored plan with every field in place, keeping the
  // fields it does not know.
  function normal(s) {
    var x = (s && typeof s === "object" && !Array.isArray(s)) ? s : {};
    if (!x.items || typeof x.items !== "object") x.items = {};
    if (typeof x.notes !== "string") x.notes = "";
    if (!Array.isArray(x.goals)) x.goals = [];
    x.goals = x.goals.filter(function (g) { return g && typeof g === "object" && typeof g.id === "string"; });
    x.goals.forEach(function (g) { if (!Array.isArray(g.actions)) g.actions = []; });
    return x;
  }

  function load(from, to) {
    try {
      return normal(JSON.parse(localStorage.getItem(storageKey(from, to)) || "null"));
    } catch (e) { /* a broken entry starts afresh */ }
    return normal(null);
  }

  function save(from, to, state) {
    try {
      state.updated = new Date().toISOString();
      localStorage.setItem(storageKey(from, to), JSON.stringify(state));
      localStorage.setItem(lastKey(), JSON.stringify({ from: from, to: to }));
    } catch (e) { /* storage full or disabled: the plan still works for this visit */ }
  }

  // checklist lists the checklist of a route, grouped by step.
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

  // actionText is what the checklist says for an action: its own words,
  // else words made from what it names.
  function actionText(d, a) {
    if (a.text) return a.text;
    switch (a.kind) {
      case "course": return tr("plan.take", a.title, T.hours(a.hours || 0));
      case "program": return tr("plan.join", a.title);
      case "competency": return a.level ? tr("plan.grow_to", a.title, pointName(d, a.level)) : tr("plan.grow", a.title);
    }
    return a.title || a.ref || "";
  }

  function pointName(d, n) {
    var name = d && d.scale ? d.scale[n - 1] : "";
    return n + (name ? " " + name : "");
  }

  // goalGroups turns the plan's goals into checklist groups like a route's
  // steps: each action an item, linked to what it names.
  function goalGroups(d, state) {
    return state.goals.map(function (g) {
      return {
        goal: g,
        title: g.kind === "assess" ? tr("plan.assess_goal") : g.title || "",
        text: g.text || "",
        source: g.kind === "template" ? g.source || "" : "",
        items: g.actions.filter(function (a) { return a && typeof a.id === "string"; }).map(function (a) {
          var it = { id: a.id, kind: a.kind || "action", text: actionText(d, a), hours: a.kind === "course" ? a.hours || 0 : 0 };
          if (a.ref && T.urls[a.kind]) { it.href = T.siteURL(T.urls[a.kind](a.ref)); it.link = a.title || a.ref; it.linkKind = tr("plan.kind_" + a.kind); }
          if (a.why && a.why.title) it.detail = tr("plan.for_gap", a.why.title, a.why.from, a.why.to);
          return it;
        })
      };
    });
  }

  function markdown(doc, groups, state) {
    var lines = [];
    lines.push("# " + tr("plan.md_title", doc.from.title, doc.to.title), "");
    lines.push(tr("plan.md_from", doc.from.title + " (" + doc.from.id + ")", doc.to.title + " (" + doc.to.id + ")", T.routeTotals(doc.route)), "");
    groups.forEach(function (g) {
      lines.push("## " + g.title + (g.time ? " (" + g.time + ")" : ""), "");
      if (g.text) lines.push(g.text, "");
      if (!g.items.length) lines.push(tr(g.goal ? "plan.goal_empty" : "paths.nothing_new"));
      g.items.forEach(function (it) {
        var s = state.items[it.id] || {};
        lines.push("- [" + (s.done ? "x" : " ") + "] " + it.text + (it.href && it.link !== it.text ? " (" + it.link + ": <" + it.href + ">)" : "") + (it.detail ? " — " + it.detail : ""));
        if (s.note) lines.push("  - " + tr("plan.note", s.note.replace(/\n+/g, " ")));
      });
      lines.push("");
    });
    if (state.notes) lines.push("## " + tr("plan.notes"), "", state.notes, "");
    return lines.join("\n");
  }

  function exportJSON(doc, groups, state) {
    var items = [], steps = 0;
    groups.forEach(function (g, i) {
      if (!g.goal) steps = i + 1;
      g.items.forEach(function (it) {
        var s = state.items[it.id] || {};
        var x = { id: it.id, text: it.text, done: !!s.done, note: s.note || "" };
        if (g.goal) x.goal = g.goal.id; else x.step = i + 1;
        items.push(x);
      });
    });
    return JSON.stringify({ schema: 1, kind: "ladder-plan", from: doc.from.id, to: doc.to.id, route: doc.route.key, items: items, goals: state.goals, notes: state.notes }, null, 2) + "\n";
  }

  // fromTemplate makes the goals of a plan template's file (docs/data.md)
  // for a plan: every goal and action gets an id of its own.
  function fromTemplate(f) {
    return (f.goals || []).map(function (g, gi) {
      var gid = "tpl:" + f.id + ":" + gi;
      return {
        id: gid, kind: "template", template: f.id, source: f.title, title: g.title, text: g.text || "",
        actions: (g.actions || []).map(function (a, ai) {
          var x = { id: gid + ":" + ai, kind: a.kind || "", text: a.text || "" };
          if (a.kind) { x.ref = a.id; x.title = a.title; }
          if (a.hours) x.hours = a.hours;
          if (a.level) x.level = a.level;
          return x;
        })
      };
    });
  }

  function start() {
    var form = document.getElementById("plan-form");
    if (!form) return;
    var sf = document.getElementById("plan-from"), st = document.getElementById("plan-to");
    var status = document.getElementById("plan-status"), out = document.getElementById("plan-result");
    var tools = document.getElementById("plan-tools"), dl = document.getElementById("plan-download");
    var tplBox = document.getElementById("plan-templates"), tplSel = document.getElementById("plan-template"), tplUse = document.getElementById("plan-template-use");
    var current = null; // {fw, doc, route, state}
    var wanted = T.params().get("template") || "";

    var groups = function () { return current.route.concat(goalGroups(current.fw, current.state)); };

    var progress = function () {
      var total = 0, done = 0, hours = 0, doneHours = 0;
      groups().forEach(function (g) {
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

    // offerTemplates fills the template picker with the templates of the
    // level the plan starts from.
    var offerTemplates = function () {
      T.clear(tplSel);
      var from = current && current.doc.found && current.fw.index.levels.get(current.doc.from.id);
      var list = from ? current.fw.plansFor(from.num) : [];
      list.forEach(function (p) { tplSel.append(el("option", { value: p.id }, p.title)); });
      if (list.some(function (p) { return p.id === wanted; })) tplSel.value = wanted;
      tplBox.hidden = !list.length;
    };

    // item draws one checklist item: its box, its words, what it links
    // to, and its note.
    var item = function (it, cid) {
      var state = current.state, s = state.items[it.id] || {};
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
      var li;
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
      var detail = [];
      if (it.href) detail.push(it.linkKind + ": ", el("a", { href: it.href, class: "check-link" }, it.link));
      if (it.detail) detail.push((detail.length ? " · " : "") + it.detail);
      li = el("li", { class: "check-item check-" + it.kind + (s.done ? " done" : "") },
        el("div", { class: "check-row" }, box, el("label", { for: cid }, it.text), toggle),
        detail.length ? el("p", { class: "meta check-detail" }, detail) : null,
        note, printed);
      return li;
    };

    var render = function () {
      var doc = current.doc;
      T.clear(out);
      if (!doc.found || !doc.route.steps.length) {
        tools.hidden = true;
        tplBox.hidden = true;
        out.append(el("p", { class: "tool-empty" }, doc.found ? tr("plan.there", doc.to.title) : tr("plan.no_route", doc.message)));
        return doc.found ? tr("plan.nothing") : tr("paths.no_route_status", doc.message);
      }
      tools.hidden = false;
      offerTemplates();
      var state = current.state;
      out.append(
        el("h2", { id: "plan-h", tabindex: "-1" }, tr("plan.my_plan"), " ", doc.from.title, " → ", doc.to.title),
        el("p", { class: "route-totals" }, T.routeTotals(doc.route)),
        el("p", { class: "plan-progress-row" }, el("progress", { id: "plan-bar", "aria-labelledby": "plan-progress" }), " ", el("span", { id: "plan-progress" })));
      groups().forEach(function (g, gi) {
        var ul = el("ul", { class: "checklist" });
        g.items.forEach(function (it, ii) { ul.append(item(it, "plan-item-" + gi + "-" + ii)); });
        if (!g.goal) {
          out.append(el("section", { class: "plan-step" },
            el("h3", null, g.title, g.time ? el("span", { class: "meta" }, " · " + g.time) : null),
            g.items.length ? ul : el("p", { class: "hint" }, tr("paths.nothing_new"))));
          return;
        }
        var remove = el("button", { type: "button", class: "secondary goal-remove", "data-goal": g.goal.id, "aria-label": tr("plan.remove_goal_of", g.title) }, tr("plan.remove_goal"));
        remove.addEventListener("click", function () {
          state.goals = state.goals.filter(function (x) { return x !== g.goal; });
          persist();
          status.textContent = tr("plan.goal_removed", g.title) + " " + render();
        });
        out.append(el("section", { class: "plan-step plan-goal", "data-goal": g.goal.id },
          el("h3", { id: "plan-goal-" + gi }, g.title, g.source ? el("span", { class: "meta" }, " · " + tr("plan.from_template", g.source)) : null),
          g.text ? el("p", { class: "goal-text" }, g.text) : null,
          g.items.length ? ul : el("p", { class: "hint" }, tr("plan.goal_empty")),
          el("p", { class: "goal-tools" }, remove)));
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
      T.setParams({ from: from, to: to, template: wanted });
      T.clear(dl);
      if (!from || !to) {
        current = null;
        T.clear(out);
        tools.hidden = true;
        tplBox.hidden = true;
        status.textContent = tr("plan.choose");
        return Promise.resolve();
      }
      status.textContent = tr("plan.making");
      return d.route(from, to, 0).then(function (doc) {
        if (n !== seq || !doc) return;
        current = { fw: d, doc: doc, route: doc.found ? checklist(doc) : [], state: load(from, to) };
        status.textContent = render();
        if (current.route.length) save(from, to, current.state);
        if (focus && document.getElementById("plan-h")) document.getElementById("plan-h").focus();
      });
    };

    // useTemplate adds the goals of the chosen template to the plan.
    var useTemplate = function () {
      if (!current || !tplSel.value) return Promise.resolve();
      var id = tplSel.value, c = current;
      status.textContent = tr("plan.template_loading");
      return c.fw.loadPlan(id).then(function (f) {
        if (current !== c) return;
        if (c.state.goals.some(function (g) { return g.template === id; })) {
          status.textContent = tr("plan.template_there", f.title);
          return;
        }
        var goals = fromTemplate(f), n = 0;
        goals.forEach(function (g) { n += g.actions.length; });
        c.state.goals = c.state.goals.concat(goals);
        wanted = "";
        T.setParams({ from: c.doc.from.id, to: c.doc.to.id });
        persist();
        var s = render();
        status.textContent = tr("plan.template_added", n, f.title) + " " + s;
        var first = out.querySelector("[data-goal='" + goals[0].id + "'] h3");
        if (first) { first.tabIndex = -1; first.focus(); }
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
        tplUse.addEventListener("click", function () {
          useTemplate().catch(function (err) { status.textContent = tr("plan.template_failed", err.message || err); });
        });
        document.getElementById("plan-export-md").addEventListener("click", function () {
          if (current) offer(markdown(current.doc, groups(), current.state), "text/markdown", baseName() + ".md");
        });
        document.getElementById("plan-export-json").addEventListener("click", function () {
          if (current) offer(exportJSON(current.doc, groups(), current.state), "application/json", baseName() + ".json");
        });
        document.getElementById("plan-print").addEventListener("click", function () { window.print(); });
        document.getElementById("plan-reset").addEventListener("click", function () {
          if (!current || !window.confirm(tr("plan.confirm_reset"))) return;
          current.state.items = {};
          current.state.notes = "";
          current.state.goals = [];
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
            var state = normal({ items: {}, notes: typeof data.notes === "string" ? data.notes : "", goals: data.goals });
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

  // For the self-assessment and tests: how a plan is stored.
  return { storageKey: storageKey, lastKey: lastKey, normal: normal };
})();
