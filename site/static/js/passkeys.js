// Passkeys on the two-factor pages, beside django-otp-webauthn's own scripts (loaded after this
// one): their texts in the page's language, and the name of a new passkey sent once the browser
// has registered it. No inline script: the page gives its data as JSON blocks.
(function () {
  "use strict";

  var data = document.getElementById("passkey-strings");
  var strings = data ? JSON.parse(data.textContent) : {};
  window.gettext = function (text) {
    return Object.prototype.hasOwnProperty.call(strings, text) ? strings[text] : text;
  };

  document.addEventListener("otp_webauthn.register_complete", function (event) {
    var form = document.getElementById("passkey-name-form");
    if (!form || !event.detail || !event.detail.id) {
      return;
    }
    form.elements.namedItem("passkey").value = event.detail.id;
    form.submit();
  });

  // Enter in the name field starts the registration instead of sending an empty form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "passkey-name-form" || form.elements.namedItem("passkey").value) {
      return;
    }
    event.preventDefault();
    var button = document.getElementById("passkey-register-button");
    if (button && !button.disabled) {
      button.click();
    }
  });
})();
