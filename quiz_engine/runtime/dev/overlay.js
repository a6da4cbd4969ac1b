// `build.py serve` only: when the last build had errors, show them over the page (the last
// good site stays underneath). The server injects this script into the pages it serves and
// answers errors.json beside it; built sites and packages never carry it (the build copies
// only the files at the top of runtime/). The page reloads by itself after every build
// (MkDocs' live reload), so this looks once per page load.

const ERRORS_URL = new URL("errors.json", import.meta.url);

const STYLE = `
.qe-dev-overlay { max-width: min(48rem, calc(100vw - 2rem)); max-height: calc(100vh - 4rem); overflow: auto;
  padding: 1.25rem 1.5rem; border: 3px solid #a4001c; border-radius: 0.5rem; background: #fff; color: #1b1b1b;
  font: 1rem/1.5 system-ui, sans-serif; box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 40%); }
.qe-dev-overlay::backdrop { background: rgb(0 0 0 / 35%); }
.qe-dev-overlay h2 { margin: 0 0 0.5rem; font-size: 1.25rem; color: #a4001c; }
.qe-dev-overlay ol { margin: 0.75rem 0; padding-left: 1.5rem; }
.qe-dev-overlay li { margin-bottom: 0.75rem; }
.qe-dev-overlay code { font: 0.95rem/1.4 ui-monospace, monospace; background: #f2f2f2; color: #1b1b1b;
  padding: 0 0.25rem; overflow-wrap: anywhere; }
.qe-dev-overlay__message { display: block; white-space: pre-wrap; overflow-wrap: anywhere; }
.qe-dev-overlay button { min-width: 44px; min-height: 44px; padding: 0.5rem 1rem; font: inherit; font-weight: 600;
  color: #fff; background: #1b1b1b; border: 2px solid #1b1b1b; border-radius: 0.25rem; cursor: pointer; }
.qe-dev-overlay button:focus-visible { outline: 3px solid #a4001c; outline-offset: 3px; }
`;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

function place(error) {
  return [error.file, error.line, error.col].filter((part) => part !== null && part !== undefined).join(":");
}

function overlay(errors) {
  const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
  const close = el("button", { type: "button" }, "Close");
  const list = el(
    "ol",
    {},
    ...errors.map((error) =>
      el("li", {}, el("code", {}, place(error)), " ", el("span", { class: "qe-dev-overlay__message" }, error.message)),
    ),
  );
  // An alert (announced as it appears) that also names the dialog.
  const alert = el("div", { role: "alert" }, el("h2", { id: "qe-dev-overlay-title" }, `The site was not rebuilt: ${count}`));
  const dialog = el(
    "dialog",
    { class: "qe-dev-overlay", "aria-labelledby": "qe-dev-overlay-title" },
    alert,
    el("p", {}, "This page is the last good build. Fix the file and save it: the page reloads by itself."),
    list,
    close,
  );
  close.addEventListener("click", () => dialog.close());
  // Escape closes a modal dialog by itself, but Chromium ignores it in a page that has had no
  // user activation yet (a page that just reloaded by itself).
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.head.append(el("style", {}, STYLE));
  document.body.prepend(dialog);
  dialog.showModal(); // the page behind is inert until the dialog closes
  close.focus();
}

async function show() {
  let errors = [];
  try {
    const response = await fetch(ERRORS_URL, { cache: "no-store" });
    errors = response.ok ? await response.json() : [];
  } catch {
    return; // the server has stopped: nothing to show
  }
  if (errors.length) overlay(errors);
}

show();
