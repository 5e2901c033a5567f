/* A table wider than its box scrolls inside it; the class "scrolt" shows a line and a shadow
   that say so (stand.css), and goes when the screen is wide enough again. A link reached with
   Tab is brought wholly into view: Chromium leaves a half-visible one where it is, and the
   sticky first column (scroll-padding-left in stand.css) would cover one at the left edge. */
(function () {
  var boxes = document.querySelectorAll(".tabel-container");
  function mark() {
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].classList.toggle("scrolt", boxes[i].scrollWidth > boxes[i].clientWidth + 1);
    }
  }
  function reveal(event) {
    if (event.target !== event.currentTarget) {
      event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }
  for (var i = 0; i < boxes.length; i++) boxes[i].addEventListener("focusin", reveal);
  mark();
  window.addEventListener("resize", mark);
})();
