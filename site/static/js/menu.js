// The header's menu folds under a « Menu » button on narrow screens (site.css, 48em). Loaded
// right after the header, without defer, so that a phone never shows the unfolded menu first.
// Without JavaScript the button stays hidden and the menu open.
(function () {
    "use strict";
    var header = document.querySelector("[data-menu]");
    if (!header) { return; }
    var button = header.querySelector(".menu-toggle");
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    header.classList.add("site-header--foldable");
    button.hidden = false;
    function set(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        menu.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
        set(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            set(false);
            button.focus();
        }
    });
}());
