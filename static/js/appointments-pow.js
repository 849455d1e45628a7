// Proof of work for the appointment booking form (appointments/challenge.py).
// Runs in the background while the person fills in the form: nothing to see or solve. Without
// this script (or without Web Crypto) the form is sent without a solution and the server counts
// the attempt more heavily against the rate limit; nothing else changes.
(function () {
  "use strict";
  var form = document.querySelector("[data-pow-form]");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    return;
  }
  var challengeInput = form.querySelector('input[name="pow_challenge"]');
  var solutionInput = form.querySelector("[data-pow-solution]");
  var status = form.querySelector("[data-pow-status]");
  var bits = parseInt(form.getAttribute("data-pow-bits"), 10) || 0;
  var encoder = new TextEncoder();
  var done = false;
  var waiting = false;

  function zeroBits(bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i += 1) {
      if (bytes[i] === 0) {
        count += 8;
        continue;
      }
      var value = bytes[i];
      while ((value & 0x80) === 0) {
        count += 1;
        value <<= 1;
      }
      return count;
    }
    return count;
  }

  function finish(n) {
    solutionInput.value = String(n);
    done = true;
    if (waiting) {
      form.submit();
    }
  }

  function search(start) {
    var challenge = challengeInput.value;
    var batch = [];
    for (var n = start; n < start + 256; n += 1) {
      batch.push(window.crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + n)));
    }
    return Promise.all(batch).then(function (digests) {
      for (var i = 0; i < digests.length; i += 1) {
        if (zeroBits(new Uint8Array(digests[i])) >= bits) {
          finish(start + i);
          return;
        }
      }
      if (start < 100000000) {
        return search(start + 256);
      }
    });
  }

  form.addEventListener("submit", function (event) {
    if (done) {
      return;
    }
    event.preventDefault();
    waiting = true;
    if (status) {
      status.textContent = form.getAttribute("data-pow-wait") || "";
    }
  });
  search(0);
})();
