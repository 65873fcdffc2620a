// The campaign pages: the editor shows the message's encoding and parts as it is typed (from the
// public SMS preview API, with {province} written as the longest province name, so the figure is
// what the costliest recipient gets), and a chosen CSV file is read into its import text box.
(function () {
  "use strict";
  var template = document.getElementById("template");
  var plain = document.getElementById("noDiacritics");
  var preview = document.getElementById("sms-preview");
  var parts = document.getElementById("sms-parts");
  var pending = null;
  function show() {
    var text = template.value.replace(/\{province\}/g, template.dataset.province || "");
    if (!text) { preview.textContent = ""; parts.replaceChildren(); return; }
    fetch("/api/v1/sms/preview", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text, noDiacritics: plain.checked })
    }).then(function (response) { return response.ok ? response.json() : null; }).then(function (json) {
      if (!json) { return; }
      preview.textContent = preview.dataset.parts.replace("{encoding}", json.encoding).replace("{parts}", json.parts).replace("{chars}", json.chars) +
        (plain.checked ? "" : " " + preview.dataset.plain.replace("{parts}", json.withoutDiacritics.parts));
      parts.replaceChildren.apply(parts, json.partTexts.map(function (part) {
        var item = document.createElement("li");
        item.textContent = part;
        return item;
      }));
    });
  }
  if (template && preview) {
    template.addEventListener("input", function () { clearTimeout(pending); pending = setTimeout(show, 200); });
    plain.addEventListener("change", show);
    show();
  }
  Array.prototype.forEach.call(document.querySelectorAll(".import-form"), function (form) {
    var file = form.querySelector(".csv-file");
    var text = form.querySelector(".csv-text");
    file.addEventListener("change", function () {
      if (file.files.length) { file.files[0].text().then(function (content) { text.value = content; }); }
    });
  });
  // While a round is going out or awaits receipts, its figures and charts are fetched again every
  // few seconds, until none does (or for ten minutes: an SMSC may never send some receipts).
  var refreshUntil = Date.now() + 10 * 60 * 1000;
  function refreshRounds() {
    var rounds = document.getElementById("campaign-rounds");
    if (!rounds || !rounds.dataset.refreshSeconds || Date.now() > refreshUntil) { return; }
    setTimeout(function () {
      fetch(location.href, { headers: { Accept: "text/html" } }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("campaign-rounds");
        if (fresh) { rounds.replaceWith(fresh); }
        refreshRounds();
      }).catch(refreshRounds);
    }, Number(rounds.dataset.refreshSeconds) * 1000);
  }
  refreshRounds();
})();
