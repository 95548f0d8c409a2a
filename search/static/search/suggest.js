// Title suggestions under every search field that names a suggestion address
// (data-suggest-url): a progressive enhancement, the form works without it.
(function () {
  "use strict";
  var DELAY = 150;

  function setUp(input) {
    var url = input.getAttribute("data-suggest-url");
    var list = document.createElement("ul");
    var timer = null;
    var last = "";
    list.className = "search-suggestions";
    list.id = input.id + "-suggestions";
    list.hidden = true;
    list.setAttribute("aria-live", "polite");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.classList.add("search-suggest");
    input.parentNode.appendChild(list);

    function close() { list.hidden = true; }

    function show(items) {
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        var type = document.createElement("small");
        a.href = item.url;
        a.textContent = item.title + " ";
        type.textContent = item.type_label;
        a.appendChild(type);
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text === last) { return; }
      last = text;
      if (text.length < 2) { show([]); return; }
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === text) { show(data.suggestions); } })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); }
      if (event.key === "ArrowDown" && !list.hidden) {
        event.preventDefault();
        list.querySelector("a").focus();
      }
    });
    list.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); input.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!input.parentNode.contains(event.target)) { close(); }
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
})();
