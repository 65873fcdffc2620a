// The signage screen cycles the announcements every 12 s and asks for fresh ones and the
// hotlines every 5 minutes; when the network is gone it keeps showing what it has (a service
// worker keeps the page itself for a reload without network).
(function () {
  var body = document.body;
  var province = body.getAttribute("data-province");
  var lang = body.getAttribute("data-lang") === "en" ? "en" : "vi";
  var slides = document.getElementById("signage-slides");
  var hotlines = document.getElementById("signage-hotlines");
  var query = province ? "?province=" + encodeURIComponent(province) : "";
  var shown = 0;

  function text(value) { return (value && (value[lang] || value.vi)) || ""; }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function cycle() {
    var all = slides.querySelectorAll(".slide");
    if (all.length === 0) return;
    for (var i = 0; i < all.length; i++) all[i].classList.remove("shown");
    shown = (shown + 1) % all.length;
    all[shown].classList.add("shown");
  }

  function showAnnouncements(items) {
    if (!items.length) return;
    slides.textContent = "";
    items.forEach(function (item) {
      var slide = element("section", "slide" + (item.priority === "normal" ? "" : " urgent"));
      slide.appendChild(element("h1", null, text(item.title)));
      slide.appendChild(element("p", null, text(item.body)));
      slides.appendChild(slide);
    });
    shown = -1;
    cycle();
  }

  function showHotlines(items) {
    if (!items.length) return;
    hotlines.textContent = "";
    items.forEach(function (item) {
      var line = element("span", "hotline");
      line.appendChild(element("strong", null, item.number));
      line.appendChild(document.createTextNode(" " + text(item.name) + (item.free ? " · " + hotlines.getAttribute("data-free") : "")));
      hotlines.appendChild(line);
    });
  }

  function refresh() {
    Promise.all([
      fetch("/api/v1/info/announcements" + query).then(function (r) { if (!r.ok) throw r; return r.json(); }),
      fetch("/api/v1/info/hotlines" + query).then(function (r) { if (!r.ok) throw r; return r.json(); })
    ]).then(function (answers) {
      showAnnouncements(answers[0].items);
      showHotlines(answers[1].items);
    }).catch(function () { /* offline: keep what is shown */ });
  }

  var first = slides.querySelector(".slide");
  if (first) first.classList.add("shown");
  setInterval(cycle, 12000);
  setInterval(refresh, 300000);
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/info/signage-worker.js").catch(function () {});
})();
