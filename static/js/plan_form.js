// Shows only the plan fields the chosen destination needs. Without JavaScript every field shows; the server
// refuses a value the destination cannot keep with an error on that field, which therefore always shows
// (data-plan-error), with what the student typed.
(function () {
  "use strict";
  var select = document.querySelector("[data-plan-destination]");
  if (!select) { return; }
  var rows = document.querySelectorAll("[data-plan-field]");
  function update() {
    var option = select.options[select.selectedIndex];
    var wanted = (option && option.getAttribute("data-fields") || "").split(" ");
    rows.forEach(function (row) {
      row.hidden = wanted.indexOf(row.getAttribute("data-plan-field")) === -1 &&
        !row.hasAttribute("data-plan-error");
    });
  }
  select.addEventListener("change", update);
  update();
})();
