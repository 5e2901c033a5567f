/* A table wider than its box scrolls inside it; the class "scrolt" shows a line and a shadow
   that say so (stand.css), and goes when the screen is wide enough again. */
(function () {
  var boxes = document.querySelectorAll(".tabel-container");
  function mark() {
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].classList.toggle("scrolt", boxes[i].scrollWidth > boxes[i].clientWidth + 1);
    }
  }
  mark();
  window.addEventListener("resize", mark);
})();
