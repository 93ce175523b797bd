/* Draws the network's charts (Chart.js, vendored) from data the page carries as JSON.
   Each <canvas data-chart="ID" data-type="bar|doughnut"> reads <script id="ID">; the same
   figures are in the tables next to the charts, so the page says everything without JS. */
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var rtl = document.documentElement.dir === "rtl";
  var palette = ["#0b6e4f", "#c1272d", "#1d6fa5", "#a15c00", "#6f42c1", "#137a3c", "#495057",
                 "#d63384", "#0aa2c0", "#8a6d00", "#5c636a", "#198754", "#6610f2"];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#212529";
  if (window.Infitah) { window.Infitah.chartNumbers(Chart); }  // platform/static/infitah/reading.js
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var type = canvas.dataset.type || "bar";
    var horizontal = canvas.dataset.axis === "y";
    data.datasets.forEach(function (dataset, index) {
      dataset.backgroundColor = type === "doughnut"
        ? data.labels.map(function (_, i) { return palette[i % palette.length]; })
        : palette[index % palette.length];
    });
    new Chart(canvas, {
      type: type,
      data: data,
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: data.datasets.length > 1 || type === "doughnut", rtl: rtl,
                    position: "bottom" },
          tooltip: { rtl: rtl }
        },
        scales: type === "doughnut" ? {} : {
          x: { reverse: rtl && !horizontal, beginAtZero: true },
          y: { beginAtZero: true, position: rtl && horizontal ? "right" : "left" }
        }
      }
    });
  });
})();
