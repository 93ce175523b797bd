/* Draws each question's results (Chart.js, vendored) from the figures the page carries as
   JSON; the same figures are in the table under each chart, so the page says everything
   without JavaScript. <canvas data-survey-chart="ID"> reads <script id="ID">. */
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var rtl = document.documentElement.dir === "rtl";
  var colour = getComputedStyle(document.documentElement).getPropertyValue("--member-primary").trim() || "#0b6e4f";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#212529";
  if (window.Infitah) { window.Infitah.chartNumbers(Chart); }  // platform/static/infitah/reading.js
  document.querySelectorAll("canvas[data-survey-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.surveyChart);
    if (!source) { return; }
    var figures = JSON.parse(source.textContent);
    var scale = canvas.dataset.scale === "1";
    canvas.parentElement.style.height = (scale ? 12 : Math.max(8, 2.6 * figures.labels.length + 2)) + "rem";
    new Chart(canvas, {
      type: "bar",
      data: {labels: figures.labels, datasets: [{data: figures.data, backgroundColor: colour}]},
      options: {
        indexAxis: scale ? "x" : "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {legend: {display: false}, tooltip: {rtl: rtl}},
        scales: {
          x: {reverse: rtl && scale, beginAtZero: true, ticks: {precision: 0}},
          y: {beginAtZero: true, position: rtl && !scale ? "right" : "left", ticks: {precision: 0}}
        }
      }
    });
  });
})();
