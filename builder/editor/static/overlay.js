// The overlay of `stand serve`; builder/editor/overlay.py fills in the status path and overlay id.
(() => {
  "use strict";
  const EVENTS = "__EVENTS__";
  const ID = "__ID__";
  const me = document.currentScript;
  const loadedBuild = Number(me && me.dataset.build || 0);
  let shownFor = null;      // the errors the overlay shows, as JSON
  let dismissedFor = null;  // the errors the editor hid with "Verbergen"
  let focusBefore = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function item(error) {
    let where = error.bestand;
    if (error.regel) where += ":" + error.regel + ":" + (error.kolom || 1);
    const li = el("li", {},
      el("p", {class: "stand-plek"}, el("code", {}, where), " ", error.code),
      el("p", {class: "stand-melding"}, error.melding));
    if (error.uitsnede) li.append(el("pre", {}, error.uitsnede));
    if (error.hint) li.append(el("p", {class: "stand-hint"}, "Hint: " + error.hint));
    return li;
  }

  function overlay(status) {
    const errors = status.fouten;
    const count = errors.length;
    const title = status.mislukt && !count
      ? "De site kon niet gebouwd worden"
      : "De inhoud bevat " + plural(count, "fout", "fouten");
    const list = el("ol", {}, ...errors.map(item));
    if (status.mislukt) {
      list.append(el("li", {}, el("p", {class: "stand-melding"}, status.mislukt)));
    }
    const hide = el("button", {type: "button"}, "Verbergen");
    const panel = el("div", {class: "stand-paneel"},
      el("h2", {id: ID + "-titel", tabindex: "-1"}, title),
      el("p", {id: ID + "-uitleg"},
        (status.build > 0
          ? "U ziet de laatste versie zonder fouten. "
          : "Er is nog geen versie zonder fouten om te tonen. ") +
        "Verbeter het bestand en sla het op: deze pagina ververst dan vanzelf."),
      list, hide);
    const root = el("div", {
      id: ID, role: "alertdialog", "aria-modal": "true",
      "aria-labelledby": ID + "-titel", "aria-describedby": ID + "-uitleg",
    }, el("style", {}, STYLE), panel);
    hide.addEventListener("click", () => { dismissedFor = shownFor; remove(); });
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { dismissedFor = shownFor; remove(); }
      if (event.key === "Tab") { event.preventDefault(); hide.focus(); }  // stay in the dialog
    });
    return root;
  }

  function remove() {
    const old = document.getElementById(ID);
    if (!old) return;
    old.remove();
    shownFor = null;
    if (focusBefore && document.contains(focusBefore)) focusBefore.focus();
  }

  function show(status) {
    const key = JSON.stringify([status.fouten, status.mislukt]);
    if (key === shownFor || key === dismissedFor) return;
    const hadOverlay = document.getElementById(ID) !== null;
    if (!hadOverlay) focusBefore = document.activeElement;
    const old = document.getElementById(ID);
    if (old) old.remove();
    shownFor = key;
    dismissedFor = null;
    document.body.append(overlay(status));
    document.getElementById(ID + "-titel").focus();
  }

  // The server pushes the status when the page connects and after every build; when serve
  // stops, the browser keeps the page and reconnects (after the server's "retry").
  function listen() {
    const events = new EventSource(EVENTS);
    events.onmessage = (message) => {
      const status = JSON.parse(message.data);
      const broken = status.fouten.length > 0 || status.mislukt;
      if (!broken && status.build > loadedBuild) { events.close(); location.reload(); return; }
      if (broken) show(status); else { dismissedFor = null; remove(); }
    };
  }

  const STYLE = `
    #${ID} { position: fixed; inset: 0; z-index: 2147483647; background: rgb(0 0 0 / 60%);
      display: flex; align-items: flex-start; justify-content: center; overflow: auto;
      padding: 2rem 1rem; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; }
    #${ID} .stand-paneel { background: #fff; max-width: 60rem; width: 100%; padding: 1.5rem;
      border-top: 0.5rem solid #b00020; border-radius: 0.25rem; }
    #${ID} h2 { margin: 0 0 0.5rem; font-size: 1.5rem; color: #8a0018; }
    #${ID} h2:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
    #${ID} ol { padding-left: 1.5rem; }
    #${ID} li { margin: 1rem 0; }
    #${ID} p { margin: 0.25rem 0; }
    #${ID} code, #${ID} pre { font-family: ui-monospace, monospace; font-size: 0.875rem; }
    #${ID} pre { background: #f3f3f3; padding: 0.5rem; overflow-x: auto; white-space: pre; }
    #${ID} .stand-plek { font-weight: bold; }
    #${ID} button { font: inherit; padding: 0.4rem 1rem; border: 2px solid #1a1a1a;
      background: #fff; color: #1a1a1a; border-radius: 0.25rem; cursor: pointer; }
    #${ID} button:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
    @media print { #${ID} { display: none; } }
  `;

  listen();
})();
