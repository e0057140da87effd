// Click a column header of a table.atlas-sortable to sort by it (again to reverse).
// Cells carry data-value with the raw value (atlas.render.table_html); otherwise numbers are read from the text.
(function () {
  function key(cell) {
    var raw = cell.getAttribute("data-value");
    if (raw === null) raw = cell.textContent.replace(/[,%]/g, "").trim();
    var number = parseFloat(raw);
    return isNaN(number) ? raw.toLowerCase() : number;
  }
  document.querySelectorAll("table.atlas-sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, index) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[index]), y = key(b.cells[index]);
          return (x > y ? 1 : x < y ? -1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        table.querySelectorAll("thead th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
    });
  });
})();
