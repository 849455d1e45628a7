/* Clerks' entry of printed forms (participation/paper): an enhancement, the page works without it.
 *
 * - After a save or a refused number the clerk goes on with the next sheet: the focus returns to
 *   the number field, so a hand scanner can type into it at once (no autofocus attribute: a first
 *   visit starts at the top of the page like any other).
 * - The check digit (Damm) is checked as soon as the number is complete, so a typo is announced
 *   before the clerk presses Enter; the server checks it again either way.
 * - On a sheet's entry screen, reached by Enter from the number field, typing starts in its first
 *   field; after a refused save the focus goes to the error summary, which links to the fields.
 */
(function () {
  "use strict";

  var DAMM = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0]
  ];

  function dammValid(digits) {
    var interim = 0;
    for (var i = 0; i < digits.length; i += 1) {
      interim = DAMM[interim][digits.charCodeAt(i) - 48];
    }
    return interim === 0;
  }

  var sheetForm = document.querySelector("[data-sheet-form]");
  if (sheetForm) {
    var summary = document.querySelector("main .error-summary");
    var first = sheetForm.querySelector("input:not([type=hidden]), select, textarea");
    if (summary) {
      summary.focus();
    } else if (first) {
      first.focus();
    }
    return;
  }

  var form = document.querySelector("[data-scan-form]");
  if (!form) { return; }
  var input = form.querySelector("[data-form-number]");
  if (!input) { return; }

  if (form.hasAttribute("data-return-focus")) {
    input.focus();
    input.select();
  }

  // A live region of our own, next to the field; the server's messages stay as they are.
  var live = document.createElement("p");
  live.className = "field__error scan-form__live";
  live.id = input.id + "-live";
  live.setAttribute("aria-live", "polite");
  input.parentNode.insertBefore(live, input);
  var describedBy = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  describedBy.push(live.id);
  input.setAttribute("aria-describedby", describedBy.join(" "));

  var message = form.getAttribute("data-check-digit-message");

  input.addEventListener("input", function () {
    var digits = input.value.replace(/[\s\-\u2010-\u2015\u2212]/g, "");
    // Eleven digits is the length of every number until serials pass 999,999 (see numbers.py).
    if (/^[0-9]{11}$/.test(digits) && !dammValid(digits)) {
      live.textContent = message;
      input.setAttribute("aria-invalid", "true");
    } else if (live.textContent) {
      live.textContent = "";
      if (!form.querySelector(".field--error")) { input.removeAttribute("aria-invalid"); }
    }
  });
})();
