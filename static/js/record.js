// The registration record's print button: the browser's print dialog (and its "save as PDF").
(function () {
  "use strict";
  var button = document.getElementById("print-record");
  if (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
