// The theme's menu, search, colour switch and navigation sections, worked by real
// buttons (quiz_engine/build/markup.py turned the theme's labels into them): each
// button ticks the hidden checkbox the theme watches. Also: a closed menu or search
// panel takes no keyboard focus, Escape closes them, and after a move to another page
// focus goes to its main heading, which a screen reader then reads out.

// Widths at which the theme shows the menu as a drawer and search as a full-screen panel.
const DRAWER = matchMedia("(max-width: 76.234375em)");
const SEARCH_PANEL = matchMedia("(max-width: 59.984375em)");

function setToggle(id, on) {
  const input = document.getElementById(id);
  if (!input || input.checked === on) return;
  input.checked = on;
  input.dispatchEvent(new Event("change", { bubbles: true })); // what the theme's scripts watch
  sync();
}

/** aria-expanded of every toggle button, and inert on what is closed. */
function sync() {
  for (const button of document.querySelectorAll("button[data-qe-toggle]")) {
    const input = document.getElementById(button.dataset.qeToggle);
    if (input) button.setAttribute("aria-expanded", String(input.checked));
  }
  const drawerOpen = document.getElementById("__drawer")?.checked;
  const searchOpen = document.getElementById("__search")?.checked;
  const sidebar = document.querySelector(".md-sidebar--primary");
  sidebar?.toggleAttribute("inert", DRAWER.matches && !drawerOpen);
  if (sidebar) coverParents(sidebar);
  document.querySelector(".md-search")?.toggleAttribute("inert", SEARCH_PANEL.matches && !searchOpen);
}

/** In the drawer, an open section's list is drawn over the list it belongs to: what it
    covers takes no focus (its own title button goes back up a level). */
function coverParents(sidebar) {
  for (const covered of sidebar.querySelectorAll("[data-qe-covered]")) {
    covered.removeAttribute("data-qe-covered");
    covered.inert = false;
  }
  if (!DRAWER.matches) return; // at desktop width the sections open in place
  for (const toggle of sidebar.querySelectorAll(".md-nav__toggle:checked")) {
    const item = toggle.parentElement;
    const hidden = [...item.parentElement.children].filter((el) => el !== item);
    hidden.push(...item.querySelectorAll(":scope > :is(.md-nav__link, .md-nav__container)"));
    const title = item.parentElement.parentElement.querySelector(":scope > .md-nav__title");
    if (title) hidden.push(title);
    for (const el of hidden) {
      el.inert = true;
      el.setAttribute("data-qe-covered", "");
    }
  }
}

document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const palette = target?.closest("[data-qe-palette]");
  if (palette) {
    document.getElementById(palette.dataset.qePalette)?.click();
    // The theme now shows the other scheme's button: keep focus on the switch.
    palette.parentElement.querySelector("[data-qe-palette]:not([hidden])")?.focus();
    return;
  }
  const toggle = target?.closest("[data-qe-toggle]");
  if (!toggle || target.closest("a")) return;
  const id = toggle.dataset.qeToggle;
  const input = document.getElementById(id);
  if (!input) return;
  setToggle(id, !input.checked);
  if (id === "__drawer" && input.checked) drawerStart()?.focus();
  if (id === "__search" && input.checked) document.querySelector(".md-search__input")?.focus();
});

/** Where focus goes in an opened drawer: the title of the section it shows (the innermost
    open one, drawn over the others), else the first link of the menu. */
function drawerStart() {
  const sidebar = document.querySelector(".md-sidebar--primary");
  const open = [...(sidebar?.querySelectorAll(".md-nav__toggle:checked:not(#__toc)") || [])].pop();
  return open?.parentElement.querySelector(":scope > nav > button.md-nav__title") || sidebar?.querySelector(".md-nav__list a[href]");
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const id of ["__drawer", "__search"]) {
    if (document.getElementById(id)?.checked) {
      setToggle(id, false);
      document.querySelector(`.md-header button[data-qe-toggle="${id}"]`)?.focus();
    }
  }
});

// Focus that leaves the open drawer (Tab past its last link) closes it: nothing is then
// focused behind the dimmed page.
document.addEventListener("focusin", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target || !DRAWER.matches || !document.getElementById("__drawer")?.checked) return;
  if (target.closest(".md-sidebar--primary, [data-qe-toggle='__drawer']")) return;
  setToggle("__drawer", false);
});

// The theme's one-key shortcuts (f, s and / to search; p, n, comma and full stop to change
// page) fire from anywhere on the page: a speech-recognition user's words, or a stray key,
// would search or leave the page (WCAG 2.1.4). They reach the theme no more.
const SHORTCUTS = new Set(["f", "s", "/", "p", "n", ",", "."]);
window.addEventListener(
  "keydown",
  (event) => {
    if (!SHORTCUTS.has(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest("input, textarea, select, [contenteditable]")) return; // typing
    event.stopImmediatePropagation();
  },
  true,
);

// The theme ticks them too (search on typing, the drawer on a link in it).
document.addEventListener("change", (event) => {
  if (event.target instanceof HTMLInputElement && event.target.classList.contains("md-toggle")) sync();
});
DRAWER.addEventListener("change", sync);
SEARCH_PANEL.addEventListener("change", sync);

/** Focus the page's main heading (announced by screen readers), unless the address names a place on the page. */
function focusHeading() {
  if (location.hash) return;
  const heading = document.querySelector(".md-content h1");
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

sync();
// A page reached from another page of this site, loaded whole (no instant navigation).
if (document.referrer && new URL(document.referrer).origin === location.origin) focusHeading();

// Instant navigation swaps the page's content in place and tells its subscribers.
let first = true;
window.document$?.subscribe(() => {
  sync();
  if (first) first = false; // the page this script was loaded with
  else focusHeading();
});
