// What the side-by-side picker (pick.js) and the decision guide (guide.js) share, as window.AtlasExplore.
// Both read JSON the build writes from the catalog (atlas/explore.py), from this site's own origin,
// and build every element with createElement and textContent: data is never parsed as HTML.
// The forms come hidden from the server (atlas/explore_render.py); the choices live in the query string.
(function () {
  "use strict";
  var root = document.querySelector(".atlas-explore");
  if (!root) return;
  var base = root.getAttribute("data-base"), dataDir = base + root.getAttribute("data-data");
  var form = root.querySelector("form"), out = root.querySelector(".atlas-out");
  var params = new URLSearchParams(location.search);

  // el("a", {href: x}, "text", node, ...): an element with attributes and text or element children.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] != null) node.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child != null) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function get(url, asText) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return asText ? r.text() : r.json();
    });
  }
  function setQuery(values) {
    var query = new URLSearchParams();
    Object.keys(values).forEach(function (k) { if (values[k]) query.set(k, values[k]); });
    var text = query.toString().replace(/%2C/g, ",");
    history.replaceState(history.state, "", location.pathname + (text ? "?" + text : "") + location.hash);
  }
  function fail(error) { out.replaceChildren(el("p", { class: "atlas-error" }, "Could not load the data: " + error.message)); }

  // A fact's value in words, linked to its source, with the date it was verified when the JSON has it.
  // Yes/no/unknown are fixed words, so the JSON leaves them out (atlas.explore._fact_json); {} is n/a.
  // f.source is an index into the file's list of sources.
  function factNode(f, sources) {
    if (!f || !("value" in f)) return el("span", { class: "atlas-na" }, "n/a");
    var mark = f.value === true ? "atlas-yes" : f.value === false ? "atlas-no" : f.value == null ? "atlas-unknown" : null;
    var words = el("span", { class: mark }, f.text || (f.value === true ? "✓ Yes" : f.value === false ? "✗ No" : "? Unknown"));
    var node = el("span", null, f.source != null ? el("a", { href: sources[f.source], title: f.note }, words) : el("span", { title: f.note }, words));
    if (f.verified) node.appendChild(el("small", null, " (" + (f.stale ? "stale, " : "") + "verified " + f.verified + ")"));
    return node;
  }
  function grid(head, rows) {  // head: [text or node], rows: [[th text, td nodes...]]
    return el("div", { class: "atlas-facts" }, el("table", null,
      el("thead", null, el.apply(null, ["tr", null].concat(head.map(function (h) { return el("th", { scope: "col" }, typeof h === "string" ? h : h.cloneNode(true)); })))),
      el.apply(null, ["tbody", null].concat(rows.map(function (r) {
        return el.apply(null, ["tr", null, el("th", { scope: "row" }, r[0])].concat(r.slice(1).map(function (c) { return el("td", null, c); })));
      })))));
  }
  // The union of keyed items over several lists, in order of first appearance.
  function union(lists, key) {
    var seen = {}, all = [];
    lists.forEach(function (list) { list.forEach(function (x) { if (!seen[key(x)]) { seen[key(x)] = x; all.push(x); } }); });
    return all;
  }
  function find(list, pred) { for (var i = 0; i < list.length; i++) if (pred(list[i])) return list[i]; return null; }

  root.querySelector(".atlas-nojs").hidden = true;
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.AtlasExplore = {
    root: root, base: base, dataDir: dataDir, form: form, out: out, params: params,
    el: el, get: get, setQuery: setQuery, fail: fail, factNode: factNode, grid: grid, union: union, find: find
  };
})();
