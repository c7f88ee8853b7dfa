// Nothing typed on the scoring page is lost. Every form with data-concept keeps its unsaved
// texts and score choice in localStorage, with the versions the page showed when they were
// typed (so a restored draft saved after someone else's change is a conflict, not an
// overwrite). A draft comes back on the next visit, marked as not saved, and is forgotten once
// saved. Leaving the page while anything is unsaved asks first.
(function () {
  "use strict";
  var PREFIX = "toezicht-concept:";
  var GELADEN = "_geladen"; // the hidden fields (versions) the draft was typed against
  var verstuurd = null; // a form being submitted normally: its input goes to the server
  var vertrekken = false; // leaving on purpose (the draft stays in localStorage)

  function sleutel(form, naam) {
    return PREFIX + form.getAttribute("data-concept") + ":" + naam;
  }

  // The fields a draft keeps: texts, dates and radio groups (by name), no hidden/checkboxes.
  function namen(form) {
    var gezien = {};
    var lijst = [];
    form.querySelectorAll("textarea[name], input[name]").forEach(function (veld) {
      if (["hidden", "checkbox", "submit", "button", "file"].indexOf(veld.type) !== -1) return;
      if (gezien[veld.name]) return;
      gezien[veld.name] = true;
      lijst.push(veld.name);
    });
    return lijst;
  }

  function radios(form, naam) {
    return Array.prototype.filter.call(form.querySelectorAll("input[type=radio]"), function (r) {
      return r.name === naam;
    });
  }

  function veld(form, naam) {
    return Array.prototype.find.call(form.elements, function (v) {
      return v.name === naam;
    });
  }

  function lees(form, naam) {
    var groep = radios(form, naam);
    if (groep.length) {
      var gekozen = groep.find(function (r) { return r.checked; });
      return gekozen ? gekozen.value : "";
    }
    return veld(form, naam).value;
  }

  function opgeslagen(form, naam) {
    var groep = radios(form, naam);
    if (groep.length) {
      var standaard = groep.find(function (r) { return r.defaultChecked; });
      return standaard ? standaard.value : "";
    }
    return veld(form, naam).defaultValue;
  }

  function zet(form, naam, waarde) {
    var groep = radios(form, naam);
    if (groep.length) {
      groep.forEach(function (r) {
        r.checked = r.value === waarde;
        if (r.checked) r.setAttribute("data-hersteld", "true");
      });
      return;
    }
    var v = veld(form, naam);
    v.value = waarde;
    v.classList.add("border-warning");
    v.setAttribute("data-hersteld", "true");
    v.title = "Niet opgeslagen tekst hersteld";
  }

  function verborgen(form) {
    var waarden = {};
    form.querySelectorAll("input[type=hidden][name]").forEach(function (v) {
      if (v.name !== "csrfmiddlewaretoken") waarden[v.name] = v.value;
    });
    return waarden;
  }

  function gewijzigd(form) {
    if (form === verstuurd) return false;
    if (form.hasAttribute("data-niet-opgeslagen")) return true;
    var anders = namen(form).some(function (naam) {
      return lees(form, naam) !== opgeslagen(form, naam);
    });
    return anders || Array.prototype.some.call(
      form.querySelectorAll("input[type=checkbox]"),
      function (c) { return c.checked !== c.defaultChecked; }
    );
  }

  function bewaar(form) {
    namen(form).forEach(function (naam) {
      window.localStorage.setItem(sleutel(form, naam), lees(form, naam));
    });
    window.localStorage.setItem(sleutel(form, GELADEN), JSON.stringify(verborgen(form)));
  }

  function vergeet(form) {
    var begin = PREFIX + form.getAttribute("data-concept") + ":";
    Object.keys(window.localStorage).forEach(function (k) {
      if (k.indexOf(begin) === 0) window.localStorage.removeItem(k);
    });
  }

  // "Niet opgeslagen" beside the save button while the form holds unsaved input.
  function markeer(form) {
    var melding = form.querySelector("[data-testid=niet-opgeslagen]");
    if (!gewijzigd(form)) {
      if (melding) melding.remove();
      return;
    }
    if (melding) return;
    melding = document.createElement("span");
    melding.className = "small text-warning-emphasis ms-2";
    melding.setAttribute("role", "status");
    melding.setAttribute("data-testid", "niet-opgeslagen");
    melding.textContent = "Niet opgeslagen. ";
    var weg = document.createElement("button");
    weg.type = "button";
    weg.className = "btn btn-link btn-sm p-0 align-baseline";
    weg.setAttribute("data-concept-weggooien", "");
    weg.textContent = "Wijzigingen weggooien";
    melding.appendChild(weg);
    var knop = form.querySelector("button[type=submit]");
    if (knop) knop.insertAdjacentElement("afterend", melding);
    else form.appendChild(melding);
  }

  function herstel(root) {
    root.querySelectorAll("form[data-concept]").forEach(function (form) {
      if (form.hasAttribute("data-concept-opgeslagen")) vergeet(form);
      if (form.hasAttribute("data-niet-opgeslagen")) {
        // The server shows input it did not save (a conflict, an error): keep it as the draft.
        bewaar(form);
        markeer(form);
        return;
      }
      var hersteld = false;
      namen(form).forEach(function (naam) {
        var bewaard = window.localStorage.getItem(sleutel(form, naam));
        if (bewaard === null) return;
        if (bewaard === lees(form, naam)) {
          window.localStorage.removeItem(sleutel(form, naam));
        } else {
          zet(form, naam, bewaard);
          hersteld = true;
        }
      });
      var geladen = window.localStorage.getItem(sleutel(form, GELADEN));
      if (hersteld && geladen) {
        var waarden = JSON.parse(geladen);
        form.querySelectorAll("input[type=hidden][name]").forEach(function (v) {
          if (Object.prototype.hasOwnProperty.call(waarden, v.name)) v.value = waarden[v.name];
        });
      } else if (!hersteld) {
        window.localStorage.removeItem(sleutel(form, GELADEN));
      }
      markeer(form);
    });
  }

  function bijInvoer(event) {
    var form = event.target.closest && event.target.closest("form[data-concept]");
    if (!form || !event.target.name) return;
    if (gewijzigd(form)) bewaar(form);
    else vergeet(form);
    markeer(form);
  }
  document.addEventListener("input", bijInvoer);
  document.addEventListener("change", bijInvoer);

  document.addEventListener("click", function (event) {
    var wissen = event.target.closest && event.target.closest("[data-concept-wissen]");
    if (wissen) {
      vergeet(wissen.closest("form[data-concept]") || document);
      if (!wissen.hasAttribute("hx-get")) vertrekken = true;
      return;
    }
    var weg = event.target.closest && event.target.closest("[data-concept-weggooien]");
    if (!weg) return;
    var form = weg.closest("form[data-concept]");
    vergeet(form);
    if (form.hasAttribute("data-niet-opgeslagen") || form.querySelector("[data-hersteld]")) {
      vertrekken = true;
      window.location.reload(); // what the server holds now
    } else {
      form.reset();
      markeer(form);
    }
  });

  // A normal submit takes the form's input to the server; the draft stays until the server
  // says it is saved (data-concept-opgeslagen on the next page).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("hx-post")) verstuurd = form;
  });

  window.addEventListener("beforeunload", function (event) {
    if (vertrekken) return;
    var open = Array.prototype.some.call(document.querySelectorAll("form[data-concept]"), gewijzigd);
    if (open) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // An expired session answers an htmx save with the login page: go there for real, keeping the
  // draft, and come back to this page after logging in.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.responseURL && xhr.responseURL.indexOf("/inloggen/") !== -1) {
      event.detail.shouldSwap = false;
      vertrekken = true;
      window.location.href = "/inloggen/?next=" + encodeURIComponent(window.location.pathname);
      return;
    }
    if (xhr.status === 409 || xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.body.addEventListener("htmx:afterSwap", function () {
    herstel(document);
  });

  // A save that got no row back (403, 500, no connection) must not look like nothing happened.
  function mislukt(event, tekst) {
    var form = event.detail.elt && event.detail.elt.closest("form[data-concept]");
    if (!form) return;
    var melding = form.querySelector("[data-testid=opslaan-mislukt]");
    if (!melding) {
      melding = document.createElement("div");
      melding.className = "alert alert-danger mt-2 mb-0";
      melding.setAttribute("role", "alert");
      melding.setAttribute("data-testid", "opslaan-mislukt");
      form.querySelector(".card-body, fieldset").appendChild(melding);
    }
    melding.textContent = tekst + " Uw invoer is niet opgeslagen, maar blijft in deze browser " +
      "bewaard: laad de pagina opnieuw en sla nog eens op.";
    bewaar(form);
  }
  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    mislukt(event, status === 403
      ? "Het opslaan is geweigerd (de pagina is verouderd, bijvoorbeeld na opnieuw inloggen)."
      : "Het opslaan is mislukt (fout " + status + ").");
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    mislukt(event, "Er is geen verbinding met de server.");
  });

  // Drafts the server confirmed as saved by a normal (non-htmx) submit.
  document.querySelectorAll("[data-concept-opgeslagen]").forEach(function (el) {
    var naam = el.getAttribute("data-concept-opgeslagen");
    if (!naam) return;
    var nep = document.createElement("form");
    nep.setAttribute("data-concept", naam);
    vergeet(nep);
  });
  herstel(document);
})();
