// <scenario-player>: a thin DOM layer over engine.js. Data contract: README.md.
import { applyChoice, followNext, nodeKind, startState, visibleChoices } from "./engine.js";
import { Player, button, h, option, sourceList } from "./dom.js";

const RATING = { best: "Best response", acceptable: "Acceptable", poor: "Poor response" };
const OUTCOME = { good: "Good outcome", mixed: "Mixed outcome", poor: "Poor outcome" };

class ScenarioPlayer extends Player {
  #data;
  #state;
  #history = []; // states before each decision taken, for Back
  #notes = new Map(); // reflect answers by node id, in memory only

  start(data) {
    this.#data = data;
    const note = data.content_note_html;
    this.show(
      [
        h("h2", { text: data.title }),
        data.role && h("p", {}, h("strong", { text: "Your role: " }), data.role),
        data.summary_html && h("div", { html: data.summary_html }),
        data.duration && h("p", { text: `Takes about ${data.duration} minutes.` }),
        note && h("div", { class: "qe-note" }, h("p", {}, h("strong", { text: "Content note" })), h("div", { html: note })),
      ],
      [button("Start scenario", () => this.#restart())],
      false, // never steal focus when the page loads
    );
  }

  #restart() {
    this.#history = [];
    this.#go(startState(this.#data));
  }

  #go(state) {
    this.#state = state;
    const node = this.#data.nodes[state.node];
    const kind = nodeKind(node);
    const fallback = kind === "ending" ? "The end" : `Step ${state.step}`;
    const parts = [h("h2", { text: node.title || fallback })];
    if (kind === "ending") {
      const outcome = h("strong", { text: OUTCOME[node.ending] || node.ending });
      parts.push(h("p", { class: `qe-outcome qe-outcome--${node.ending}` }, outcome));
    }
    if (node.text_html) parts.push(h("div", { html: node.text_html }));
    // The build puts media beside the runtime, so src is relative to this module, not the page.
    if (node.image) {
      const src = new URL(node.image.src, import.meta.url).href;
      parts.push(h("img", { class: "qe-image", src, alt: node.image.alt || "" }));
    }
    if (node.reflect) parts.push(this.#reflect(state.node, node.reflect));

    let buttons;
    if (kind === "choices") {
      const fieldset = this.#choices(node);
      parts.push(fieldset);
      buttons = [button("Continue", () => this.#decide(node, fieldset))];
    } else if (kind === "next") {
      buttons = [button("Continue", () => this.#go(followNext(state, node)))];
    } else {
      if (node.debrief_html) parts.push(h("h3", { text: "Debrief" }), h("div", { class: "qe-debrief", html: node.debrief_html }));
      parts.push(sourceList(this.#data.sources));
      buttons = [button("Start again", () => this.#restart())];
    }
    this.show(parts, [...buttons, this.#backButton()]);
  }

  #reflect(nodeId, prompt) {
    const id = this.newId("reflect");
    const area = h("textarea", { id, rows: "4", oninput: (e) => this.#notes.set(nodeId, e.target.value) });
    area.value = this.#notes.get(nodeId) || "";
    return h("div", { class: "qe-reflect" }, h("label", { for: id, text: prompt }), area);
  }

  #choices(node) {
    const name = this.newId("choice");
    const options = visibleChoices(node, this.#state.vars).map(({ choice, index }) => {
      return option(this.newId("option"), "radio", name, String(index), { html: choice.text_html });
    });
    return h("fieldset", { class: "qe-fieldset" }, h("legend", { text: "What do you do?" }), ...options);
  }

  #decide(node, fieldset) {
    const picked = fieldset.querySelector("input:checked");
    if (!picked) {
      this.showError(fieldset, "Select what you would do", fieldset.querySelector("input"));
      return;
    }
    this.clearError(fieldset);
    const choice = node.choices[Number(picked.value)];
    this.#history.push(this.#state);
    const next = applyChoice(this.#state, choice);
    if (!choice.feedback_html) {
      this.#go(next);
      return;
    }
    for (const input of fieldset.querySelectorAll("input")) input.disabled = true;
    const rating = RATING[choice.rating];
    this.announce(
      h(
        "div",
        { class: `qe-feedback qe-feedback--${choice.rating || "none"}` },
        rating && h("p", { class: "qe-feedback__rating" }, h("strong", { text: rating })),
        h("div", { html: choice.feedback_html }),
      ),
    );
    this.offer([button("Continue", () => this.#go(next)), this.#backButton()]);
  }

  #backButton() {
    if (!this.#data.allow_back || this.#history.length === 0) return null;
    return button("Back", () => this.#go(this.#history.pop()), true);
  }
}

// A second load of this module (e.g. a re-run script) must not throw.
if (!customElements.get("scenario-player")) customElements.define("scenario-player", ScenarioPlayer);
