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

// 单位所在地 offers the counties of the chosen 单位所在省份 only (all ~3,000 made the page 221 KB): when the
// province changes, its counties come from the small JSON endpoint its option names (data-counties), which
// the browser caches. Without JavaScript the server's list for the province it knows stays.
(function () {
  "use strict";
  var province = document.querySelector("[data-county-province]");
  var county = document.querySelector("[data-county-select]");
  if (!province || !county) { return; }
  function only(label) {
    county.textContent = "";
    county.add(new Option(label, ""));
  }
  function fill(data) {
    only(county.getAttribute("data-empty-label"));
    data.counties.forEach(function (row) { county.add(new Option(row[1], String(row[0]))); });
  }
  province.addEventListener("change", function () {
    var option = province.options[province.selectedIndex];
    var url = option && option.getAttribute("data-counties");
    only(county.getAttribute("data-first-label"));
    if (!url) { return; }
    county.disabled = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        // A later change wins: fill only for the province still chosen.
        if (province.options[province.selectedIndex] === option) { fill(data); }
      })
      .catch(function () { only(county.getAttribute("data-first-label")); })
      .then(function () { county.disabled = false; });
  });
})();
