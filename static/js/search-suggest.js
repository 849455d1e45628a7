/* Suggestions as you type for the service search: the WAI-ARIA 1.2 combobox pattern
   (list autocomplete, https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).

   Progressive enhancement: without this script the field is a plain search field whose form
   sends the query to the results page. With it, the field becomes a combobox: typing fetches up
   to eight services (JSON from data-suggest-url); ArrowDown/ArrowUp move through them
   (aria-activedescendant keeps the focus in the field), Enter opens the chosen service or,
   with none chosen, submits the search; Escape closes the list, a second Escape clears the
   field. A live region announces how many suggestions there are.

   Loaded as an external file (defer): the Content Security Policy allows no inline script. */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var MIN_LENGTH = 2;

  function enhance(input) {
    var url = input.getAttribute("data-suggest-url");
    if (!url || !window.fetch) return;
    var listboxId = input.id + "-listbox";
    var wrapper = document.createElement("div");
    wrapper.className = "combobox";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var listbox = document.createElement("ul");
    listbox.id = listboxId;
    listbox.className = "combobox__listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    listbox.hidden = true;
    wrapper.appendChild(listbox);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listboxId);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = "";

    function announce(count) {
      var text;
      if (count === 0) text = input.getAttribute("data-suggest-none") || "";
      else if (count === 1) text = input.getAttribute("data-suggest-one") || "";
      else text = (input.getAttribute("data-suggest-many") || "").replace("{count}", count);
      status.textContent = text;
    }

    function setActive(index) {
      var options = listbox.querySelectorAll("[role=option]");
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function open() {
      if (!items.length) return close();
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function render(results) {
      items = results;
      listbox.textContent = "";
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        option.id = listboxId + "-" + index;
        option.className = "combobox__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", result.url);
        option.textContent = result.name;
        listbox.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      announce(results.length);
      if (results.length) open();
      else close();
    }

    function go(index) {
      var item = items[index];
      if (item) window.location.assign(item.url);
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        items = [];
        listbox.textContent = "";
        status.textContent = "";
        close();
        return;
      }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var address = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(address, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (input.value.trim() === query) render(data.results || []);
        })
        .catch(function () {
          /* Offline or aborted: the plain search still works. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = items.length;
      switch (event.key) {
        case "ArrowDown":
          if (!count) return;
          event.preventDefault();
          if (listbox.hidden) open();
          setActive(active + 1 >= count ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!count) return;
          event.preventDefault();
          if (listbox.hidden) open();
          setActive(active <= 0 ? count - 1 : active - 1);
          break;
        case "Enter":
          if (!listbox.hidden && active >= 0) {
            event.preventDefault();
            go(active);
          }
          break;
        case "Escape":
          if (!listbox.hidden) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastQuery = "";
            items = [];
            listbox.textContent = "";
            status.textContent = "";
          }
          break;
        case "Home":
        case "End":
          // The keys move the text cursor in the field, as the pattern asks.
          setActive(-1);
          break;
        default:
          break;
      }
    });

    listbox.addEventListener("mousedown", function (event) {
      // Keep the focus in the field while the pointer picks an option.
      event.preventDefault();
    });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) window.location.assign(option.getAttribute("data-url"));
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
    input.addEventListener("focus", function () {
      if (items.length && input.value.trim() === lastQuery) open();
    });
  }

  var fields = document.querySelectorAll("input[data-suggest-url]");
  for (var i = 0; i < fields.length; i++) enhance(fields[i]);
})();
