// The one runtime script every page loads. Each of our custom elements has its
// code and stylesheets fetched only when the element first appears:
// at page load, or later, when instant navigation puts a page with it in place.
// Once a module has defined its element, the browser upgrades every copy of it.

const ELEMENTS = {
  "scenario-player": { module: "./scenario-player.js", styles: ["players.css"] },
  "quiz-player": { module: "./quiz-player.js", styles: ["players.css"] },
  "module-progress": { module: "./progress-panel.js", styles: ["players.css"] },
  "my-reflections": { module: "./reflections-page.js", styles: ["players.css"] },
  "module-certificate": { module: "./module-certificate.js", styles: ["players.css", "certificate.css"] },
  "scenario-preview": { module: "./scenario-preview.js", styles: ["players.css", "scenario-preview.css"] },
};
const requested = new Set(); // tags whose code has been asked for
const styles = new Map(); // file name: {link, loaded}

/** Resolves when the stylesheet has loaded or failed, so an element is never drawn unstyled. */
function addStyle(name) {
  const known = styles.get(name);
  if (known?.link.isConnected) return known.loaded;
  const href = new URL(name, import.meta.url).href;
  const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  // In <body>, not <head>: Material's instant navigation makes <head> match each new page's.
  document.body.append(link);
  styles.set(name, { link, loaded });
  return loaded;
}

// Inside a frame (the SCORM launch page), the LMS backend and reporting come first,
// so that the elements' stores keep their state in the LMS.
const lms = window.parent !== window ? import("./lms-report.js").catch(() => null) : null;
// Learning records (xAPI) only where mkdocs.yml sets extra.xapi: the build then sets XAPI
// to true (build/xapi.py). Loaded before any element, so no player event goes unheard.
const XAPI = false;
const xapi = XAPI ? Promise.resolve(lms).then(() => import("./xapi.js")).catch(() => null) : null; // after the LMS bridge: its learner id

async function load({ module, styles }) {
  await Promise.all([...styles.map(addStyle), lms, xapi]);
  await import(module);
}

function loadPresent() {
  for (const [tag, parts] of Object.entries(ELEMENTS)) {
    if (!document.querySelector(tag)) continue;
    for (const name of parts.styles) addStyle(name); // again, if a page swap took them away
    if (requested.has(tag)) continue;
    requested.add(tag);
    load(parts).catch(() => {
      requested.delete(tag); // offline for a moment: try again on the next page
    });
  }
}

new MutationObserver(loadPresent).observe(document.documentElement, { childList: true, subtree: true });
loadPresent();

// Material's search box is a dialog without a name (axe: aria-dialog-name). The
// header stays in place across instant navigation, so naming it once is enough.
document.querySelector('.md-search[role="dialog"]:not([aria-label])')?.setAttribute("aria-label", "Search this module");
