// The dashboard's only script (no build step): draw the Plotly figures the server rendered, submit selects marked
// data-autosubmit, and follow a run's progress. Everything it loads comes from this service (the world map's
// geometry too: topojsonURL below).
(function () {
  "use strict";
  var base = (document.querySelector('link[rel="stylesheet"]').getAttribute("href") || "").replace(/dashboard\.css$/, "");
  var config = {responsive: true, displaylogo: false, topojsonURL: base,
                modeBarButtonsToRemove: ["sendDataToCloud", "lasso2d", "select2d"]};

  // A map's geometry is fetched once from this service and handed to plotly.js, which then fetches nothing itself.
  var geometry = null;
  function worldGeometry() {
    if (!geometry) {
      geometry = fetch(base + "world_110m.json", {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (topo) {
          window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
          window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
          window.PlotlyGeoAssets.topojson.world_110m = topo;
        });
    }
    return geometry;
  }

  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("div.plot[data-figure]").forEach(function (el) {
      var src = document.getElementById(el.getAttribute("data-figure"));
      if (!src) { return; }
      var fig = JSON.parse(src.textContent);
      var layout = fig.layout || {};
      layout.autosize = true;
      delete layout.width;
      var geo = (fig.data || []).some(function (t) { return t.type === "choropleth" || t.type === "scattergeo"; });
      (geo ? worldGeometry() : Promise.resolve()).then(function () {
        return Plotly.newPlot(el, fig.data || [], layout, config);
      }).then(function () {
        el.setAttribute("data-drawn", "1");
      });
    });
  }

  function autosubmit() {
    document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
  }

  function follow() {
    var card = document.getElementById("progress-card");
    if (!card) { return; }
    var url = card.getAttribute("data-status-url");
    var status = card.getAttribute("data-status");
    var details = card.getAttribute("data-details");
    if (status === "done" && details === "ready") { return; }
    if (status === "failed" || status === "cancelled") { return; }
    var bar = document.getElementById("bar"), count = document.getElementById("run-count"),
        label = document.getElementById("run-status");
    function tick() {
      fetch(url, {credentials: "same-origin", cache: "no-store"}).then(function (r) { return r.json(); })
        .then(function (s) {
          var pct = s.total ? Math.round(100 * s.done / s.total) : 0;
          if (bar) { bar.style.width = (s.status === "done" ? 100 : pct) + "%"; }
          if (count) { count.textContent = s.done + " / " + s.total; }
          if (label) { label.innerHTML = '<span class="status status-' + s.status + '">' + s.status + "</span>"; }
          if (s.status !== status && (s.status === "done" || s.status === "failed" || s.status === "cancelled")) {
            if (s.status !== "done" || s.details) { window.location.reload(); return; }
          }
          if (s.status === "done" && s.details) { window.location.reload(); return; }
          setTimeout(tick, 500);
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    setTimeout(tick, 300);
  }

  document.addEventListener("DOMContentLoaded", function () { draw(); autosubmit(); follow(); });
})();
