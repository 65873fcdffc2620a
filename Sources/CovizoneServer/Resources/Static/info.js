// The facility finder's "use my location" button: shown only where the browser can locate,
// it fills the position field with the phone's coordinates and looks facilities up.
(function () {
  var button = document.getElementById("info-locate");
  var near = document.getElementById("info-near");
  if (!button || !near || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      near.value = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
      document.getElementById("info-facilities-form").submit();
    });
  });
})();
