/* Numbers as the page's reader reads them, for what scripts draw (Chart.js ticks, tooltips):
   the same rule as the server's (platform/formats/reading.py) — Western digits, thousands set
   apart by a narrow no-break space from 10 000 up, a decimal comma. */
(function () {
  "use strict";
  var GROUPING_FROM = 10000;
  var THOUSANDS = "\u202f";

  function numberForReading(value) {
    var number = Number(value);
    if (value === null || value === "" || !isFinite(number)) { return value; }
    var parts = String(Math.abs(number)).split(".");
    var whole = parts[0];
    if (Math.abs(number) >= GROUPING_FROM) {
      whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS);
    }
    return (number < 0 ? "-" : "") + whole + (parts[1] ? "," + parts[1] : "");
  }

  window.Infitah = window.Infitah || {};
  window.Infitah.numberForReading = numberForReading;
  // Chart.js: every numeric axis and tooltip of the page reads this way.
  window.Infitah.chartNumbers = function (Chart) {
    if (!Chart || !Chart.defaults) { return; }
    Chart.defaults.locale = document.documentElement.lang || "ar";
    Chart.defaults.scales.linear.ticks.callback = function (value) { return numberForReading(value); };
  };
})();
