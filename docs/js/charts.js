// Draws every chart declared on the page: a div.atlas-chart next to its JSON figure.
// Loaded only on pages with charts, after the partial Plotly bundle served by this site.
(function () {
  function draw() {
    document.querySelectorAll(".atlas-chart").forEach(function (div) {
      var source = document.getElementById(div.id + "-data");
      if (!source || div.dataset.drawn) return;
      var figure = JSON.parse(source.textContent);
      var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
      figure.layout.paper_bgcolor = "rgba(0,0,0,0)";
      figure.layout.plot_bgcolor = "rgba(0,0,0,0)";
      figure.layout.font = { color: dark ? "#e0e0e0" : "#333" };
      Plotly.newPlot(div, figure.data, figure.layout, { displaylogo: false, responsive: true });
      div.dataset.drawn = "1";
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
