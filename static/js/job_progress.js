// The job page polls its status while the job runs and reloads itself once it has finished (to show the
// summary, the errors and the download). A reload during the run starts polling again: the job lives on.
(function () {
  "use strict";
  var section = document.getElementById("job");
  if (!section || section.dataset.finished === "1") {
    return;
  }
  var url = section.dataset.statusUrl;
  var INTERVAL_MS = 1000;

  function show(id, text) {
    var node = document.getElementById(id);
    if (node) {
      node.textContent = text;
    }
  }

  function update(progress) {
    show("job-status", progress.status_label);
    show("job-phase", progress.phase_label);
    show("job-percent", progress.percent + "%");
    show("job-rows-done", String(progress.rows_done));
    show("job-rows-total", String(progress.rows_total));
    var bar = document.getElementById("job-bar");
    if (bar) {
      bar.value = progress.percent;
    }
    if (progress.finished) {
      window.location.reload();
      return;
    }
    window.setTimeout(poll, INTERVAL_MS);
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(update)
      .catch(function () {
        window.setTimeout(poll, INTERVAL_MS * 5);
      });
  }

  window.setTimeout(poll, INTERVAL_MS);
})();
