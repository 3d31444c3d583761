// The live-reload client, loaded by every HTML page the dev server sends
// (see the package comment). The script element that loads it says the
// page's site path (data-path), the hash of the page as served (data-hash)
// and the event stream's URL (data-events). It defines no globals.
(() => {
const me = document.currentScript;
const P = me.dataset.path, E = me.dataset.events, CSS = me.src.replace(/client\.js(\?.*)?$/, "overlay.css");
let H = me.dataset.hash;
const O = "__ladder_overlay", ME = "__ladder_client";
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
	if (!document.getElementById(O + "_css")) {
		const l = el("link", document.head);
		l.rel = "stylesheet";
		l.id = O + "_css";
		l.href = CSS;
	}
	const o = el("div");
	o.id = O;
	o.setAttribute("role", "alert");
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
const ours = (n) => n.nodeType === 1 && n.id && n.id.startsWith("__ladder");
const sheets = (doc) => [...doc.querySelectorAll('link[rel~="stylesheet"][href]:not([data-ladder-old])')].filter((l) => !ours(l));
// restyle links the stylesheets again, with a new ?v= query when fresh is
// set, and drops each old link once its successor has loaded.
const restyle = (links, fresh) => {
	for (const [l, href] of links) {
		const u = new URL(href, location.href);
		if (u.origin !== location.origin) continue;
		if (fresh) u.searchParams.set("v", Date.now().toString(36));
		const n = l.cloneNode();
		n.href = u.href;
		const s = back.get(l);
		if (s) {
			live.set(s, n);
			back.set(n, s);
		}
		n.onload = n.onerror = () => l.remove();
		l.dataset.ladderOld = "";
		l.after(n);
	}
};

// The morph: the open page becomes the new one in place, so that the
// scroll position, the focus, open <details> and what was typed into
// forms stay. The new page is compared with the page as the server sent
// it last (kept in an inert document, "shadow"), not with the live DOM:
// only what the server changed is applied to the live page, so changes
// that the theme's scripts made (a revealed form, hidden rows, a class)
// stay. live maps each node of the shadow to its node in the page.
// Children are matched by id, else by position and tag.
const shadow = document.implementation.createHTMLDocument("");
const live = new WeakMap(), back = new WeakMap();
const pair = (s, l) => {
	live.set(s, l);
	back.set(l, s);
	for (let a = s.firstChild, b = l.firstChild; a && b; a = a.nextSibling, b = b.nextSibling) pair(a, b);
};
shadow.replaceChild(shadow.importNode(document.documentElement, true), shadow.documentElement);
pair(shadow.documentElement, document.documentElement);
// morphAttrs gives a (a shadow element) the attributes of b, and its live
// element the same changes.
const morphAttrs = (a, b) => {
	const l = live.get(a);
	for (const { name } of [...a.attributes]) {
		if (!b.hasAttribute(name)) {
			a.removeAttribute(name);
			l?.removeAttribute(name);
		}
	}
	for (const { name, value } of b.attributes) {
		if (a.getAttribute(name) !== value) {
			a.setAttribute(name, value);
			l?.setAttribute(name, value);
		}
	}
};
const morphNode = (a, b) => {
	if (a.isEqualNode(b)) return;
	if (a.nodeType !== 1) {
		a.nodeValue = b.nodeValue;
		const l = live.get(a);
		if (l) l.nodeValue = b.nodeValue;
		return;
	}
	if (a.id === ME) return;
	morphAttrs(a, b);
	morphChildren(a, b);
};
const same = (a, b) => a.nodeType === b.nodeType && a.nodeName === b.nodeName && (a.nodeType !== 1 || a.id === b.id);
// place puts the live node of s (a child of shadow element pa) before the
// live node of the shadow node next, or at the end of pa's live element.
const place = (pa, s, next) => {
	const lp = live.get(pa), l = live.get(s);
	if (!lp || !l) return;
	const ln = next && live.get(next);
	if (ln && ln.parentNode === lp) lp.insertBefore(l, ln);
	else lp.append(l);
};
const morphChildren = (pa, pb) => {
	const byID = new Map();
	for (const c of pa.children) if (c.id) byID.set(c.id, c);
	let cur = pa.firstChild;
	for (const b of [...pb.childNodes]) {
		if (ours(b) && b.id !== ME) continue;
		while (cur && ours(cur) && cur.id !== ME) cur = cur.nextSibling;
		let a = b.nodeType === 1 && b.id ? byID.get(b.id) : null;
		if (!a && cur && same(cur, b)) a = cur;
		if (a) {
			byID.delete(a.id);
			if (a === cur) cur = cur.nextSibling;
			else {
				pa.insertBefore(a, cur);
				place(pa, a, cur);
			}
			morphNode(a, b);
		} else {
			const s = shadow.importNode(b, true);
			pa.insertBefore(s, cur);
			pair(s, document.importNode(b, true));
			place(pa, s, cur);
		}
	}
	while (cur) {
		const next = cur.nextSibling;
		if (!ours(cur)) {
			cur.remove();
			live.get(cur)?.remove();
		}
		cur = next;
	}
};
// scripts lists the scripts a page runs, as markup; data blocks (JSON-LD)
// and the client itself are left out.
const scripts = (doc) =>
	[...doc.scripts].filter((s) => s.id !== ME && (!s.type || /(java|ecma)script|module/i.test(s.type))).map((s) => s.outerHTML).join("\n");
// head lists what the <head> holds apart from its title, stylesheets and
// scripts; data blocks lists its JSON-LD and other data.
const head = (doc) =>
	[...doc.head.children].filter((n) => n.localName !== "title" && n.localName !== "script" && !(n.localName === "link" && /stylesheet/i.test(n.rel))).map((n) => n.outerHTML).join("\n");
const data = (doc) => [...doc.head.querySelectorAll("script[type]")].filter((s) => !/(java|ecma)script|module/i.test(s.type));
// morph fetches the page and patches the open one, relinking its
// stylesheets when their links changed, or all of them when css is set. It
// returns false when only a reload will do: the page's scripts or the rest
// of its head changed.
const morph = async (css) => {
	const res = await fetch(location.href, { cache: "no-store", headers: { Accept: "text/html" } });
	if (!res.ok) return false;
	const doc = new DOMParser().parseFromString(await res.text(), "text/html");
	if (scripts(doc) !== scripts(shadow) || head(doc) !== head(shadow)) return false;
	const olds = sheets(shadow), news = sheets(doc);
	if (olds.length !== news.length) return false;
	const focus = document.activeElement;
	const sel = focus && "selectionStart" in focus ? [focus.selectionStart, focus.selectionEnd, focus.selectionDirection] : null;
	const [x, y] = [scrollX, scrollY];
	if (shadow.title !== doc.title) shadow.title = document.title = doc.title;
	for (const [i, s] of olds.entries()) {
		const l = live.get(s), href = news[i].getAttribute("href");
		if (s.getAttribute("href") !== href) {
			s.setAttribute("href", href);
			if (l) restyle([[l, href]], false);
		} else if (css && l) restyle([[l, l.href]], true);
	}
	const [da, db] = [data(shadow), data(doc)];
	if (da.length === db.length) {
		da.forEach((s, i) => {
			if (s.textContent === db[i].textContent) return;
			s.textContent = db[i].textContent;
			const l = live.get(s);
			if (l) l.textContent = s.textContent;
		});
	}
	morphAttrs(shadow.documentElement, doc.documentElement);
	morphAttrs(shadow.body, doc.body);
	morphChildren(shadow.body, doc.body);
	H = doc.getElementById(ME)?.dataset.hash || H;
	if (focus && focus !== document.activeElement && focus.isConnected) {
		focus.focus({ preventScroll: true });
		try {
			if (sel) focus.setSelectionRange(...sel);
		} catch {}
	}
	if (scrollX !== x || scrollY !== y) scrollTo({ left: x, top: y, behavior: "instant" });
	return true;
};
let queue = Promise.resolve();
const update = (css) => {
	queue = queue.then(() => morph(css)).then((ok) => ok || location.reload(), () => location.reload());
};

const change = (d) => {
	hide();
	if (d.added.includes(P) || d.removed.includes(P)) return location.reload();
	const used = new Set(performance.getEntriesByType("resource").map((r) => pathOf(r.name)));
	const links = sheets(document);
	for (const l of links) used.add(pathOf(l.href));
	let css = false;
	const imgs = [];
	for (const p of [...d.updated, ...d.removed]) {
		if (p === P || !used.has(p)) continue; // P: fetched by the morph
		if (d.removed.includes(p)) return location.reload();
		if (p.endsWith(".css")) {
			css = true;
			continue;
		}
		// An image the page shows (a track's ladder) is loaded again in
		// place; any other file the page loaded takes a reload.
		const shown = [...document.images].filter((i) => pathOf(i.src) === p);
		if (!shown.length) return location.reload();
		imgs.push(...shown);
	}
	for (const i of imgs) {
		const u = new URL(i.src);
		u.searchParams.set("v", Date.now().toString(36));
		i.src = u.href;
	}
	// A page that changed brings its stylesheets' new links along.
	if (d.updated.includes(P)) return update(css);
	if (css) restyle(links.map((l) => [l, l.href]), true);
};
let retry = 0;
const connect = () => {
	const es = new EventSource(E + "?path=" + encodeURIComponent(P) + "&h=" + encodeURIComponent(H));
	es.addEventListener("hello", (e) => {
		retry = 0;
		const id = JSON.parse(e.data).id;
		if (server && id !== server) location.reload();
		server = id;
	});
	es.addEventListener("change", (e) => change(JSON.parse(e.data)));
	es.addEventListener("ok", hide);
	es.addEventListener("error", (e) => {
		if (e.data) return show(JSON.parse(e.data));
		// Lost, or turned away (too many tabs): try again, less and less
		// often, up to every 10 seconds.
		es.close();
		setTimeout(connect, Math.min(10000, 1000 * 2 ** retry++) * (0.75 + Math.random() / 2));
	});
};
connect();
})();
