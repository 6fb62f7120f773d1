// Hover (or focus) an event: the words it was read from light up, and the reverse.
(function () {
  "use strict";
  function lit(ids, on) {
    ids.forEach(function (id) {
      document.querySelectorAll('[data-s~="' + id + '"]').forEach(function (el) {
        el.classList.toggle("lit", on);
      });
    });
  }
  document.querySelectorAll(".ev[data-spans]").forEach(function (card) {
    var ids = (card.getAttribute("data-spans") || "").split(" ").filter(Boolean);
    ["mouseenter", "focus"].forEach(function (name) {
      card.addEventListener(name, function () { card.classList.add("on"); lit(ids, true); });
    });
    ["mouseleave", "blur"].forEach(function (name) {
      card.addEventListener(name, function () { card.classList.remove("on"); lit(ids, false); });
    });
  });
  document.querySelectorAll(".seg[data-s]").forEach(function (seg) {
    var ids = seg.getAttribute("data-s").split(" ");
    seg.addEventListener("mouseenter", function () {
      document.querySelectorAll(".ev[data-spans]").forEach(function (card) {
        var own = card.getAttribute("data-spans").split(" ");
        card.classList.toggle("on", ids.some(function (id) { return own.indexOf(id) >= 0; }));
      });
    });
  });
})();
