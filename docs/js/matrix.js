// Sort and filter the site's matrices (atlas.site.render.matrix_block), and keep both in the URL.
// Each table carries data-table, rows data-id, cells data-col and data-value (raw values: true/false,
// numbers, comma-joined lists, "" when unknown); its filter form (form.atlas-filter) is rendered hidden,
// so without this script the page is a plain table. State lives in the query string, per table:
// ?features-web.has=async_handlers,openapi&features-web.kind=api-toolkit&features-web.q=fa&features-web.sort=latest_version:desc
(function () {
  "use strict";

  // Natural order: digit runs compare as numbers (3.10 after 3.9, 2026-02-01 before 2026-11-01), the rest as text.
  function natural(a, b) {
    var x = a.toLowerCase().match(/\d+|\D+/g) || [], y = b.toLowerCase().match(/\d+|\D+/g) || [];
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] === y[i]) continue;
      var m = Number(x[i]), n = Number(y[i]);
      if (!isNaN(m) && !isNaN(n)) return m - n;
      return x[i] < y[i] ? -1 : 1;
    }
    return x.length - y.length;
  }

  function readState(id) {
    var params = new URLSearchParams(location.search);
    function list(key) { var v = params.get(id + "." + key); return v ? v.split(",") : []; }
    var sort = (params.get(id + ".sort") || "").split(":");
    return { q: params.get(id + ".q") || "", kind: list("kind"), has: list("has"), sort: sort[0], desc: sort[1] === "desc" };
  }

  // Rewrite this table's keys in the query string, keep everything else; commas and colons stay readable.
  function writeState(id, state) {
    var params = new URLSearchParams(location.search);
    var values = { q: state.q, kind: state.kind.join(","), has: state.has.join(","), sort: state.sort ? state.sort + (state.desc ? ":desc" : ":asc") : "" };
    Object.keys(values).forEach(function (key) {
      if (values[key]) params.set(id + "." + key, values[key]); else params.delete(id + "." + key);
    });
    var query = params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function setup(table) {
    var id = table.getAttribute("data-table");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var index = {};
    headers.forEach(function (th, i) { index[th.getAttribute("data-col")] = i; });
    var form = document.querySelector('form.atlas-filter[data-for="' + CSS.escape(id) + '"]');
    var state = readState(id);
    // Only filters this table offers: a stale or mistyped link must not hide every row.
    ["kind", "has"].forEach(function (name) {
      state[name] = state[name].filter(function (v) { return form && form.querySelector('input[name="' + name + '"][value="' + CSS.escape(v) + '"]'); });
    });

    function value(row, col) { var cell = row.cells[index[col]]; return cell ? cell.getAttribute("data-value") || "" : ""; }

    function sort() {
      headers.forEach(function (th) { th.removeAttribute("aria-sort"); });
      var th = headers[index[state.sort]];
      if (!th) return;  // the order as served: moving every row would only cost a layout
      th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      var numeric = th.getAttribute("data-type") === "number";
      var order = rows.slice().sort(function (r1, r2) {
        var x = value(r1, state.sort), y = value(r2, state.sort);
        if (x === "" || y === "") return (x === "") - (y === "");  // unknown last, either way
        var c = numeric ? Number(x) - Number(y) : natural(x, y);
        return state.desc ? -c : c;
      });
      order.forEach(function (row) { body.appendChild(row); });
    }

    function filter() {
      var q = state.q.trim().toLowerCase(), shown = 0;
      rows.forEach(function (row) {
        var ok = (!q || value(row, "name").toLowerCase().indexOf(q) >= 0) &&
          (!state.kind.length || state.kind.indexOf(value(row, "kind")) >= 0) &&
          state.has.every(function (col) { return value(row, col) === "true"; });
        if (row.hidden !== !ok) row.hidden = !ok;  // untouched rows need no new layout
        if (ok) shown++;
      });
      if (form) form.querySelector("output").textContent = shown + " of " + rows.length + " shown";
    }

    // Each header gets a real button (keyboard and screen readers); a header that is a link keeps it and gains a small one.
    headers.forEach(function (th) {
      var col = th.getAttribute("data-col");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      if (th.querySelector("a")) {
        button.textContent = "⇅";
        button.setAttribute("aria-label", "Sort by " + th.textContent.trim());
        th.appendChild(button);
      } else {
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
      }
      button.addEventListener("click", function () {
        state.desc = state.sort === col && !state.desc;
        state.sort = col;
        sort();
        writeState(id, state);
      });
    });

    if (form) {
      var checked = function (name) {
        return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (i) { return i.value; });
      };
      var update = function () {
        state.q = form.elements.q.value;
        state.kind = checked("kind");
        state.has = checked("has");
        filter();
        writeState(id, state);
      };
      form.elements.q.value = state.q;
      form.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
        box.checked = (state[box.name] || []).indexOf(box.value) >= 0;
      });
      form.addEventListener("input", update);
      form.addEventListener("change", update);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () { setTimeout(update, 0); });
      form.hidden = false;
    }
    sort();
    filter();
  }

  // matrix_block names this script once per matrix: set up each table only once.
  document.querySelectorAll(".atlas-matrix table[data-table]").forEach(function (table) {
    if (table.hasAttribute("data-ready")) return;
    table.setAttribute("data-ready", "");
    setup(table);
  });
})();
