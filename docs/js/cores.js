// The cores calculator on the benchmarks page: cores each setup needs for a target load and p99
// budget, from its measured CPU time per request and its open-loop latency (see the page's text).
(function () {
  "use strict";
  function init() {
    var data = document.getElementById("cores-data");
    var rps = document.getElementById("cores-rps");
    var p99 = document.getElementById("cores-p99");
    var out = document.getElementById("cores-result");
    if (!data || !rps || !p99 || !out) return;
    var rows = JSON.parse(data.textContent);
    function usable(row, budget) {
      // the highest measured share of a core at which p99 stayed within the budget
      var best = 0;
      row.open_loop.forEach(function (r) {
        if (r.ok && r.p99_ms <= budget && r.fraction > best) best = r.fraction;
      });
      return best;
    }
    function render() {
      var target = Number(rps.value), budget = Number(p99.value);
      var table = document.createElement("table");
      var head = table.createTHead().insertRow();
      ["Framework · setup", "Cores (estimate)", "Busy share per core", "µs/request"].forEach(function (t) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = t;
        head.appendChild(th);
      });
      var body = table.createTBody();
      var list = Object.keys(rows).map(function (id) {
        var row = rows[id], share = usable(row, budget);
        var cores = share && !row.failed ? Math.ceil((target * row.us) / 1e6 / share) : null;
        return { row: row, share: share, cores: cores };
      });
      list.sort(function (a, b) {
        return (a.cores === null) - (b.cores === null) || (a.cores || 0) - (b.cores || 0) || a.row.us - b.row.us;
      });
      list.forEach(function (x) {
        var tr = body.insertRow();
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = x.row.name;
        tr.appendChild(th);
        tr.insertCell().textContent = x.row.failed
          ? "errors in this run"
          : x.cores === null
            ? x.row.open_loop.length
              ? "p99 over budget even at 25 % load"
              : "no open-loop figures for this setup"
            : String(x.cores);
        tr.insertCell().textContent = x.share ? Math.round(100 * x.share) + " %" : "—";
        tr.insertCell().textContent = Math.round(x.row.us).toLocaleString("en");
      });
      out.replaceChildren(table);
    }
    rps.addEventListener("input", render);
    p99.addEventListener("input", render);
    render();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
