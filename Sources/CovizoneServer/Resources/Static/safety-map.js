// The safety map's pages. A live stream (server-sent events) recolours every element that
// shows a facility (a dot, a list row, a facility page's status) without a reload; the report
// form sends a chosen photo through the API as base64 (without a photo it is a plain form).
(function () {
  "use strict";
  var figure = document.getElementById("safety-map");
  var state = document.getElementById("live-state");
  var labels = {};
  document.querySelectorAll("#safety-filters select[name=status] option").forEach(function (option) {
    if (option.value) { labels[option.value] = option.textContent; }
  });

  function recolour(event) {
    var data = JSON.parse(event.data);
    document.querySelectorAll('[data-facility="' + data.id + '"]').forEach(function (element) {
      element.setAttribute("data-status", data.status);
      element.querySelectorAll("[data-status]").forEach(function (inner) { inner.setAttribute("data-status", data.status); });
      var label = element.querySelector('[data-role="label"]');
      if (label && labels[data.status]) { label.textContent = labels[data.status]; }
      var score = element.querySelector('[data-role="score"]');
      if (score && data.score !== null) { score.textContent = data.score + " %"; }
    });
  }

  var live = figure ? figure.dataset.live : (document.getElementById("facility-status") ? "/api/v1/safety/events" : null);
  if (live && window.EventSource) {
    var source = new EventSource(live);
    source.addEventListener("facility", recolour);
    source.addEventListener("open", function () { if (state) { state.textContent = state.dataset.connected; state.setAttribute("data-connected-now", "1"); } });
    source.addEventListener("error", function () { if (state) { state.textContent = state.dataset.disconnected; state.removeAttribute("data-connected-now"); } });
  }

  var form = document.getElementById("report");
  var photo = document.getElementById("report-photo");
  if (form && photo) {
    form.addEventListener("submit", function (event) {
      if (!photo.files.length) { return; }
      event.preventDefault();
      var reader = new FileReader();
      reader.onload = function () {
        var body = {
          category: form.elements.category.value, text: form.elements.text.value,
          phone: form.elements.phone.value || null, photo: String(reader.result).split(",")[1]
        };
        fetch(form.dataset.api, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
          .then(function (response) {
            if (response.status === 202) { window.location = window.location.pathname + "?sent=1#report"; return; }
            return response.json().then(function (problem) {
              var message = document.createElement("p");
              message.className = "error";
              message.setAttribute("role", "alert");
              message.textContent = (problem.errors || []).map(function (e) { return e.field + ": " + e.message; }).join("; ") || problem.detail;
              form.insertBefore(message, form.querySelector("label"));
            });
          });
      };
      reader.readAsDataURL(photo.files[0]);
    });
  }
})();
