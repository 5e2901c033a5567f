// The search page (zoeken/): our own form, results and filters on Pagefind's JavaScript API.
// Other editions' indexes are merged in (every page carries an "editie" filter); results start
// filtered to this edition. ?q= starts a search. A filter with fewer than two values is not shown.
// Earlier editions are named in the page; later ones come from the site root's edities.json,
// so a published edition's search page never changes when a new edition appears.
(function () {
  var root = document.getElementById("zoeken");
  var form = document.querySelector(".zoekformulier");
  var input = document.getElementById("zoekterm");
  var status = document.getElementById("zoekstatus");
  var panel = document.getElementById("zoekfilters");
  var groups = panel.querySelector(".zoekfilters-groepen");
  var chosenCount = panel.querySelector(".zoekfilters-aantal");
  var list = document.getElementById("zoekresultaten");
  var more = document.getElementById("zoekmeer");
  var others = JSON.parse(root.dataset.andereEdities || "[]");
  var bundle = new URL("../pagefind/pagefind.js", document.currentScript.src).href;
  var PAGE_SIZE = 10;
  var FILTER_NAMES = {
    soort: "Soort",
    element: "Element van het speelveld",
    niveau: "Niveau",
    casus: "Casus",
    editie: "Editie",
  };
  var chosen = { editie: [root.dataset.editie] };
  var results = [];
  var shown = 0;
  var latest = 0;
  root.hidden = false;

  var year = Number(root.dataset.editie);
  var later = !window.fetch
    ? Promise.resolve([])
    : fetch("../../edities.json")
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(laterEditions)
        .catch(function () { return []; });

  function laterEditions(data) {
    return (data && data.edities ? data.edities : [])
      .filter(function (other) { return other > year; })
      .map(function (other) { return { jaar: other, pad: "../../" + other + "/pagefind/" }; });
  }

  var ready = later.then(function (more) {
    others = others.concat(more);
    return import(bundle);
  }).then(function (pagefind) {
    return Promise.all(
      others.map(function (edition) {
        return pagefind.mergeIndex(new URL(edition.pad, window.location.href).href);
      })
    ).then(function () {
      return pagefind.filters().then(function (all) {
        showFilters(all);
        return pagefind;
      });
    });
  });

  // Pagefind's Dutch stemmer (Snowball) takes -en off "windmolen" but only -s off "windmolens",
  // so singular and plural of -en nouns meet no stem. Search both forms and join the results.
  function wordForms(word) {
    var forms = [word];
    if (/[a-z]ens$/.test(word) && word.length > 5) forms.push(word.slice(0, -1));
    else if (/[a-z]en$/.test(word) && word.length > 4) forms.push(word + "s");
    return forms;
  }

  function queryForms(query) {
    var combos = [""];
    query.toLowerCase().split(/\s+/).filter(Boolean).forEach(function (word) {
      var next = [];
      combos.forEach(function (start) {
        wordForms(word).forEach(function (form) {
          next.push(start ? start + " " + form : form);
        });
      });
      combos = next.slice(0, 8);
    });
    return combos;
  }

  function activeFilters() {
    var filters = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length) filters[name] = { any: chosen[name] };
    });
    return filters;
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (!query) {
      status.textContent = "";
      list.replaceChildren();
      more.hidden = true;
      return;
    }
    status.textContent = "Zoeken…";
    ready.then(function (pagefind) {
      var searches = queryForms(query).map(function (form) {
        return pagefind.search(form, { filters: activeFilters() });
      });
      return Promise.all(searches).then(function (found) {
        if (ticket !== latest) return;
        var best = {};
        found.forEach(function (search) {
          search.results.forEach(function (result) {
            if (!best[result.id] || best[result.id].score < result.score) best[result.id] = result;
          });
        });
        results = Object.keys(best).map(function (id) { return best[id]; });
        results.sort(function (a, b) { return b.score - a.score; });
        list.replaceChildren();
        shown = 0;
        var count = results.length;
        var quoted = "‘" + query + "’";
        status.textContent = count === 0
          ? "Geen resultaten voor " + quoted
          : count + (count === 1 ? " resultaat" : " resultaten") + " voor " + quoted;
        showMore(false);
      });
    });
  }

  function showMore(focusFirst) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      pages.forEach(function (page, index) {
        var item = renderResult(page);
        list.appendChild(item);
        if (focusFirst && index === 0) item.querySelector("a").focus();
      });
    });
  }

  function link(url, text) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    return a;
  }

  function renderResult(page) {
    var item = document.createElement("li");
    item.className = "zoekresultaat";
    var kind = (page.filters.soort || [])[0];
    if (kind) {
      var label = document.createElement("p");
      label.className = "zoekresultaat-soort";
      label.textContent = kind + ((page.filters.editie || []).length && others.length
        ? " · editie " + page.filters.editie[0] : "");
      item.appendChild(label);
    }
    var heading = document.createElement("h2");
    heading.className = "zoekresultaat-titel";
    heading.appendChild(link(page.url, page.meta.title || page.url));
    item.appendChild(heading);
    var excerpt = document.createElement("p");
    excerpt.className = "zoekresultaat-uitsnede";
    excerpt.innerHTML = page.excerpt; // Pagefind escapes the text; only <mark> is markup
    item.appendChild(excerpt);
    var sections = page.sub_results.filter(function (s) { return s.url !== page.url; }).slice(0, 3);
    if (sections.length) {
      var sub = document.createElement("ul");
      sub.className = "zoekresultaat-delen";
      sections.forEach(function (section) {
        var li = document.createElement("li");
        li.appendChild(link(section.url, section.title));
        sub.appendChild(li);
      });
      item.appendChild(sub);
    }
    return item;
  }

  function showFilters(all) {
    var names = Object.keys(FILTER_NAMES).filter(function (name) {
      return all[name] && Object.keys(all[name]).length > 1;
    });
    names.forEach(function (name) {
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = FILTER_NAMES[name];
      fieldset.appendChild(legend);
      Object.keys(all[name]).sort().forEach(function (value, index) {
        var id = "filter-" + name + "-" + index;
        var box = document.createElement("input");
        box.type = "checkbox";
        box.id = id;
        box.value = value;
        box.name = name;
        box.checked = (chosen[name] || []).indexOf(value) >= 0;
        box.addEventListener("change", function () {
          chosen[name] = Array.prototype.map.call(
            fieldset.querySelectorAll("input:checked"), function (b) { return b.value; });
          updateCount();
          run();
        });
        var label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = value;
        var row = document.createElement("div");
        row.className = "zoekfilter";
        row.append(box, label);
        fieldset.appendChild(row);
      });
      groups.appendChild(fieldset);
    });
    // A filter shown nowhere (one edition only) does not narrow the search either.
    Object.keys(chosen).forEach(function (name) {
      if (names.indexOf(name) < 0) delete chosen[name];
    });
    panel.hidden = names.length === 0;
    updateCount();
  }

  function updateCount() {
    var count = Object.keys(chosen).reduce(function (n, name) { return n + chosen[name].length; }, 0);
    chosenCount.textContent = count ? "(" + count + " gekozen)" : "";
  }

  var typing;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(run, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    run();
  });
  more.addEventListener("click", function () { showMore(true); });

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    run();
  } else {
    input.focus();
  }
})();
