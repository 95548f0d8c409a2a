/* Searchable selects: progressive enhancement of <select data-searchable-select> with Tom Select.
 *
 * The server renders a complete native <select> (projects/widgets.py); this script, when Tom Select
 * has loaded, replaces it on screen by a combobox: type to filter (accents and case ignored), pick
 * with the arrow keys and Enter, several entries without modifier keys, remove one with its button
 * or Backspace. The <select> stays in the form and keeps the chosen values, so the form posts the
 * same data with or without JavaScript.
 *
 * Texts come from the select's data attributes (translated by the server): data-placeholder,
 * data-no-results, data-remove-label, data-clear-label. Options may carry data-name (the entry's
 * own name, searched first), data-path (where it sits, e.g. a territory's containers) and
 * data-also (other containers), shown on two smaller lines in the list.
 *
 * No inline script: loaded as a static file with the widget's media. Selects added to the page
 * later (a panel added by the admin, a form fetched by the page) are enhanced when they appear.
 */
(function () {
    "use strict";

    var SELECTOR = "select[data-searchable-select]";

    function optionHtml(data, escape) {
        var html = '<div class="searchable-option"><span class="searchable-option__name">' +
            escape(data.name || data.text) + "</span>";
        if (data.path) {
            html += '<span class="searchable-option__path">' + escape(data.path) + "</span>";
        }
        if (data.also) {
            html += '<span class="searchable-option__also">' + escape(data.also) + "</span>";
        }
        return html + "</div>";
    }

    function enhance(select) {
        if (select.tomselect || typeof window.TomSelect === "undefined") {
            return;
        }
        var texts = select.dataset;
        var plugins = {};
        if (select.multiple) {
            plugins.remove_button = { title: texts.removeLabel || "Remove", label: "\u00d7" };
        } else if (!select.required) {
            plugins.clear_button = { title: texts.clearLabel || "Clear", html: clearButton(texts) };
        }
        new window.TomSelect(select, {
            plugins: plugins,
            maxOptions: null,
            allowEmptyOption: false,
            closeAfterSelect: !select.multiple,
            placeholder: texts.placeholder || "",
            // A chosen entry clears what was typed, ready for the next one.
            onItemAdd: function () {
                this.setTextboxValue("");
                this.refreshOptions(false);
            },
            searchField: [
                { field: "name", weight: 3 },
                { field: "text", weight: 1 },
                { field: "also", weight: 0.5 },
            ],
            render: {
                option: optionHtml,
                item: function (data, escape) {
                    return "<div>" + escape(data.name || data.text) + "</div>";
                },
                no_results: function () {
                    var message = document.createElement("div");
                    message.className = "no-results";
                    message.textContent = texts.noResults || "";
                    return message;
                },
            },
        });
        // The combobox, which the label now names, stands for the native select: hide the
        // select (out of the tab order already) from assistive technologies, which would
        // otherwise meet a second, unnamed control.
        select.setAttribute("aria-hidden", "true");
    }

    function clearButton(texts) {
        return function (config) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = config.className;
            button.title = texts.clearLabel || "";
            button.setAttribute("aria-label", texts.clearLabel || "");
            button.textContent = "\u00d7";
            return button;
        };
    }

    function enhanceWithin(root) {
        if (root.matches && root.matches(SELECTOR)) {
            enhance(root);
        }
        if (root.querySelectorAll) {
            root.querySelectorAll(SELECTOR).forEach(enhance);
        }
    }

    function start() {
        enhanceWithin(document);
        if (typeof window.MutationObserver === "undefined") {
            return;
        }
        new MutationObserver(function (mutations) {
            mutations.forEach(function (mutation) {
                mutation.addedNodes.forEach(function (node) {
                    if (node.nodeType === 1) {
                        enhanceWithin(node);
                    }
                });
            });
        }).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
