// Keeps unsaved text of the scoring page in localStorage, so nothing is lost when the page is
// left or the session expires; restores it on the next visit and forgets it once saved.
(function () {
  "use strict";
  var PREFIX = "toezicht-concept:" + window.location.pathname + ":";

  function sleutel(form, veld) {
    return PREFIX + form.getAttribute("data-concept") + ":" + veld.name;
  }

  function velden(form) {
    return form.querySelectorAll("textarea[name], input[name]:not([type=hidden]):not([type=checkbox]):not([type=radio])");
  }

  function herstel(root) {
    root.querySelectorAll("form[data-concept]").forEach(function (form) {
      velden(form).forEach(function (veld) {
        var bewaard = window.localStorage.getItem(sleutel(form, veld));
        if (bewaard === null) return;
        if (bewaard === veld.value) {
          window.localStorage.removeItem(sleutel(form, veld));
        } else {
          veld.value = bewaard;
          veld.classList.add("border-warning");
          veld.setAttribute("data-hersteld", "true");
          veld.title = "Niet opgeslagen tekst hersteld";
        }
      });
    });
  }

  function vergeet(form) {
    velden(form).forEach(function (veld) {
      window.localStorage.removeItem(sleutel(form, veld));
    });
  }

  document.addEventListener("input", function (event) {
    var veld = event.target;
    var form = veld.closest && veld.closest("form[data-concept]");
    if (!form || !veld.name) return;
    window.localStorage.setItem(sleutel(form, veld), veld.value);
  });

  document.addEventListener("click", function (event) {
    var knop = event.target.closest && event.target.closest("[data-concept-wissen]");
    if (knop) vergeet(knop.closest("form[data-concept]") || document);
  });

  // An expired session answers an htmx save with the login page: go there for real, keeping the
  // draft, and come back to this page after logging in.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.responseURL && xhr.responseURL.indexOf("/inloggen/") !== -1) {
      event.detail.shouldSwap = false;
      window.location.href = "/inloggen/?next=" + encodeURIComponent(window.location.pathname);
      return;
    }
    if (event.detail.xhr.status === 409 || event.detail.xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.body.addEventListener("htmx:afterSwap", function () {
    herstel(document);
  });

  herstel(document);
})();
