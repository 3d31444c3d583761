// The live-reload client, inlined into every HTML page by the dev server,
// inside a function that defines P (this page's site path), H (the hash
// of the page as served), E (the event stream's URL) and C (the overlay's
// stylesheet). It defines no globals.
const O = "__ladder_overlay";
let server = "";
const el = (tag, parent, text, cls) => {
	const e = document.createElement(tag);
	if (cls) e.className = cls;
	if (text) e.textContent = text;
	if (parent) parent.append(e);
	return e;
};
const hide = () => document.getElementById(O)?.remove();
const item = (parent, d) => {
	const box = el("div", parent, "", "d");
	const head = el("div", box, "", "loc");
	if (d.loc) head.append(d.loc + ": ");
	el("b", head, d.severity + ":", d.severity);
	head.append(" " + d.message);
	if (d.snippet) el("pre", box, d.snippet);
	if (d.hint) el("div", box, "hint: " + d.hint, "hint");
	for (const n of d.notes || []) item(box, n);
};
const show = (data) => {
	hide();
	const o = el("div");
	o.id = O;
	o.setAttribute("role", "alert");
	el("style", o, C);
	const box = el("div", o, "", "box");
	el("h2", box, data.title);
	el("p", box, data.note);
	for (const d of data.errors) item(box, d);
	document.body.append(o);
};
const pathOf = (u) => {
	try {
		return new URL(u, location.href).pathname;
	} catch {
		return "";
	}
};
const change = (d) => {
	hide();
	if ([...d.added, ...d.removed, ...d.updated].includes(P)) return location.reload();
	const used = new Set(performance.getEntriesByType("resource").map((r) => pathOf(r.name)));
	const links = [...document.querySelectorAll('link[rel~="stylesheet"][href]:not([data-ladder-old])')];
	for (const l of links) used.add(pathOf(l.href));
	let css = false;
	for (const p of [...d.updated, ...d.removed]) {
		if (!used.has(p)) continue;
		if (!p.endsWith(".css") || d.removed.includes(p)) return location.reload();
		css = true;
	}
	if (!css) return;
	for (const l of links) {
		const u = new URL(l.href, location.href);
		if (u.origin !== location.origin) continue;
		u.searchParams.set("v", Date.now().toString(36));
		const n = l.cloneNode();
		n.href = u.href;
		n.onload = n.onerror = () => l.remove();
		l.dataset.ladderOld = "";
		l.after(n);
	}
};
const connect = () => {
	const es = new EventSource(E + "?path=" + encodeURIComponent(P) + "&h=" + encodeURIComponent(H));
	es.addEventListener("hello", (e) => {
		const id = JSON.parse(e.data).id;
		if (server && id !== server) location.reload();
		server = id;
	});
	es.addEventListener("change", (e) => change(JSON.parse(e.data)));
	es.addEventListener("ok", hide);
	es.addEventListener("error", (e) => {
		if (e.data) return show(JSON.parse(e.data));
		es.close();
		setTimeout(connect, 1000);
	});
};
connect();
