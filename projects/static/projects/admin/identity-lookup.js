// « Fill from the register » in the organisation's edit form (projects/network/admin.py).
// The server says, field by field, what the register found and whether the field was empty
// ("filled"), differs from what the editor typed ("kept": never replaced) or is the same.
(function () {
    "use strict";

    function field(form, name) {
        return form.querySelector('[name="' + name + '"]');
    }

    function show(result, data) {
        result.textContent = "";
        var message = document.createElement("p");
        message.textContent = data.message || "";
        result.appendChild(message);
        (data.notes || []).forEach(function (note) {
            var p = document.createElement("p");
            p.className = "help-block help-warning";
            p.textContent = note;
            result.appendChild(p);
        });
        if (!data.items || !data.items.length) return;
        var list = document.createElement("ul");
        data.items.forEach(function (item) {
            var li = document.createElement("li");
            li.textContent = item.summary;
            list.appendChild(li);
        });
        result.appendChild(list);
    }

    function lookUp(button) {
        var form = button.closest("form");
        var panel = button.closest("[data-identity-panel]");
        var result = panel.querySelector("[data-registry-result]");
        var params = new URLSearchParams({ is_new: button.dataset.isNew });
        ["name", "legal_form", "siret", "rna", "address", "naf_code"].forEach(function (name) {
            var input = field(form, name);
            if (input) params.set(name, input.value);
        });
        result.textContent = button.dataset.searchingLabel;
        button.disabled = true;
        fetch(button.dataset.lookupUrl + "?" + params.toString(), {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
        })
            .then(function (answer) { return answer.json(); })
            .then(function (data) {
                (data.items || []).forEach(function (item) {
                    var input = field(form, item.field);
                    if (input && item.action === "filled") {
                        input.value = item.value;
                        input.dispatchEvent(new Event("change", { bubbles: true }));
                    }
                });
                show(result, data);
            })
            .catch(function () {
                result.textContent = button.dataset.errorLabel;
            })
            .finally(function () { button.disabled = false; });
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-registry-lookup]");
        if (button) {
            event.preventDefault();
            lookUp(button);
        }
    });
})();
