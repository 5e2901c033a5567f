/* Later editions, seen from an earlier one. A published edition is frozen: its pages never
   change when a new edition appears. What they cannot know at build time comes from the site
   root's edities.json (written by every build): the later editions in the switcher, the
   "newer edition" banner, and what later editions said became of a recommendation. Text is
   set with textContent only. Without the file (opened from disk, or a single edition) the
   page stays as it was built. */
(function () {
  var box = document.querySelector(".stand-edities");
  if (!box || !window.fetch) return;
  var year = box.dataset.editie;
  var page = box.dataset.pagina;
  var site = box.dataset.site;

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  /* An edition that was the only one when it was built has no switcher yet: this edition. */
  function makeSwitcher() {
    var nav = document.createElement("nav");
    nav.className = "edities";
    nav.setAttribute("aria-label", "Edities");
    var label = document.createElement("span");
    label.textContent = "Editie:";
    var list = document.createElement("ul");
    var item = document.createElement("li");
    var current = link(site + year + "/" + page, year);
    current.setAttribute("aria-current", "page");
    item.appendChild(current);
    list.appendChild(item);
    nav.appendChild(label);
    nav.appendChild(list);
    box.appendChild(nav);
    return nav;
  }

  function addLaterEditions(data) {
    var later = (data.paginas[year] || {})[page] || {};
    var years = Object.keys(later).sort();
    if (!years.length) return;
    var nav = box.querySelector("nav.edities") || makeSwitcher();
    var list = nav.querySelector("ul");
    years.forEach(function (other) {
      var item = document.createElement("li");
      var exact = later[other] !== "";
      item.appendChild(link(site + other + "/" + later[other], other + (exact ? "" : " (start)")));
      list.appendChild(item);
    });
    var newest = String(data.nieuwste);
    if (newest in later) {
      var banner = document.createElement("p");
      banner.className = "editie-banner";
      banner.setAttribute("role", "note");
      banner.appendChild(document.createTextNode("U bekijkt editie " + year + ". Er is een nieuwere editie: "));
      var label = later[newest] !== "" ? "dit onderwerp in editie " + newest : "editie " + newest;
      banner.appendChild(link(site + newest + "/" + later[newest], label));
      banner.appendChild(document.createTextNode("."));
      box.insertBefore(banner, nav);
    }
  }

  function addFollowUp(data) {
    var section = document.querySelector(".stand-later");
    if (!section) return;
    var judged = (data.opvolging[year] || {})[section.dataset.aanbeveling] || [];
    if (!judged.length) return;
    var heading = document.createElement("h2");
    heading.id = "in-latere-edities";
    heading.textContent = "In latere edities";
    var list = document.createElement("ul");
    section.appendChild(heading);
    section.appendChild(list);
    judged.forEach(function (entry) {
      var item = document.createElement("li");
      var text = "Editie " + entry.jaar + ": " + entry.status;
      if (entry.toelichting) text += ". " + entry.toelichting;
      item.appendChild(document.createTextNode(text));
      if (entry.pagina) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(link(site + entry.pagina, "Naar de aanbeveling in editie " + entry.jaar));
      }
      list.appendChild(item);
    });
    section.hidden = false;
  }

  fetch(site + "edities.json")
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) return;
      addLaterEditions(data);
      addFollowUp(data);
    })
    .catch(function () {});
})();
