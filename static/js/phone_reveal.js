// "查看" / "查看完整号码" (chase lists, verification records): asks the server for one graduate's full phone number (a POST the server logs as a release
// of personal data) and shows it in place of the masked one.
(function () {
  "use strict";
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  document.querySelectorAll("button.reveal[data-url]").forEach(function (button) {
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
          button.parentNode.querySelector(".phone").textContent = data.phone;
          button.remove();
        })
        .catch(function () {
          button.disabled = false;
          button.textContent = "查看失败，重试";
        });
    });
  });
})();
