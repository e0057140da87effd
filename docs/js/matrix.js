// Sort and filter the site's matrices (atlas.site.render.matrix_block), and keep both in the URL.
// Each table carries data-table, rows data-id, cells data-col and data-value (raw values: true/false,
// numbers, comma-joined lists, "" when unknown); its filter form (form.atlas-filter) is rendered hidden,
// so without this script the page is a plain table. State lives in the query string, per table:
// ?features-web.has=async_handlers,openapi,lifecycle=active&features-web.kind=api-toolkit&features-web.q=fa&features-web.sort=latest_version:desc
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
    document.querySelectorAll(".atlas-cite").forEach(showUrl);
  }

  // The link to this view: this page with the current filters and sort, at the table's heading.
  function viewUrl(box) {
    var anchor = box.getAttribute("data-anchor");
    var hash = anchor && document.getElementById(anchor) ? "#" + anchor : "";
    return location.origin + location.pathname + location.search + hash;
  }

  // Put the current URL in each citation (atlas.site.cite renders the page's path there), encoded for its format.
  function showUrl(box) {
    var url = viewUrl(box);
    box.querySelectorAll(".atlas-cite-url").forEach(function (span) {
      var how = span.getAttribute("data-encoding");
      span.textContent = how === "markdown" ? url.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/ /g, "%20")
        : how === "bibtex" ? url.replace(/[{}]/g, encodeURIComponent) : url;
    });
  }

  // The clipboard where the browser allows it; otherwise the link is shown to be copied by hand.
  function copy(text, box) {
    var said = box.querySelector("output");
    var refused = function () { said.textContent = text; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { said.textContent = "Link copied"; }, refused);
    } else {
      refused();
    }
  }

  function setupCite(box) {
    showUrl(box);
    var button = box.querySelector(".atlas-copy-link");
    button.hidden = false;
    button.addEventListener("click", function () { showUrl(box); copy(viewUrl(box), box); });
    box.querySelector("details").addEventListener("toggle", function () { showUrl(box); });
  }

  // Group labels and the second header row stick beside the first column and under the first header row.
  function setupSticky(table) {
    var first = table.tHead.querySelector('th[data-col="name"]');
    var measure = function () {
      if (first) table.style.setProperty("--atlas-first", first.offsetWidth + "px");
      if (table.tHead.rows.length > 1) table.style.setProperty("--atlas-head1", table.tHead.rows[0].offsetHeight + "px");
    };
    measure();
    window.addEventListener("resize", measure);
  }

  // A note marker opens the disclosure holding its note (browsers differ on opening it for a fragment).
  function setupNotes(table) {
    table.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.atlas-note-ref");
      var note = link && document.getElementById(link.getAttribute("href").slice(1));
      var details = note && note.closest("details");
      if (details) details.open = true;
    });
  }

  function setup(table) {
    var id = table.getAttribute("data-table");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    // Column headers are the th[data-col] (a grouped table has a row of group labels above them);
    // a cell's position comes from the rows, which hold one cell per column in order.
    var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-col]"));
    var byCol = {}, index = {};
    headers.forEach(function (th) { byCol[th.getAttribute("data-col")] = th; });
    Array.prototype.forEach.call(rows.length ? rows[0].cells : [], function (cell, i) { index[cell.getAttribute("data-col")] = i; });
    var form = document.querySelector('form.atlas-filter[data-for="' + CSS.escape(id) + '"]');
    var state = readState(id);
    // Only filters this table offers: a stale or mistyped link must not hide every row.
    ["kind", "has"].forEach(function (name) {
      state[name] = state[name].filter(function (v) { return form && form.querySelector('input[name="' + name + '"][value="' + CSS.escape(v) + '"]'); });
    });

    function value(row, col) { var cell = row.cells[index[col]]; return cell ? cell.getAttribute("data-value") || "" : ""; }

    function sort() {
      headers.forEach(function (th) { th.removeAttribute("aria-sort"); });
      var th = byCol[state.sort];
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
          state.has.every(function (col) {
            // "openapi": the fact is yes; "lifecycle=active": the column holds exactly that value
            var eq = col.indexOf("=");
            return eq < 0 ? value(row, col) === "true" : value(row, col.slice(0, eq)) === col.slice(eq + 1);
          });
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
    setupSticky(table);
    setupNotes(table);
    var cite = document.querySelector('.atlas-cite[data-for="' + CSS.escape(id) + '"]');
    if (cite) setupCite(cite);
  }

  // matrix_block names this script once per matrix: set up each table only once.
  document.querySelectorAll(".atlas-matrix table[data-table]").forEach(function (table) {
    if (table.hasAttribute("data-ready")) return;
    table.setAttribute("data-ready", "");
    setup(table);
  });
})();
