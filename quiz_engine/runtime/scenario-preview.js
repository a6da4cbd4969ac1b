// <scenario-preview>: "play from here" for trainers, on each scenario map of the trainers'
// site (build --trainers). A form sets the step to start at and the scenario's variables;
// the player then runs from there as a preview that saves nothing: it is given a store
// that keeps nothing (no localStorage, no LMS), and its learning events (xAPI) stop here.
// Its data is the scenario player's, in a JSON file beside this module (build/audience.py).
import { h, focusVisible } from "./dom.js";
import { startState } from "./scenario-engine.js";
import "./scenario-player.js";

const PREVIEW_NOTE = "Preview: nothing you do here is saved, in this browser or anywhere else.";

/** What the player saves in a preview goes nowhere: the store it is given keeps nothing. */
const NOTHING_KEPT = {
  persistent: true, // the player's "progress will not be kept" warnings are for learners
  where: "preview",
  get: () => ({ data: null, stale: false }),
  set: () => true,
  remove: () => {},
};

// A player's learning events (xapi.js listens on document) must not leave a preview: the
// capture phase on window runs before any listener on document.
window.addEventListener(
  "quiz-engine:learning",
  (event) => {
    if (document.querySelector("scenario-preview scenario-player")) event.stopImmediatePropagation();
  },
  { capture: true },
);

// "Play from here" in the map's list: choose that step in the form below, without a page load.
window.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest?.("a.qe-play-from");
    const preview = document.querySelector("scenario-preview");
    if (!link || !preview?.choose) return;
    const node = new URL(link.href).searchParams.get("node");
    if (!preview.choose(node)) return;
    event.preventDefault();
    event.stopPropagation(); // before Material's instant navigation sees it
    history.replaceState(history.state, "", link.href);
  },
  { capture: true },
);

function variableField(base, name, value) {
  const id = `${base}-var-${name}`;
  if (typeof value === "boolean") {
    const input = h("input", { type: "checkbox", id, name: `var-${name}` });
    input.checked = value;
    return h("div", { class: "qe-option" }, input, h("label", { for: id, text: name }));
  }
  const input = h("input", { type: "number", step: "1", inputmode: "numeric", required: true, id, name: `var-${name}` });
  input.value = String(value);
  return h("div", { class: "qe-preview-field" }, h("label", { for: id, text: name }), input);
}

class ScenarioPreview extends HTMLElement {
  #data = null;
  #form = null;
  #stage = null;

  async connectedCallback() {
    if (this.#data || this.dataset.loading) return;
    this.dataset.loading = "true";
    try {
      const url = new URL(`preview/${encodeURIComponent(this.dataset.id)}.json`, import.meta.url);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.#data = await response.json();
    } catch (err) {
      console.error("scenario-preview: cannot load the scenario", err);
      this.replaceChildren(h("p", { class: "qe-load-error", text: "Sorry, the preview could not be loaded." }));
      return;
    } finally {
      delete this.dataset.loading;
    }
    this.#draw(new URLSearchParams(location.search).get("node"));
  }

  /** Put `node` in the form and bring the form into view; false if the scenario has no such step. */
  choose(node) {
    if (!this.#form || !Object.hasOwn(this.#data.nodes, node)) return false;
    this.#form.elements.node.value = node;
    focusVisible(this.#form.elements.node);
    return true;
  }

  #draw(wanted) {
    const data = this.#data;
    const start = Object.hasOwn(data.nodes, wanted) ? wanted : data.start;
    const base = `qe-preview-${data.id}`;
    const steps = Object.entries(data.nodes).map(([id, node]) => {
      const item = h("option", { value: id, text: node.title ? `${node.title} (${id})` : id });
      item.selected = id === start;
      return item;
    });
    const variables = Object.entries(data.variables || {}).map(([name, value]) => variableField(base, name, value));
    this.#form = h(
      "form",
      { class: "qe-preview-form", onsubmit: (event) => this.#play(event) },
      h(
        "div",
        { class: "qe-preview-field" },
        h("label", { for: `${base}-node`, text: "Start at step" }),
        h("select", { id: `${base}-node`, name: "node" }, ...steps),
      ),
      variables.length
        ? h("fieldset", { class: "qe-fieldset" }, h("legend", { text: "Values of the variables at that step" }), ...variables)
        : h("p", { text: "This scenario has no variables." }),
      h("button", { type: "submit", class: "qe-button", text: "Play from this step" }),
    );
    this.#stage = h("div", { class: "qe-preview-stage" });
    this.replaceChildren(h("p", { class: "qe-preview-note" }, h("strong", { text: PREVIEW_NOTE })), this.#form, this.#stage);
    if (wanted) this.choose(start);
  }

  #play(event) {
    event.preventDefault();
    const data = this.#data;
    const form = this.#form;
    const vars = {};
    for (const [name, value] of Object.entries(data.variables || {})) {
      const input = form.elements[`var-${name}`];
      vars[name] = typeof value === "boolean" ? input.checked : Number(input.value);
    }
    const node = form.elements.node.value;
    const template = h("template", { class: "qe-data" });
    template.content.append(JSON.stringify(data));
    const player = h("scenario-player", { class: "qe-player qe-player--preview", "data-id": data.id }, template);
    player.preview = { store: NOTHING_KEPT, state: { ...startState(data), node, vars } };
    this.#stage.replaceChildren(
      h("p", { class: "qe-preview-note" }, h("strong", { text: `${PREVIEW_NOTE} Playing from step ${node}.` })),
      player,
    );
  }
}

if (!customElements.get("scenario-preview")) customElements.define("scenario-preview", ScenarioPreview);
