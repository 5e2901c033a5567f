/* Keyboard use of mkdocs-material's narrow-screen menu (the drawer; Material issue #4101).
   The menu button is a <label> made focusable in partials/header.html; Material's script
   clicks a focused label on Enter. This adds: Space does the same, opening the menu moves the
   focus into it, Escape closes it and returns to the button, and leaving it with Tab closes it,
   so the focus never lands on content hidden behind the open drawer. */
(function () {
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  var sidebar = document.querySelector(".md-sidebar--primary");
  if (!drawer || !button || !sidebar) return;

  function close(returnFocus) {
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
    if (returnFocus) button.focus();
  }

  function firstVisibleControl() {
    var controls = sidebar.querySelectorAll("a[href], label[tabindex]");
    for (var i = 0; i < controls.length; i++) {
      var box = controls[i].getBoundingClientRect();
      var hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (box.width && hit && controls[i].contains(hit)) return controls[i];
    }
    return null;
  }

  /* Opening the menu, or a level in it, from the keyboard: focus the first control of the
     panel that is now shown (after the 250 ms slide), not the button or label now hidden. */
  function focusPanel(event) {
    var active = document.activeElement;
    var fromKeyboard = active && active.matches("label[tabindex]");
    if (!drawer.checked || !fromKeyboard) return;
    setTimeout(function () {
      var first = firstVisibleControl();
      if (first) first.focus();
    }, 300);
  }
  drawer.addEventListener("change", focusPanel);

  /* A section (navigation.sections) is a heading on wide screens but a level of the drawer on
     narrow ones: only there can its label be reached with Tab. */
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  var sections = sidebar.querySelectorAll(".md-nav__item--section > label.md-nav__link:not([tabindex])");
  function reachSections() {
    for (var i = 0; i < sections.length; i++) {
      if (narrow.matches) sections[i].setAttribute("tabindex", "0");
      else sections[i].removeAttribute("tabindex");
    }
  }
  reachSections();
  narrow.addEventListener("change", reachSections);
  var toggles = sidebar.querySelectorAll("input.md-nav__toggle");
  for (var i = 0; i < toggles.length; i++) toggles[i].addEventListener("change", focusPanel);

  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    if (event.key === "Escape" && drawer.checked) {
      close(true);
    } else if (event.key === " " && active && active.matches("label[tabindex]")) {
      event.preventDefault();
      active.click();
    }
  });

  document.addEventListener("focusin", function (event) {
    if (drawer.checked && !sidebar.contains(event.target) && !button.contains(event.target)) {
      close(false);
    }
  });
})();
