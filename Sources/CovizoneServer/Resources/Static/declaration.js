// The declaration forms: a question whose data-show-if condition is not met is hidden and its
// inputs disabled (the server drops such answers anyway), and each ward list follows its
// province (wards from the public divisions API). Without JavaScript every question shows.
(function () {
  "use strict";
  var form = document.getElementById("declaration-form");
  if (!form) { return; }

  function values(name) {
    var found = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name !== name || element.disabled) { return; }
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) { return; }
      if (element.tagName === "SELECT" && element.multiple) {
        Array.prototype.forEach.call(element.selectedOptions, function (option) { found.push(option.value); });
      } else if (element.value !== "") {
        found.push(element.value);
      }
    });
    return found;
  }

  function isMet(condition) {
    if (condition.all && !condition.all.every(isMet)) { return false; }
    if (condition.any && !condition.any.some(isMet)) { return false; }
    if (!condition.question) { return true; }
    var answers = values(condition.question);
    if (answers.length === 0) { return false; }
    if (condition.equals !== undefined && condition.equals !== null && String(condition.equals) !== answers[0]) { return false; }
    if (condition.includesAny && !condition.includesAny.some(function (value) { return answers.indexOf(value) >= 0; })) { return false; }
    return true;
  }

  var conditional = Array.prototype.slice.call(form.querySelectorAll("[data-show-if]"));
  function update() {
    conditional.forEach(function (question) {
      var shown = isMet(JSON.parse(question.dataset.showIf));
      question.hidden = !shown;
      Array.prototype.forEach.call(question.querySelectorAll("input, select"), function (input) { input.disabled = !shown; });
    });
  }
  form.addEventListener("change", update);
  update();

  Array.prototype.forEach.call(form.querySelectorAll(".province-picker"), function (province) {
    var ward = document.getElementById(province.dataset.wardSelect);
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
  });
})();
