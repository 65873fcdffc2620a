// The venue forms: the ward list follows the chosen province (the wards come from the public
// divisions API), and a chosen CSV file is read into the import text box.
(function () {
  "use strict";
  var province = document.getElementById("provinceCode");
  var ward = document.getElementById("wardCode");
  if (province && ward) {
    province.addEventListener("change", function () {
      fetch(province.dataset.wards + encodeURIComponent(province.value) + "/wards")
        .then(function (response) { return response.json(); })
        .then(function (json) {
          ward.replaceChildren.apply(ward, (json.items || []).map(function (item) {
            var option = document.createElement("option");
            option.value = item.code;
            option.textContent = item.name;
            return option;
          }));
        });
    });
  }
  var file = document.getElementById("csv-file");
  var text = document.getElementById("csv");
  if (file && text) {
    file.addEventListener("change", function () {
      if (file.files.length) { file.files[0].text().then(function (content) { text.value = content; }); }
    });
  }
})();
