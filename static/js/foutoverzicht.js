// A page that shows refused input opens at its error summary (data-focus-bij-laden), so a
// screen reader reads what went wrong and the keyboard starts there.
(function () {
  "use strict";
  var eerst = document.querySelector("[data-focus-bij-laden]");
  if (eerst) eerst.focus();
})();
