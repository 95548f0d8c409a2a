// A listing's filter panel (<details data-open-wide>) is folded on a phone, so that the results
// come first, and opened on a wide screen, where it sits beside them. Without JavaScript it
// stays folded (the summary says how many filters are set) and opens with a click.
(function () {
    "use strict";
    if (!window.matchMedia("(min-width: 60em)").matches) {
        return;
    }
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
        panel.open = true;
    });
})();
