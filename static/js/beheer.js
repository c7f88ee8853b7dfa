// Accessibility fix for the Django admin (issue 17). Django's SelectFilter widget (the two
// lists of filter_horizontal) puts an aria-label on a plain <span> next to each search field,
// which ARIA does not allow without a role (axe: aria-prohibited-attr). As an image with that
// label, screen readers still read the hint. The widget is built after the page loads, so new
// nodes are watched.
(function () {
  "use strict";
  function herstel(wortel) {
    wortel.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "img");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    herstel(document);
    new MutationObserver(function () {
      herstel(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
