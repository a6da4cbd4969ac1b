// <module-progress>: the progress panel of the module's home page, with each
// scenario and quiz and the learner's state of it (progress.js), kept current as saves happen.
import { h } from "./dom.js";
import { CHANGE_EVENT, SITE_ROOT, openStore } from "./storage.js";
import { pathwayPicker } from "./pathway-picker.js";
import { formatMinutes, loadModule, moduleProgress } from "./progress.js";

const STATE = {
  "not-started": "Not started",
  "in-progress": "In progress",
  completed: "Completed",
  passed: "Passed",
  failed: "Not passed yet",
};
const KIND = { scenario: "Scenario", quiz: "Quiz" };
// By where the store keeps the state (storage.js `where`), when it is not kept.
const NOT_KEPT = {
  memory: "This browser is not keeping your progress, so this list shows only what you do before you leave the site.",
  "lms-refused": "Your learning system did not accept the last save, so some of this list may not be kept for your next visit.",
};

/** Fill `el` now and after every save; returns the function that stops the updates.
 * The role chooser is drawn once: redrawing it on its own save would take the focus away. */
function showProgress(el) {
  const body = h("div", { class: "qe-progress-body" });
  let drawn = false;
  const update = async () => {
    let module;
    try {
      module = await loadModule();
    } catch {
      el.replaceChildren(h("p", { text: "Your progress cannot be shown just now. Reload the page to try again." }));
      return;
    }
    const store = openStore();
    if (!drawn) {
      drawn = true;
      el.replaceChildren(...[pathwayPicker(module, store), body].filter(Boolean));
    }
    render(body, module, store);
  };
  document.addEventListener(CHANGE_EVENT, update);
  update();
  return () => document.removeEventListener(CHANGE_EVENT, update);
}

function render(el, module, store) {
  const progress = moduleProgress(module, store);
  const required = progress.items.filter((i) => i.required);
  const done = required.filter((i) => i.done).length;
  const summary = progress.complete
    ? `All ${required.length} done. You can now get your certificate.`
    : `${done} of ${required.length} done; complete the rest to get your certificate.`;
  const items = progress.items.map((item) =>
    h(
      "li",
      {},
      h("a", { href: item.href, text: item.title }),
      ` (${KIND[item.kind] || item.kind}${item.required ? "" : ", optional"}): `,
      h("strong", { class: `qe-state${item.done ? " qe-state--done" : ""}`, text: STATE[item.status] || item.status }),
    ),
  );
  const parts = [h("p", { class: "qe-progress__summary" }, h("strong", { text: summary }))];
  if (progress.minutes > 0) {
    const what = progress.pathway ? `Your pathway (${progress.pathway.title})` : "The whole module";
    const time = `${what} takes about ${formatMinutes(progress.minutes)}, in as many sittings as you like.`;
    parts.push(h("p", { class: "qe-progress__time", text: time }));
  }
  if (progress.complete) {
    // The certificate page sits at the site root, addressed like the items' pages.
    const plain = module.items.some((i) => i.url.endsWith(".html"));
    const href = new URL(plain ? "certificate.html" : "certificate/", SITE_ROOT).href;
    parts.push(h("p", {}, h("a", { href, class: "qe-link", text: "Get your certificate" })));
  }
  if (!store.persistent) {
    parts.push(h("p", { class: "qe-notice", text: NOT_KEPT[store.where] || NOT_KEPT.memory }));
  }
  el.replaceChildren(...parts, h("ul", { class: "qe-progress" }, ...items));
}

class ModuleProgress extends HTMLElement {
  #stop = null;

  connectedCallback() {
    if (!this.#stop) this.#stop = showProgress(this);
  }

  disconnectedCallback() {
    this.#stop?.(); // instant navigation removed the page: stop listening for saves
    this.#stop = null;
  }
}

if (!customElements.get("module-progress")) customElements.define("module-progress", ModuleProgress);
