// A header checkbox marked data-select-all="NAME" ticks or clears every checkbox named NAME in its form, and
// shows "some" (indeterminate) when only part of them are ticked.
(function () {
  "use strict";
  document.querySelectorAll("input[type=checkbox][data-select-all]").forEach(function (master) {
    var form = master.form || document;
    var name = master.getAttribute("data-select-all");
    function boxes() {
      return Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name='" + name + "']"));
    }
    master.addEventListener("change", function () {
      boxes().forEach(function (box) {
        box.checked = master.checked;
      });
    });
    form.addEventListener("change", function (event) {
      if (event.target === master || event.target.name !== name) {
        return;
      }
      var all = boxes();
      var ticked = all.filter(function (box) {
        return box.checked;
      }).length;
      master.checked = ticked === all.length && ticked > 0;
      master.indeterminate = ticked > 0 && ticked < all.length;
    });
  });
})();
