// "Add a line" for Django formsets, without reloading (progressive enhancement: without
// JavaScript the button's hidden paragraph stays hidden and saving brings empty rows back).
// A button [data-formset-add="PREFIX"][data-template="ID"] clones the <template id="ID"> row
// (Django's empty_form: "__prefix__" in names and ids, "__line__" in the labels), appends it to
// its form's table, raises PREFIX-TOTAL_FORMS and moves the focus to the new row's first field.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-formset-add]"), function (button) {
    var prefix = button.getAttribute("data-formset-add");
    var template = document.getElementById(button.getAttribute("data-template"));
    var form = button.form;
    var total = form && form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = form && form.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var body = form && form.querySelector("table tbody");
    if (!template || !total || !body) { return; }
    function full() {
      return max && parseInt(total.value, 10) >= parseInt(max.value, 10);
    }
    button.parentNode.hidden = false;
    var hint = form.querySelector("[data-formset-hint='" + prefix + "']");
    if (hint) { hint.hidden = true; }
    button.addEventListener("click", function () {
      if (full()) { button.disabled = true; return; }
      var index = parseInt(total.value, 10);
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__line__/g, String(index + 1));
      var holder = document.createElement("tbody");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      body.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
      if (full()) { button.disabled = true; }
    });
  });
})();
