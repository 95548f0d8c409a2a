// The confirmation dialog of destructive actions (progressive enhancement: without this script
// the server asks on a page of its own, see core/confirmation.py).
//
// <form method="post" data-confirm="Withdraw the dossier?" data-confirm-label="Withdraw"
//       [data-confirm-detail="plain text"] [data-confirm-template="id of a <template>"]>
//
// Submitting such a form opens the modal <dialog> of includes/confirm_dialog.html instead:
// focus goes to "Cancel" and stays in the dialog (Tab and Shift+Tab cycle), Escape or "Cancel"
// close it and give the focus back to the button that opened it; the confirm button sends the
// form with confirmed=yes. Just before opening, the form receives a "confirm:open" event whose
// detail holds the dialog's detail element, for pages that compute what to show (an amount
// typed in the form, in words).
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var message = dialog.querySelector("[data-confirm-message]");
  var detail = dialog.querySelector("[data-confirm-detail]");
  var accept = dialog.querySelector("[data-confirm-accept]");
  var cancel = dialog.querySelector("[data-confirm-cancel]");
  var pending = null;
  var opener = null;

  function fill(form) {
    message.textContent = form.getAttribute("data-confirm");
    accept.textContent = form.getAttribute("data-confirm-label") || accept.getAttribute("data-default-label");
    while (detail.firstChild) { detail.removeChild(detail.firstChild); }
    var template = document.getElementById(form.getAttribute("data-confirm-template") || "");
    if (template && template.content) {
      detail.appendChild(template.content.cloneNode(true));
    } else if (form.getAttribute("data-confirm-detail")) {
      var text = document.createElement("p");
      text.textContent = form.getAttribute("data-confirm-detail");
      detail.appendChild(text);
    }
    form.dispatchEvent(new CustomEvent("confirm:open", { detail: { dialog: dialog, content: detail } }));
    detail.hidden = !detail.hasChildNodes();
  }

  function focusable() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"),
      function (element) { return !element.disabled && element.offsetParent !== null; }
    );
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) { return; }
    if (form.querySelector("input[name='confirmed'][value='yes']")) { return; }
    event.preventDefault();
    pending = { form: form, submitter: event.submitter || null };
    opener = event.submitter || document.activeElement;
    fill(form);
    dialog.showModal();
    cancel.focus();
  });

  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") { return; }
    var items = focusable();
    if (!items.length) { return; }
    var first = items[0];
    var last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  cancel.addEventListener("click", function () { dialog.close("cancel"); });

  accept.addEventListener("click", function () {
    if (!pending) { return; }
    var form = pending.form;
    var submitter = pending.submitter;
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "confirmed";
    field.value = "yes";
    form.appendChild(field);
    dialog.close("confirm");
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    } else {
      form.submit();
    }
  });

  // Escape closes the dialog too ("cancel" event, then "close").
  dialog.addEventListener("close", function () {
    pending = null;
    if (dialog.returnValue !== "confirm" && opener && typeof opener.focus === "function") {
      opener.focus();
    }
  });
})();
