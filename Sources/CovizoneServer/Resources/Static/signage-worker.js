// Keeps the signage page, its script and its style for a screen that reloads without network:
// the network first, the last copy when it fails.
var CACHE = "covizone-signage-v1";

self.addEventListener("install", function (event) { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  var kept = url.pathname === "/info/signage" || url.pathname === "/static/signage.js" || url.pathname === "/static/signage.css";
  if (event.request.method !== "GET" || !kept) return;
  event.respondWith(
    fetch(event.request).then(function (response) {
      var copy = response.clone();
      if (response.ok) caches.open(CACHE).then(function (cache) { cache.put(event.request, copy); });
      return response;
    }).catch(function () {
      return caches.match(event.request);
    })
  );
});
