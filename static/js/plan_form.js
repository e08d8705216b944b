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
    var required = (option && option.getAttribute("data-required") || "").split(" ");
    rows.forEach(function (row) {
      var name = row.getAttribute("data-plan-field");
      row.hidden = wanted.indexOf(name) === -1 && !row.hasAttribute("data-plan-error");
      // The server requires these for this destination: mark them as Django marks always-required fields.
      var label = row.querySelector("label");
      if (label) { label.classList.toggle("required", required.indexOf(name) !== -1); }
    });
  }
  select.addEventListener("change", update);
  update();
})();
