// <quiz-player>: one question at a time over quiz-engine.js. Data contract: README.md.
import { isAnswered, isCorrect, quizSummary, resumableAttempt, scoreQuiz, shuffle, themesToRevisit } from "./quiz-engine.js";
import { Player, button, h, option, sourceList, textOf } from "./dom.js";
import { SITE_ROOT, openStore } from "./storage.js";
import { loadModule } from "./progress.js";

const HINT = {
  multiple: "Select all that apply.",
  order: "Put the items in order with the Move up and Move down buttons.",
  match: "Choose one answer for each item.",
};
const MISSING = {
  single: "Select an answer",
  "true-false": "Select True or False",
  multiple: "Select at least one answer",
  match: "Choose a match for every item",
};
const NOT_KEPT = {
  memory: "Your results will not be kept on this device, because this browser is blocking or has filled its storage. You can still take the quiz.",
  "lms-refused": "Your results may not be kept for your next visit, because your learning system did not accept them. You can still take the quiz.",
};
const STALE = "This quiz has changed since you last took it, so your earlier results no longer count. Please take it again.";
const notKept = (store) => h("p", { class: "qe-notice" }, h("strong", { text: "Please note: " }), NOT_KEPT[store.where] || NOT_KEPT.memory);

/** Fix what this attempt shows: option, item or right-hand order. */
function prepare(q) {
  const mix = (xs) => (q.shuffle === false ? xs : shuffle(xs));
  switch (q.type) {
    case "single":
    case "multiple":
      return { q, shown: mix((q.options || []).map((_, i) => i)) };
    case "true-false":
      return { q, shown: [true, false] };
    case "order":
      return { q, shown: shuffle(q.items || [], Math.random, true) };
    case "match": {
      // Rights in the lefts' order would give the answers away, as an in-order list would.
      const rights = [...new Set(q.pairs.map((p) => p.right_html))];
      return { q, shown: q.shuffle === false ? rights : shuffle(rights, Math.random, true) };
    }
  }
  throw new Error(`Unknown question type '${q.type}'`);
}

class QuizPlayer extends Player {
  #data;
  #store;
  #module; // module.json (for the themes' titles and pages), or null
  #deck = []; // prepared questions, in the order of this attempt
  #responses = [];
  #index = 0;

  start(data) {
    this.#data = data;
    this.#store = openStore();
    // Fetched now, so the results never wait for it.
    this.#module = loadModule().catch(() => null);
    const n = data.questions.length;
    const before = this.#summary();
    const saved = this.#store.get("quiz", data.id, data.version);
    const attempt = resumableAttempt(data.questions, saved.data);
    if (saved.data && !attempt) this.#store.remove("quiz", data.id);
    const stale = saved.stale || this.#store.get("summary", data.id, data.version).stale;
    this.show(
      [
        h("h2", { text: data.title }),
        stale && h("p", { class: "qe-notice" }, h("strong", { text: "Please note: " }), STALE),
        data.intro_html && h("div", { html: data.intro_html }),
        h("p", { text: `${n} ${n === 1 ? "question" : "questions"}. Pass mark: ${this.#passMark()}%.` }),
        data.duration && h("p", { text: `Takes about ${data.duration} minutes.` }),
        typeof before?.best === "number" &&
          h(
            "p",
            { class: "qe-best" },
            h("strong", { text: `Your best score so far: ${before.best}%` }),
            before.passed ? ". You have passed this quiz." : ".",
          ),
        attempt && h("p", { class: "qe-resume", text: `You have answered ${attempt.next} of ${n} questions in this attempt.` }),
        !this.#store.persistent && notKept(this.#store),
      ],
      attempt
        ? [button("Resume quiz", () => this.#resume(attempt)), button("Start again", () => this.#restart(), true)]
        : [button("Start quiz", () => this.#restart())],
      false, // never steal focus when the page loads
    );
  }

  #passMark() {
    return this.#data.pass_mark ?? 80;
  }

  /** This quiz's saved summary (for this version of its content), or null. */
  #summary() {
    return this.#store.get("summary", this.#data.id, this.#data.version).data;
  }

  #saveSummary(summary) {
    return this.#store.set("summary", this.#data.id, this.#data.version, summary);
  }

  /** The attempt so far, so that a learner who leaves can carry on later. */
  #saveAttempt() {
    const deck = this.#deck.map(({ i, shown }) => ({ i, shown }));
    this.#store.set("quiz", this.#data.id, this.#data.version, { deck, responses: this.#responses, next: this.#index + 1 });
  }

  #restart() {
    const questions = this.#data.questions;
    // A new shuffle each attempt: question order (if asked for) and options.
    const order = questions.map((_, i) => i);
    this.#deck = (this.#data.shuffle ? shuffle(order) : order).map((i) => ({ i, ...prepare(questions[i]) }));
    this.#responses = [];
    this.#index = 0;
    this.#store.remove("quiz", this.#data.id);
    if (!this.#summary()) {
      this.#saveSummary({ status: "in-progress", best: null, passed: false, attempts: 0, completed_at: null, title: this.#data.title });
    }
    this.#ask();
  }

  #resume(attempt) {
    this.#deck = attempt.deck.map(({ i, shown }) => ({ i, q: this.#data.questions[i], shown }));
    this.#responses = attempt.responses;
    this.#index = attempt.next;
    if (this.#index < this.#deck.length) this.#ask();
    else this.#results();
  }

  #ask() {
    const { q, shown } = this.#deck[this.#index];
    const fieldset = h("fieldset", { class: "qe-fieldset" }, h("legend", { html: q.prompt_html }));
    const worth = q.points ?? 1;
    const hint = [HINT[q.type], worth !== 1 && `This question is worth ${worth} points.`].filter(Boolean).join(" ");
    if (hint) {
      const id = this.newId("hint");
      fieldset.setAttribute("aria-describedby", id);
      fieldset.append(h("p", { id, class: "qe-hint", text: hint }));
    }
    const read = this.#controls(q, shown, fieldset);
    this.show(
      [h("h2", { text: `Question ${this.#index + 1} of ${this.#deck.length}` }), fieldset],
      [button("Check answer", () => this.#check(q, fieldset, read))],
    );
  }

  /** Build the inputs into `fieldset`; return a function that reads the response. */
  #controls(q, shown, fieldset) {
    const name = this.newId("q");
    const checked = () => [...fieldset.querySelectorAll("input:checked")].map((el) => el.value);
    switch (q.type) {
      case "single":
      case "multiple": {
        const type = q.type === "single" ? "radio" : "checkbox";
        for (const i of shown) {
          fieldset.append(option(this.newId("option"), type, name, String(i), { html: q.options[i].text_html }));
        }
        if (type === "radio") return () => (checked().length ? Number(checked()[0]) : null);
        return () => checked().map(Number);
      }
      case "true-false":
        for (const value of shown) {
          fieldset.append(option(this.newId("option"), "radio", name, String(value), { text: value ? "True" : "False" }));
        }
        return () => (checked().length ? checked()[0] === "true" : null);
      case "order":
        return this.#orderList(shown, fieldset);
      case "match":
        return this.#matchChoices(q, shown, fieldset, name);
    }
  }

  #orderList(shown, fieldset) {
    const list = h("ol", { class: "qe-order" });
    const move = (li, up, btn) => {
      const label = li.dataset.label;
      const other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other) {
        this.announce(h("p", { text: `${label} is already ${up ? "first" : "last"}.` }));
        return;
      }
      // Move the neighbour, not this item, so the focused button never leaves the DOM.
      if (up) li.after(other);
      else li.before(other);
      btn.focus();
      const position = [...list.children].indexOf(li) + 1;
      this.announce(h("p", { text: `Moved ${label} to position ${position} of ${shown.length}.` }));
    };
    shown.forEach((html, i) => {
      const label = textOf(html);
      const li = h("li", { "data-i": String(i), "data-label": label });
      // Visible "Move up" starts the accessible name (WCAG 2.5.3 label in name).
      const mover = (text) =>
        h("button", { type: "button", class: "qe-button qe-button--secondary", "aria-label": `${text}: ${label}`, text });
      const up = mover("Move up");
      const down = mover("Move down");
      up.addEventListener("click", () => move(li, true, up));
      down.addEventListener("click", () => move(li, false, down));
      // The row is a flex box inside the <li>, so the list keeps its numbers.
      const row = h("div", { class: "qe-order__row" }, h("span", { html }), h("span", { class: "qe-order__buttons" }, up, down));
      li.append(row);
      list.append(li);
    });
    fieldset.append(list);
    return () => [...list.children].map((li) => shown[Number(li.dataset.i)]);
  }

  /** Each item a group of radio buttons (the GOV.UK pattern): every answer shown in full,
      however long, at any width. The response is the same as before: each item's right_html. */
  #matchChoices(q, shown, fieldset, name) {
    const groups = q.pairs.map((pair, i) => {
      const group = h("fieldset", { class: "qe-match" }, h("legend", { html: pair.left_html }));
      shown.forEach((right, k) => {
        group.append(option(this.newId("option"), "radio", `${name}-${i}`, String(k), { text: textOf(right) }));
      });
      fieldset.append(group);
      return group;
    });
    return () =>
      groups.map((group) => {
        const chosen = group.querySelector("input:checked");
        return chosen ? shown[Number(chosen.value)] : null;
      });
  }

  #check(q, fieldset, read) {
    const response = read();
    if (!isAnswered(q, response)) {
      const unanswered = [...fieldset.querySelectorAll(".qe-match")].find((g) => !g.querySelector("input:checked"));
      const target = unanswered?.querySelector("input") || fieldset.querySelector("input, select");
      this.showError(fieldset, MISSING[q.type], target);
      return;
    }
    this.clearError(fieldset);
    this.#responses[this.#index] = response;
    this.#saveAttempt();
    for (const el of fieldset.querySelectorAll("input, select, button")) el.disabled = true;
    const ok = isCorrect(q, response);
    // For learning records (xapi.js, loaded only where the partnership configured them).
    document.dispatchEvent(new CustomEvent("quiz-engine:learning", { detail: { type: "question", item: this.#data, question: q, response, correct: ok } }));
    this.announce(
      h(
        "div",
        { class: `qe-feedback qe-feedback--${ok ? "correct" : "incorrect"}` },
        h("p", { class: "qe-feedback__verdict" }, h("strong", { text: ok ? "Correct" : "Incorrect" })),
        ...this.#optionFeedback(q, response),
        ok ? null : this.#rightAnswer(q),
        q.explanation_html && h("div", { html: q.explanation_html }),
      ),
    );
    const last = this.#index === this.#deck.length - 1;
    const go = () => {
      if (last) this.#results();
      else {
        this.#index += 1;
        this.#ask();
      }
    };
    this.offer([button(last ? "See results" : "Next question", go)]);
  }

  /** Feedback of each chosen option that has some. */
  #optionFeedback(q, response) {
    if (q.type !== "single" && q.type !== "multiple") return [];
    const chosen = [].concat(response).map((i) => q.options[i]).filter((o) => o.feedback_html);
    if (chosen.length === 0) return [];
    const items = chosen.map((o) => h("li", {}, h("strong", { html: o.text_html }), h("div", { html: o.feedback_html })));
    return [h("ul", { class: "qe-option-feedback" }, ...items)];
  }

  #rightAnswer(q) {
    const list = (tag, items) => h(tag, {}, ...items.map((html) => h("li", { html })));
    switch (q.type) {
      case "true-false":
        return h("p", { text: `The correct answer is ${q.answer ? "True" : "False"}.` });
      case "order":
        return h("div", {}, h("p", { text: "The correct order is:" }), list("ol", q.items));
      case "match": {
        const rows = q.pairs.map((p) => h("li", {}, h("span", { html: p.left_html }), ": ", h("span", { html: p.right_html })));
        return h("div", {}, h("p", { text: "The correct matches are:" }), h("ul", {}, ...rows));
      }
      default: {
        const right = q.options.filter((o) => o.correct).map((o) => o.text_html);
        const lead = right.length > 1 ? "The correct answers are:" : "The correct answer is:";
        return h("div", {}, h("p", { text: lead }), list("ul", right));
      }
    }
  }

  async #results() {
    const questions = this.#deck.map((d) => d.q);
    const result = scoreQuiz(questions, this.#responses, this.#passMark());
    document.dispatchEvent(new CustomEvent("quiz-engine:learning", { detail: { type: "attempt", item: this.#data, result } }));
    const summary = quizSummary(this.#summary(), result, this.#data.title);
    const kept = this.#saveSummary(summary) && this.#store.persistent;
    this.#store.remove("quiz", this.#data.id); // this attempt is over
    const module = await this.#module;
    const missed = result.missed.map((q) =>
      h(
        "li",
        {},
        h("p", { html: q.prompt_html }),
        this.#rightAnswer(q),
        q.explanation_html && h("div", { html: q.explanation_html }),
      ),
    );
    const themes = themesToRevisit(result.missed)
      .map((slug) => module?.themes?.[slug])
      .filter(Boolean)
      .map((t) => h("li", {}, t.url ? h("a", { class: "qe-link", href: new URL(t.url, SITE_ROOT).href, text: t.title }) : t.title));
    this.show(
      [
        h("h2", { text: "Your results" }),
        h(
          "p",
          { class: "qe-score" },
          h("strong", { text: `You scored ${result.percent}%` }),
          ` (${result.points} of ${result.max} points).`,
        ),
        h(
          "p",
          { class: `qe-verdict qe-verdict--${result.passed ? "pass" : "fail"}` },
          h("strong", { text: result.passed ? "Passed" : "Not passed" }),
        ),
        h("p", {
          text: `The pass mark is ${this.#passMark()}%.${result.passed ? "" : " Read the explanations below, then try again."}`,
        }),
        summary.attempts > 1 &&
          h("p", { text: `Your best score so far: ${summary.best}% (${summary.attempts} attempts).` }),
        !kept && notKept(this.#store),
        // The themes first: a short list of where to read again, before the detail.
        themes.length > 0 && h("h3", { text: "Themes to revisit" }),
        themes.length > 0 && h("p", { text: "These parts of the briefing cover the questions you missed:" }),
        themes.length > 0 && h("ul", { class: "qe-themes" }, ...themes),
        missed.length > 0 && h("h3", { text: "Questions to review" }),
        missed.length > 0 && h("ol", { class: "qe-missed" }, ...missed),
        sourceList(this.#data.sources),
      ],
      [button("Try again", () => this.#restart())],
    );
  }
}

// A second load of this module (e.g. a re-run script) must not throw.
if (!customElements.get("quiz-player")) customElements.define("quiz-player", QuizPlayer);
