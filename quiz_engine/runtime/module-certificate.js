// <module-certificate>: the learner's certificate of completion for their CPD
// record. Offered only when progress.js says the module is complete; until then
// it lists what is left. The name typed is kept where the progress is (storage.js):
// in this browser, or in the learning system.
import { button, focusVisible, h } from "./dom.js";
import { CHANGE_EVENT, openStore } from "./storage.js";
import { pathwayPicker } from "./pathway-picker.js";
import { formatMinutes, loadModule, moduleProgress } from "./progress.js";

const OUTCOME = { good: "Good outcome", mixed: "Mixed outcome", poor: "Poor outcome" };
// What the hint under the name says, by where the store keeps the state (storage.js `where`).
const NAME_KEPT = {
  local: "Your name is kept only in this browser on this device. It is not sent anywhere.",
  memory: "Your name is not sent anywhere. This browser is not keeping data, so you will need to type it again next time.",
  lms: "Your learning system keeps your name with your progress. It is not sent anywhere else.",
  review: "You are reviewing the module, so your name is kept only until you close it. It is not sent anywhere else.",
  "lms-refused": "Your learning system did not accept the last save, so you may need to type your name again next time. It is not sent anywhere else.",
};
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** "29 November 2026"; a date-only ISO string is read as a local date, not UTC midnight. */
export function formatDate(iso) {
  if (!iso) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
  return Number.isNaN(date.getTime()) ? null : DATE.format(date);
}


/** What is still to do for one item, in words. */
function leftToDo(item) {
  if (item.kind === "scenario") {
    return `reach an ending (${item.status === "in-progress" ? "started" : "not started yet"})`;
  }
  const best = item.summary?.best;
  const so = typeof best === "number" ? `your best score so far is ${best}%` : "not taken yet";
  return `pass the quiz with ${item.pass_mark ?? 80}% or more (${so})`;
}

class ModuleCertificate extends HTMLElement {
  #store = openStore();
  #base = `qe-certificate-${Math.random().toString(36).slice(2, 8)}`; // unique ids with two on a page
  #serial = 0;
  #body = null;
  // Only progress changes redraw: a redraw on the name's own saves would take the focus away.
  #onChange = (e) => e.detail?.kind === "summary" && this.#render();

  connectedCallback() {
    document.addEventListener(CHANGE_EVENT, this.#onChange);
    this.#render();
  }

  disconnectedCallback() {
    document.removeEventListener(CHANGE_EVENT, this.#onChange);
  }

  #id(part) {
    this.#serial += 1;
    return `${this.#base}-${part}-${this.#serial}`;
  }

  async #render() {
    let module;
    try {
      module = await loadModule();
    } catch {
      this.replaceChildren(h("p", { class: "qe-load-error", text: "Sorry, your progress could not be loaded. Reload the page to try again." }));
      return;
    }
    if (!this.#body) {
      // The role chooser is drawn once, above what it changes: a redraw would take its focus away.
      this.#body = h("div", { class: "qe-certificate-body" });
      this.replaceChildren(...[pathwayPicker(module, this.#store, () => this.#render()), this.#body].filter(Boolean));
    }
    const progress = moduleProgress(module, this.#store);
    this.#body.replaceChildren(...(progress.complete ? this.#offer(module, progress) : this.#todo(progress)));
  }

  #todo(progress) {
    const left = progress.items.filter((i) => i.required && !i.done);
    const rows = left.map((i) => h("li", {}, h("a", { class: "qe-link", href: i.href, text: i.title }), `: ${leftToDo(i)}`));
    return [
      h("h2", { text: "Not complete yet" }),
      h("p", { text: "Your certificate will be here when you have completed the module. Still to do:" }),
      h("ul", { class: "qe-todo" }, ...rows),
    ];
  }

  #offer(module, progress) {
    const saved = this.#store.get("learner", "name").data?.name || "";
    const inputId = this.#id("name");
    const hintId = this.#id("hint");
    const input = h("input", { id: inputId, type: "text", autocomplete: "name", spellcheck: "false", "aria-describedby": hintId });
    input.value = saved;
    const name = h("p", { class: "qe-certificate__name" });
    const showName = () => {
      name.textContent = input.value.trim() || "Your name";
      name.classList.toggle("qe-certificate__name--empty", !input.value.trim());
    };
    const field = h(
      "div",
      { class: "qe-field" },
      h("label", { for: inputId, text: "Your full name, as it should appear on the certificate" }),
      h("p", { id: hintId, class: "qe-hint", text: NAME_KEPT[this.#store.where] || NAME_KEPT.memory }),
      input,
    );
    input.addEventListener("input", () => {
      this.#clearError(field, input, hintId);
      showName();
      this.#store.set("learner", "name", null, { name: input.value.trim() });
    });
    showName();
    const download = () => {
      if (!input.value.trim()) {
        this.#showError(field, input, hintId);
        return;
      }
      window.print();
    };
    return [
      h(
        "div",
        { class: "qe-certificate-form" },
        h("h2", { text: "You have completed the module" }),
        h("p", { text: "Type your name, check the certificate below, then download it for your CPD record." }),
        field,
      ),
      this.#certificate(module, progress, name),
      h(
        "div",
        { class: "qe-certificate-actions" },
        button("Download certificate", download),
        h("p", {
          text: "This opens your browser's print window. To keep a PDF copy, choose “Save as PDF” as the printer or destination, then save it. You can also print it on paper.",
        }),
      ),
    ];
  }

  #certificate(module, progress, name) {
    const titleId = this.#id("title");
    const shown = progress.items.filter((i) => i.required || i.done);
    const scenarios = shown.filter((i) => i.kind === "scenario").map((i) => {
      const s = i.summary || {};
      const outcome = OUTCOME[s.ending];
      const ending = [s.ending_title, outcome && `(${outcome})`].filter(Boolean).join(" ") || "Completed";
      return [i.title, `Ending reached: ${ending}`];
    });
    const quizzes = shown.filter((i) => i.kind === "quiz").map((i) => [i.title, `Best score: ${i.summary?.best ?? 0}%`]);
    const table = (caption, rows) =>
      rows.length > 0 &&
      h(
        "table",
        { class: "qe-certificate__items" },
        h("caption", { text: caption }),
        h("tbody", {}, ...rows.map(([title, result]) => h("tr", {}, h("th", { scope: "row", text: title }), h("td", { text: result })))),
      );
    const date = formatDate(progress.completedAt) || "not recorded";
    return h(
      "section",
      { class: "qe-certificate", "aria-labelledby": titleId },
      module.organisation && h("p", { class: "qe-certificate__org", text: module.organisation }),
      h("h2", { id: titleId, class: "qe-certificate__title", text: "Certificate of completion" }),
      h("p", { text: "This is to record that" }),
      name,
      h("p", { text: "has completed the self-paced training module" }),
      h("p", { class: "qe-certificate__module", text: module.title }),
      h(
        "dl",
        { class: "qe-certificate__facts" },
        h("dt", { text: "Date of completion" }),
        h("dd", { text: date }),
        progress.pathway && h("dt", { text: "Role pathway" }),
        progress.pathway && h("dd", { text: progress.pathway.title }),
        progress.minutes > 0 && h("dt", { text: "Estimated learning time (CPD)" }),
        progress.minutes > 0 && h("dd", { text: formatMinutes(progress.minutes) }),
      ),
      table("Scenarios", scenarios),
      table("Quizzes", quizzes),
      h("p", {
        class: "qe-certificate__statement",
        text: "This certificate records the learner's own declaration that they completed this self-paced online training. It is not an assessment of competence.",
      }),
    );
  }

  // GOV.UK-style error on the name field: the message is tied to the input and focus goes there.
  #showError(field, input, hintId) {
    this.#clearError(field, input, hintId);
    const id = this.#id("error");
    const message = h("p", { id, class: "qe-error-message" }, h("span", { class: "qe-visually-hidden", text: "Error: " }), "Enter your name to download the certificate");
    input.before(message);
    input.setAttribute("aria-describedby", `${id} ${hintId}`);
    input.setAttribute("aria-invalid", "true");
    field.classList.add("qe-field--error");
    focusVisible(input);
  }

  #clearError(field, input, hintId) {
    field.querySelector(".qe-error-message")?.remove();
    input.setAttribute("aria-describedby", hintId);
    input.removeAttribute("aria-invalid");
    field.classList.remove("qe-field--error");
  }
}

// A second load of this module (e.g. a re-run script) must not throw.
if (!customElements.get("module-certificate")) customElements.define("module-certificate", ModuleCertificate);
