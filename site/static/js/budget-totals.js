// Live budget totals while the lead types (progressive enhancement: the server computes the
// same totals on save). Reads the budget formset's rows; writes into [data-total] cells.
(function () {
  "use strict";
  var form = document.getElementById("budget-form");
  var totals = document.querySelector("[data-budget-totals]");
  if (!form || !totals) { return; }
  var formatter = new Intl.NumberFormat(document.documentElement.lang || "fr", {
    minimumFractionDigits: 2, maximumFractionDigits: 2
  });
  function rows() {
    return Array.prototype.filter.call(form.querySelectorAll("tbody tr"), function (row) {
      return row.querySelector("input[name$='-amount']");
    });
  }
  function recompute() {
    var sums = { operating: 0, investment: 0, in_kind: 0, total: 0 };
    rows().forEach(function (row) {
      var amount = parseFloat((row.querySelector("input[name$='-amount']").value || "0").replace(",", "."));
      var deleted = row.querySelector("input[name$='-DELETE']");
      if (isNaN(amount) || amount < 0 || (deleted && deleted.checked)) { return; }
      var nature = row.querySelector("select[name$='-nature']");
      var inKind = row.querySelector("input[name$='-in_kind']");
      sums[nature && nature.value === "investment" ? "investment" : "operating"] += amount;
      if (inKind && inKind.checked) { sums.in_kind += amount; }
      sums.total += amount;
    });
    Object.keys(sums).forEach(function (key) {
      var cell = totals.querySelector("[data-total='" + key + "']");
      if (cell) { cell.textContent = formatter.format(sums[key]) + " €"; }
    });
  }
  totals.setAttribute("aria-live", "polite");
  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
})();
