// The web check-in page: reads the signed venue pass from the URL fragment (it never reaches the
// server's logs), shows the venue, checks in with the phone number remembered on this device,
// and checks out with the secret the check-in returned. The secret of the last visit at each venue
// is kept on this device, so that a re-scan during the stay extends that visit (the server extends
// a visit only for whoever holds its secret), and warnings of outbreaks there are shown at once.
(function () {
  "use strict";
  var byId = function (id) { return document.getElementById(id); };
  var pass = decodeURIComponent(location.hash.slice(1));
  var visit = null;
  function show(section) {
    ["loading", "checkin", "done", "failed"].forEach(function (id) { byId(id).hidden = id !== section; });
  }
  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          if (!response.ok) {
            var field = json.errors && json.errors[0];
            throw new Error(field ? field.field + " " + field.message : json.detail || response.statusText);
          }
          return json;
        });
      });
  }
  function fail(error) {
    byId("failed-message").textContent = error.message;
    show("failed");
  }
  if (!pass) { fail(new Error(byId("checkin-page").dataset.noQr)); return; }
  byId("phone").value = localStorage.getItem("covizone.phone") || "";
  post("/api/v1/checkins/preview", { qr: pass }).then(function (json) {
    byId("venue-name").textContent = json.venue.name;
    byId("venue-address").textContent = json.venue.address;
    show("checkin");
  }).catch(fail);
  byId("checkin-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var phone = byId("phone").value.trim();
    byId("form-error").textContent = "";
    var body = { qr: pass };
    if (phone) { body.phone = phone; }
    var remembered = JSON.parse(localStorage.getItem("covizone.visits") || "{}");
    if (remembered[pass]) { body.checkoutToken = remembered[pass]; }
    post("/api/v1/checkins", body).then(function (json) {
      if (phone) { localStorage.setItem("covizone.phone", phone); }
      remembered = {};
      remembered[pass] = json.checkoutToken;
      localStorage.setItem("covizone.visits", JSON.stringify(remembered));
      visit = json;
      var warnings = byId("outbreak-warnings");
      warnings.textContent = "";
      (json.outbreakWarnings || []).forEach(function (text) {
        var line = document.createElement("p");
        line.textContent = text;
        warnings.appendChild(line);
      });
      warnings.hidden = warnings.childNodes.length === 0;
      byId("checked-in-at").textContent = new Date(json.checkedInAt).toLocaleString(document.documentElement.lang, { timeZone: "Asia/Ho_Chi_Minh" });
      show("done");
    }).catch(function (error) { byId("form-error").textContent = error.message; });
  });
  byId("checkout-button").addEventListener("click", function () {
    if (!visit) { return; }
    post("/api/v1/checkins/" + visit.visitId + "/checkout", { token: visit.checkoutToken }).then(function () {
      byId("checked-out").hidden = false;
      byId("checkout-button").disabled = true;
    }).catch(fail);
  });
})();
