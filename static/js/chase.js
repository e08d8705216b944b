// The chase list: "select all" ticks every row of the page; "查看" asks the server for one graduate's full
// phone number (the server logs each reveal) and shows it in place of the masked one.
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input.pick").forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }
  var form = document.getElementById("chase-notify");
  var token = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
  document.querySelectorAll("button.reveal").forEach(function (button) {
    button.addEventListener("click", function () {
      button.disabled = true;
      fetch(button.getAttribute("data-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          var phone = button.parentNode.querySelector(".phone");
          phone.textContent = data.phone;
          button.remove();
        })
        .catch(function () {
          button.disabled = false;
          button.textContent = "查看失败，重试";
        });
    });
  });
})();
