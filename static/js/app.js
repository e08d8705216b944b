// Long work (an import's check or write, a report's generation) shows that it is under way: a form marked
// data-busy disables its buttons on submit and says so, so nobody clicks twice or thinks it hung.
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (button) {
        button.disabled = true;
      });
      var note = document.createElement("p");
      note.className = "busy";
      note.setAttribute("role", "status");
      note.textContent = form.getAttribute("data-busy");
      form.appendChild(note);
    });
  });
})();

// The error pages' "返回上一页" goes back in the browser's history when there is one; without it (a link opened
// in a new tab) the link's own href, the home page, is where it leads.
(function () {
  "use strict";
  var back = document.getElementById("go-back");
  if (!back) return;
  back.addEventListener("click", function (event) {
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
