// <scenario-player>: a thin DOM layer over scenario-engine.js. Data contract: README.md.
//
// Progress is saved on every move (storage.js): the path taken, replayed on
// return, and the first choice made at each decision (Back keeps those, the
// debrief shows them). Reflections are saved apart, with the titles that
// the "My reflections" page needs, so they outlive an edited scenario.
import {
  debriefSteps,
  lastDecision,
  move,
  nodeKind,
  replay,
  shownParagraphs,
  startState,
  visibleChoices,
} from "./scenario-engine.js";
import { Player, button, h, option, sourceList, textOf } from "./dom.js";
import { SITE_ROOT, openStore } from "./storage.js";

const RATING = { best: "Best response", acceptable: "Acceptable", poor: "Poor response" };
const OUTCOME = { good: "Good outcome", mixed: "Mixed outcome", poor: "Poor outcome" };
const STALE = "This scenario has changed since you last used it, so it starts again.";
// By where the store keeps the state (storage.js `where`).
const NOT_KEPT = {
  memory: "Your progress will not be kept on this device, because this browser is blocking or has filled its storage. You can still complete the scenario.",
  "lms-refused": "Your progress may not be kept for your next visit, because your learning system did not accept it. You can still complete the scenario.",
};
const REFLECT_HINT = {
  local: "Optional. Saved on this device as you type, and gathered on the My reflections page.",
  // SCORM 1.2 leaves the LMS room for little text: long reflections may not last until the next visit.
  lms: "Optional. Kept as you type, and gathered on the My reflections page; download them from there, as your learning system may not have room to keep them all.",
  review: "Optional. You are reviewing the module, so what you write is gathered on the My reflections page only until you close the module.",
  memory: "Optional. This browser is not keeping what you write, so copy anything you want to keep before you leave.",
  "lms-refused": "Optional. Your learning system did not accept the last save, so copy anything you want to keep before you leave.",
  preview: "Optional. This is a preview, so what you write here is not saved.",
};
const SAVE_DELAY = 400; // ms after the last keystroke before a reflection is saved

/** A page of this site by folder ("scenarios/"), built with or without directory URLs. */
function sitePage(folder) {
  const plain = location.pathname.endsWith(".html"); // use_directory_urls: false
  return new URL(folder + (plain ? "index.html" : ""), SITE_ROOT).href;
}

/** The step's title, or the start of its text. */
function stepName(node) {
  if (node.title) return node.title;
  const text = textOf(node.text_html);
  return text.length > 70 ? `${text.slice(0, 67).trimEnd()}…` : text;
}

function notice(text) {
  return h("p", { class: "qe-notice" }, h("strong", { text: "Please note: " }), text);
}

function link(href, text, cls = null) {
  return h("a", { href, text, class: cls });
}

class ScenarioPlayer extends Player {
  #data;
  #store;
  #states = []; // states[i] is the state before path step i; the last is the current one
  #firsts = {}; // node id -> the first choice index made there (survives Back)
  #notes = {}; // node id -> reflection record
  #timer = null;
  #flush = () => this.#saveNotes();

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener("pagehide", this.#flush);
  }

  disconnectedCallback() {
    // Instant navigation removes the element: keep what was just typed.
    window.removeEventListener("pagehide", this.#flush);
    this.#saveNotes();
  }

  start(data) {
    this.#data = data;
    if (this.preview) {
      // Set by scenario-preview.js: play on from a trainer's chosen step, with a store that keeps nothing.
      this.#store = this.preview.store;
      this.#states = [this.preview.state];
      this.#go();
      return;
    }
    this.#store = openStore();
    const saved = this.#store.get("scenario", data.id, data.version);
    const states = saved.data ? replay(data, saved.data.path) : null;
    const stale = saved.stale || (saved.data !== null && states === null);
    if (stale) this.#store.remove("scenario", data.id);
    this.#notes = this.#store.get("reflections", data.id).data?.answers || {};
    this.#firsts = (states && saved.data.firsts) || {};
    if (states && states.length > 1) this.#states = states;

    const note = data.content_note_html;
    const resumable = states && states.length > 1;
    const current = resumable && data.nodes[states.at(-1).node];
    const scenarios = sitePage("scenarios/");
    this.show(
      [
        h("h2", { text: data.title }),
        stale && notice(STALE),
        !this.#store.persistent && notice(NOT_KEPT[this.#store.where] || NOT_KEPT.memory),
        resumable &&
          h("p", {
            class: "qe-resume",
            text: current.ending
              ? `You have finished this scenario: ${stepName(current)}.`
              : `You have started this scenario. You were at: ${stepName(current)}.`,
          }),
        data.role && h("p", {}, h("strong", { text: "Your role: " }), data.role),
        data.summary_html && h("div", { html: data.summary_html }),
        data.duration && h("p", { text: `Takes about ${data.duration} minutes.` }),
        note &&
          h(
            "div",
            { class: "qe-note" },
            h("p", {}, h("strong", { text: "Content note" })),
            h("div", { html: note }),
            h("p", {}, link(scenarios, "Not now: back to scenarios", "qe-link")),
            h("p", {
              text: "If this subject affects you, talk to your manager, a colleague you trust or your organisation's staff support service.",
            }),
          ),
      ],
      resumable
        ? [
            button(current.ending ? "See your debrief" : "Resume", () => this.#go()),
            button("Start again", () => this.#restart(), true),
          ]
        : [button("Start scenario", () => this.#restart())],
      false, // never steal focus when the page loads
    );
  }

  #restart() {
    this.#firsts = {};
    this.#states = [this.preview?.state || startState(this.#data)];
    this.#save();
    this.#go();
  }

  #state() {
    return this.#states.at(-1);
  }

  #save() {
    const { id, version, title } = this.#data;
    const state = this.#state();
    const node = this.#data.nodes[state.node];
    this.#store.set("scenario", id, version, { path: state.path, firsts: this.#firsts });
    const before = this.#store.get("summary", id, version).data;
    // Reaching an ending completes the scenario for good: trying again later does not undo it,
    // nor move the date it was first completed (the certificate's date), as with a quiz's first pass.
    const completedAt = before?.completed_at || new Date().toISOString();
    const summary = node.ending
      ? { status: "completed", ending: node.ending, ending_title: stepName(node), completed_at: completedAt, title }
      : before?.status === "completed"
        ? before
        : { status: "in-progress", ending: null, ending_title: null, completed_at: null, title };
    this.#store.set("summary", id, version, summary);
  }

  #moveOn(index) {
    this.#states = [...this.#states, move(this.#data, this.#state(), index)];
    this.#save();
    const reached = this.#state();
    if (this.#data.nodes[reached.node].ending) {
      document.dispatchEvent(new CustomEvent("quiz-engine:learning", { detail: { type: "ending", item: this.#data, node: reached.node, steps: reached.path.length } }));
    }
  }

  #go() {
    const state = this.#state();
    const node = this.#data.nodes[state.node];
    const kind = nodeKind(node);
    const fallback = kind === "ending" ? "The end" : `Step ${state.step}`;
    const parts = [h("h2", { text: node.title || fallback })];
    if (!this.#store.persistent) parts.push(notice(NOT_KEPT[this.#store.where] || NOT_KEPT.memory));
    if (kind === "ending") {
      const outcome = h("strong", { text: OUTCOME[node.ending] || node.ending });
      parts.push(h("p", { class: `qe-outcome qe-outcome--${node.ending}` }, outcome));
    }
    if (node.text_html) parts.push(h("div", { html: node.text_html }));
    for (const paragraph of shownParagraphs(node, state.vars)) {
      parts.push(h("div", { class: "qe-when", html: paragraph.text_html }));
    }
    // The build puts media beside the runtime, so src is relative to this module, not the page.
    if (node.image) {
      const src = new URL(node.image.src, import.meta.url).href;
      parts.push(h("img", { class: "qe-image", src, alt: node.image.alt || "" }));
    }
    if (node.reflect) parts.push(this.#reflect(state.node, node));

    let buttons;
    let away = link(sitePage("scenarios/"), "Leave and come back later", "qe-link qe-leave");
    if (kind === "choices") {
      const fieldset = this.#choices(node);
      parts.push(fieldset);
      buttons = [button("Continue", () => this.#decide(node, fieldset))];
    } else if (kind === "next") {
      buttons = [
        button("Continue", () => {
          this.#moveOn(null);
          this.#go();
        }),
      ];
    } else {
      parts.push(...this.#debrief(node));
      buttons = [button("Start again", () => this.#restart()), button("Print debrief", () => window.print(), true)];
      away = link(sitePage("scenarios/"), "Back to scenarios", "qe-link qe-leave");
    }
    this.show(parts, [...buttons, this.#backButton(), away]);
  }

  #reflect(nodeId, node) {
    const id = this.newId("reflect");
    const hint = this.newId("hint");
    const area = h("textarea", {
      id,
      rows: "5",
      "aria-describedby": hint,
      oninput: (e) => this.#note(nodeId, node, e.target.value),
    });
    area.value = this.#notes[nodeId]?.text || "";
    return h(
      "div",
      { class: "qe-reflect" },
      h("label", { for: id, text: node.reflect }),
      h("p", {
        id: hint,
        class: "qe-hint",
        text: `${REFLECT_HINT[this.#store.where] || REFLECT_HINT.local} Do not write names or details of real people.`,
      }),
      area,
    );
  }

  #note(nodeId, node, text) {
    const notes = { ...this.#notes };
    if (text.trim()) {
      const order = Object.keys(this.#data.nodes).indexOf(nodeId);
      notes[nodeId] = { order, step: stepName(node), prompt: node.reflect, text, saved_at: new Date().toISOString() };
    } else delete notes[nodeId];
    this.#notes = notes;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#flush, SAVE_DELAY);
  }

  #saveNotes() {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#timer = null;
    const { id, version, title } = this.#data;
    this.#store.set("reflections", id, version, { title, url: location.pathname, answers: this.#notes });
  }

  #choices(node) {
    const name = this.newId("choice");
    const options = visibleChoices(node, this.#state().vars).map(({ choice, index }) => {
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
    const index = Number(picked.value);
    const here = this.#state().node;
    if (!Object.hasOwn(this.#firsts, here)) this.#firsts = { ...this.#firsts, [here]: index };
    // For learning records (xapi.js, loaded only where the partnership configured them).
    document.dispatchEvent(new CustomEvent("quiz-engine:learning", { detail: { type: "decision", item: this.#data, node: here, choice: index, name: stepName(node) } }));
    this.#moveOn(index);
    const choice = node.choices[index];
    if (!choice.feedback_html) {
      this.#go();
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
    const away = this.actions.querySelector(".qe-leave");
    this.offer([button("Continue", () => this.#go()), this.#backButton(), away]);
  }

  #backButton() {
    if (!this.#data.allow_back || lastDecision(this.#states) < 0) return null;
    return button(
      "Back",
      () => {
        this.#states = this.#states.slice(0, lastDecision(this.#states) + 1);
        this.#save();
        this.#go();
      },
      true,
    );
  }

  /** The debrief at an ending: the path, totals, themes to revisit and sources. */
  #debrief(node) {
    const data = this.#data;
    const parts = [];
    if (node.debrief_html) parts.push(h("h3", { text: "Debrief" }), h("div", { class: "qe-debrief-text", html: node.debrief_html }));

    const steps = debriefSteps(data, this.#states, this.#firsts).map((s) => {
      const line = (label, html, cls = null) => h("p", { class: cls }, h("strong", { text: `${label}: ` }), h("span", { html }));
      return h(
        "li",
        {},
        h("p", { class: "qe-path__step" }, h("strong", { text: stepName(s.node) })),
        line("Your choice", s.choice.text_html),
        s.first && line("First choice", s.first.text_html, "qe-path__first"),
        s.choice.rating && h("p", { text: `Rating: ${RATING[s.choice.rating]}` }),
        s.choice.feedback_html && h("div", { class: "qe-path__feedback", html: s.choice.feedback_html }),
        s.best && line("Best-rated choice", s.best.text_html, "qe-path__best"),
      );
    });
    if (steps.length) parts.push(h("h3", { text: "Your path" }), h("ol", { class: "qe-path" }, ...steps));

    const dims = Object.entries(data.dimensions || {});
    if (dims.length) {
      const scores = this.#state().scores;
      const signed = (n) => (n > 0 ? `+${n}` : String(n));
      const rows = dims.map(([dim, label]) =>
        h("tr", {}, h("th", { scope: "row", text: label }), h("td", { text: signed(scores[dim] || 0) })),
      );
      parts.push(
        h("h3", { text: "Your scores" }),
        h(
          "table",
          { class: "qe-scores" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Area of practice" }), h("th", { scope: "col", text: "Total" }))),
          h("tbody", {}, ...rows),
        ),
      );
    }

    if ((data.themes || []).length) {
      const list = h("ul", { class: "qe-themes" }, ...data.themes.map((slug) => h("li", { text: slug })));
      parts.push(h("h3", { text: "Themes to revisit" }), list);
      // module.json has each theme's title and briefing page; until it loads, the slugs stand in.
      // progress.js is fetched here, at the debrief, so the steps before it do not wait for it.
      import("./progress.js")
        .then(({ loadModule }) => loadModule())
        .then((module) => {
          const items = data.themes.map((slug) => {
            const theme = module.themes?.[slug];
            return h("li", {}, theme?.url ? link(new URL(theme.url, SITE_ROOT).href, theme.title, "qe-link") : theme?.title || slug);
          });
          list.replaceChildren(...items);
        })
        .catch(() => {
          /* no module.json (a page outside a built module): the slugs stay */
        });
    }
    parts.push(sourceList(data.sources));
    return [h("div", { class: "qe-debrief" }, ...parts.filter(Boolean))];
  }
}

// A second load of this module (e.g. a re-run script) must not throw.
if (!customElements.get("scenario-player")) customElements.define("scenario-player", ScenarioPlayer);
