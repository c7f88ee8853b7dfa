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

  // A row's entry in the outline shows "niet opgeslagen" while the row holds unsaved input,
  // and its saved state again once it does not.
  function overzichtMarkeren(form, open) {
    var id = form.id && form.id.indexOf("rij-") === 0 ? form.id.slice(4) : null;
    var link = id && document.querySelector('[data-overzicht-rij="' + id + '"]');
    if (!link) return;
    if (link.getAttribute("data-staat") === "conflict") return; // the server's, more telling
    var teken = link.querySelector(".staat");
    var tekst = link.querySelector("[data-staat-tekst]");
    if (open && !link.hasAttribute("data-bewaard")) {
      link.setAttribute("data-bewaard", JSON.stringify([link.getAttribute("data-staat"),
        teken.textContent, tekst.textContent, teken.className]));
      link.setAttribute("data-staat", "niet-opgeslagen");
      teken.textContent = "•";
      teken.className = "staat staat-niet-opgeslagen";
      tekst.textContent = "niet opgeslagen: ";
    } else if (!open && link.hasAttribute("data-bewaard")) {
      var oud = JSON.parse(link.getAttribute("data-bewaard"));
      link.removeAttribute("data-bewaard");
      link.setAttribute("data-staat", oud[0]);
      teken.textContent = oud[1];
      tekst.textContent = oud[2];
      teken.className = oud[3];
    }
  }

  // "Niet opgeslagen" beside the save button while the form holds unsaved input.
  function markeer(form) {
    var melding = form.querySelector("[data-testid=niet-opgeslagen]");
    overzichtMarkeren(form, gewijzigd(form));
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

  // The live regions are in the page from the start; emptied before each swap, so the same
  // message twice ("Opgeslagen") is announced twice. Focus stays where the user was: htmx puts
  // it back on the element with the same id in the new row; if it could not, this does.
  var focusId = null;
  var doelId = null;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    ["melding-status", "melding-fout"].forEach(function (id) {
      var regio = document.getElementById(id);
      if (regio) regio.textContent = "";
    });
    var actief = document.activeElement;
    var doel = event.detail.target;
    focusId = actief && actief.id && doel.contains(actief) ? actief.id : null;
    doelId = doel.contains(actief) ? doel.id : null;
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    var el = focusId && document.getElementById(focusId);
    // The element the user was on is gone (e.g. "Hun versie behouden"): the row's save button.
    if (!el && doelId && doelId.indexOf("rij-") === 0) {
      el = document.getElementById("s-" + doelId.slice(4)) || document.getElementById(doelId);
    }
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
    focusId = doelId = null;
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

  // --- Moving around: the outline, "volgende open indicator", the error summary -----------
  var laatsteRij = null; // the row the user was last in
  document.addEventListener("focusin", function (event) {
    var rij = event.target.closest && event.target.closest("form.rij");
    if (rij) laatsteRij = rij.id;
  });

  function rijFocussen(rij) {
    var doel = rij.querySelector("input[type=radio]:checked") ||
      rij.querySelector("input[type=radio]") || rij;
    rij.scrollIntoView({ block: "start" });
    doel.focus({ preventScroll: true });
  }

  // The next open row after the one the user was in (from the top when none, round at the end).
  document.addEventListener("click", function (event) {
    var knop = event.target.closest && event.target.closest("[data-naar-open]");
    if (!knop) return;
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-overzicht-rij]"));
    var start = laatsteRij ? links.findIndex(function (l) {
      return "rij-" + l.getAttribute("data-overzicht-rij") === laatsteRij;
    }) : -1;
    var volgorde = links.slice(start + 1).concat(links.slice(0, start + 1));
    var open = volgorde.find(function (l) { return l.getAttribute("data-staat") === "open"; });
    var rij = open && document.getElementById("rij-" + open.getAttribute("data-overzicht-rij"));
    if (!rij) {
      var regio = document.getElementById("melding-status");
      if (regio) regio.textContent = "Er is geen open indicator meer.";
      event.preventDefault();
      return;
    }
    event.preventDefault();
    history.replaceState(null, "", "#" + rij.id);
    rijFocussen(rij);
  });

  // Arrow keys move through the outline's links; Tab leaves it.
  var overzicht = document.querySelector("[data-testid=overzicht]");
  if (overzicht) {
    overzicht.addEventListener("keydown", function (event) {
      if (["ArrowDown", "ArrowUp", "Home", "End"].indexOf(event.key) === -1) return;
      var links = Array.prototype.slice.call(overzicht.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (i === -1) return;
      var naar = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: links.length - 1 }[event.key];
      if (naar < 0 || naar >= links.length) return;
      event.preventDefault();
      links[naar].focus();
    });
    // A row chosen in the outline takes the focus (its score), not only the scroll position.
    overzicht.addEventListener("click", function (event) {
      var link = event.target.closest("[data-overzicht-rij]");
      if (!link) return;
      var rij = document.getElementById("rij-" + link.getAttribute("data-overzicht-rij"));
      if (!rij) return;
      event.preventDefault();
      history.replaceState(null, "", "#" + rij.id);
      rijFocussen(rij);
    });
  }

  // --- A searchable list of network partners over the plain multiple select ---------------
  document.querySelectorAll("select[multiple][data-zoekbaar]").forEach(function (lijst) {
    var zoek = document.createElement("input");
    zoek.type = "search";
    zoek.className = "form-control form-control-sm mb-1";
    zoek.id = lijst.id + "-zoek";
    zoek.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.className = "form-label small mb-0";
    label.htmlFor = zoek.id;
    label.textContent = "Zoek een " + lijst.getAttribute("data-zoekbaar");
    var gekozen = document.createElement("p");
    gekozen.className = "small mt-1 mb-0";
    gekozen.id = lijst.id + "-gekozen";
    gekozen.setAttribute("data-testid", "gekozen");
    lijst.insertAdjacentElement("beforebegin", label);
    lijst.insertAdjacentElement("beforebegin", zoek);
    lijst.insertAdjacentElement("afterend", gekozen);
    function toonGekozen() {
      var namen = Array.prototype.filter.call(lijst.options, function (o) { return o.selected; })
        .map(function (o) { return o.textContent; });
      gekozen.textContent = "Gekozen: " + (namen.length ? namen.join(", ") : "geen");
    }
    zoek.addEventListener("input", function () {
      var term = zoek.value.trim().toLowerCase();
      Array.prototype.forEach.call(lijst.options, function (o) {
        o.hidden = term !== "" && o.textContent.toLowerCase().indexOf(term) === -1 && !o.selected;
      });
    });
    // Enter in the search box picks the first match instead of submitting the form.
    zoek.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var eerste = Array.prototype.find.call(lijst.options, function (o) {
        return !o.hidden && !o.selected;
      });
      if (eerste && zoek.value.trim()) {
        eerste.selected = true;
        lijst.dispatchEvent(new Event("change", { bubbles: true }));
        zoek.value = "";
        zoek.dispatchEvent(new Event("input"));
      }
    });
    lijst.addEventListener("change", toonGekozen);
    toonGekozen();
  });
})();
