// The report form: each channel's rate (reached / target, one decimal) follows what is typed.
(function () {
  "use strict";
  function count(input) {
    var text = input ? input.value.trim() : "";
    if (!/^\d{1,3}([., \u00a0]\d{3})*$|^\d+$/.test(text)) return null;
    return parseInt(text.replace(/[., \u00a0]/g, ""), 10);
  }
  document.querySelectorAll("[data-rate]").forEach(function (cell) {
    var code = cell.getAttribute("data-rate");
    var reached = document.getElementById(code + ".reached");
    var target = document.getElementById(code + ".target");
    function update() {
      var r = count(reached), t = count(target);
      cell.textContent = r !== null && t ? (Math.round(1000 * r / t) / 10).toFixed(1) : "";
    }
    [reached, target].forEach(function (input) { if (input) input.addEventListener("input", update); });
  });
})();
