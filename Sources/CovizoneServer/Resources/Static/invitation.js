// The invitation page: the link's token comes after "#" (it reaches no server); it is copied into
// the form and taken out of the address bar, so that it is not left in the history.
(function () {
  "use strict";
  var token = document.getElementById("token");
  function take() {
    if (!token || location.hash.length <= 1) { return; }
    token.value = decodeURIComponent(location.hash.slice(1));
    history.replaceState(null, "", location.pathname);
    document.getElementById("password").focus();
  }
  window.addEventListener("hashchange", take);
  take();
})();
