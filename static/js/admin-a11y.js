/* Staff area (Django admin): accessible names for widgets that Django's own scripts build.
 * Progressive enhancement only: without JavaScript these widgets are plain, labelled <select>s.
 *
 * - select2 (autocomplete fields): the combobox select2 draws is named only by its current value
 *   (aria-labelledby = the value's container, a read-only textbox), so an empty field has no
 *   name at all. Both are labelled by the field's <label> and then the value.
 * - The filter-horizontal boxes (SelectFilter2.js) put their help text as aria-label on a bare
 *   <span> (an ARIA attribute a generic element may not carry): the icon becomes role="img", so
 *   the text names the icon and, through the <label> it sits in, the filter field.
 *
 * Django builds both after the page has loaded (select2 on jQuery's ready, the filter boxes on
 * the window's load event, new inline rows on demand), so the names are set once everything has
 * loaded and again whenever nodes are added.
 */
(function () {
  "use strict";

  function labelFor(id) {
    var label = document.querySelector('label[for="' + CSS.escape(id) + '"]');
    if (!label) {
      return null;
    }
    if (!label.id) {
      label.id = id + "-label";
    }
    return label.id;
  }

  function nameSelect2(selection) {
    var container = selection.querySelector(".select2-selection__rendered[id]");
    var match = container && /^select2-(.+)-container$/.exec(container.id);
    if (!match) {
      return;
    }
    // A select in a tabular inline has no <label>; the template names it by aria-labelledby.
    var select = document.getElementById(match[1]);
    var labelId = labelFor(match[1]) || (select && select.getAttribute("aria-labelledby"));
    if (labelId) {
      // The combobox and the read-only textbox inside it that shows the value: "Office, <value>".
      selection.setAttribute("aria-labelledby", labelId + " " + container.id);
      container.setAttribute("aria-labelledby", labelId + " " + container.id);
    }
  }

  function nameTooltips(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function enhance(root) {
    root.querySelectorAll('.select2-selection[role="combobox"]').forEach(nameSelect2);
    nameTooltips(root);
  }

  function start() {
    enhance(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) {
            enhance(node.parentNode || node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  // After Django's own load handlers (this script is loaded before the form's media).
  window.addEventListener("load", function () {
    window.setTimeout(start, 0);
  });
})();
