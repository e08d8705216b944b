// Shows only the plan fields the chosen destination needs. Without JavaScript every field shows and the
// server still keeps only the ones that destination needs.
(function () {
  "use strict";
  var select = document.querySelector("[data-plan-destination]");
  if (!select) { return; }
  var rows = document.querySelectorAll("[data-plan-field]");
  function update() {
    var option = select.options[select.selectedIndex];
    var wanted = (option && option.getAttribute("data-fields") || "").split(" ");
    rows.forEach(function (row) {
      row.hidden = wanted.indexOf(row.getAttribute("data-plan-field")) === -1;
    });
  }
  select.addEventListener("change", update);
  update();
})();
