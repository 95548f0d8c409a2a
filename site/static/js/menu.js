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

// The menu's sections are <details> disclosures (includes/main_menu.html), usable without
// JavaScript. Here: opening one closes the others, Escape closes the open one and gives the
// focus back to its summary, a click elsewhere closes it.
(function () {
    "use strict";
    var sections = Array.prototype.slice.call(document.querySelectorAll("[data-nav-section]"));
    if (!sections.length) { return; }
    sections.forEach(function (section) {
        section.addEventListener("toggle", function () {
            if (!section.open) { return; }
            sections.forEach(function (other) {
                if (other !== section) { other.open = false; }
            });
        });
    });
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") { return; }
        var open = sections.filter(function (section) { return section.open; })[0];
        if (!open) { return; }
        open.open = false;
        open.querySelector("summary").focus();
        // The phone menu stays open: Escape closes one level at a time.
        event.stopImmediatePropagation();
    }, true);
    document.addEventListener("click", function (event) {
        sections.forEach(function (section) {
            if (section.open && !section.contains(event.target)) { section.open = false; }
        });
    });
}());
