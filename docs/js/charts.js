// Draws each chart declared on the page (a div.atlas-chart next to its JSON figure) when it comes
// near the viewport, and loads the partial Plotly bundle (~400 KB gzipped) only then: a reader who
// never scrolls to a chart never pays for it, and the page is usable before Plotly arrives.
// Loaded only on pages with charts. If the page already loaded Plotly itself, that copy is used.
(function () {
  // The site serves Plotly beside this script's folder (atlas.site.bench_render.PLOTLY).
  var script = document.currentScript;
  var plotlySrc = new URL("../assets/javascripts/plotly-basic.min.js", script.src).href;
  var loading = null;

  function plotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = plotlySrc;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = function () { loading = null; reject(new Error("could not load " + plotlySrc)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function draw(div) {
    var source = document.getElementById(div.id + "-data");
    if (!source || div.dataset.drawn) return;
    div.dataset.drawn = "1";
    plotly().then(function (Plotly) {
      var figure = JSON.parse(source.textContent);
      var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
      figure.layout.paper_bgcolor = "rgba(0,0,0,0)";
      figure.layout.plot_bgcolor = "rgba(0,0,0,0)";
      figure.layout.font = { color: dark ? "#e0e0e0" : "#333" };
      Plotly.newPlot(div, figure.data, figure.layout, { displaylogo: false, responsive: true });
    }, function (error) {
      delete div.dataset.drawn;  // the table beside the chart still holds the figures
      console.error(error.message);
    });
  }

  function start() {
    var charts = document.querySelectorAll(".atlas-chart");
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var near = new IntersectionObserver(function (seen) {
      seen.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        near.unobserve(entry.target);
        draw(entry.target);
      });
    }, { rootMargin: "200px 0px" });
    charts.forEach(function (div) { near.observe(div); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
