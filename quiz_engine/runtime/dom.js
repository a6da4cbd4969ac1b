// Small DOM helpers and the base class shared by both players.

/**
 * Create an element. `text` sets textContent; `html` sets innerHTML and is
 * only ever given the build-time sanitised `*_html` strings; `on*` props
 * become listeners; anything else is an attribute.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key === "html") el.innerHTML = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function button(label, handler, secondary = false) {
  // A double click's second click would land on the button that replaced
  // this one (e.g. skip the feedback just shown), so only single clicks count.
  const onclick = (e) => e.detail > 1 || handler(e);
  return h("button", { type: "button", class: secondary ? "qe-button qe-button--secondary" : "qe-button", onclick, text: label });
}

/** Plain text of an inline HTML string, for places that take no markup (<option>, names). */
export function textOf(html) {
  const t = document.createElement("template");
  t.innerHTML = html || ""; // template content is inert: nothing loads or runs
  for (const tip of t.content.querySelectorAll(".qe-term__tip")) tip.remove(); // a glossary term's definition
  return t.content.textContent.trim();
}

/** A link only if its URL is web, mail or relative (the data is trusted, but cheaply). */
export function safeUrl(url) {
  if (!url) return null;
  try {
    return ["http:", "https:", "mailto:"].includes(new URL(url, document.baseURI).protocol) ? url : null; // as the loader allows
  } catch {
    return null;
  }
}

/** The "Sources" list shown at the end of a scenario or quiz, or null. */
export function sourceList(sources) {
  if (!sources || sources.length === 0) return null;
  const items = sources.map((s) => {
    const url = safeUrl(s.url);
    return h("li", {}, url ? h("a", { href: url, text: s.title }) : s.title);
  });
  return h("div", { class: "qe-sources" }, h("h3", { text: "Sources" }), h("ul", {}, ...items));
}

/**
 * Base of <scenario-player> and <quiz-player>: reads the JSON once, builds a
 * step area, a status region and an action bar, and offers the focus and
 * error helpers. Subclasses implement start(data).
 */
export class Player extends HTMLElement {
  #ready = false;
  #serial = 0;

  connectedCallback() {
    // Moving an element re-runs this; keep its state instead of starting over.
    if (this.#ready) return;
    const template = this.querySelector(":scope > template.qe-data");
    if (!template && document.readyState === "loading") {
      // Upgraded before the parser reached the children: try again later.
      document.addEventListener("DOMContentLoaded", () => this.isConnected && this.connectedCallback(), { once: true });
      return;
    }
    this.#ready = true;
    let data;
    try {
      data = JSON.parse(template.content.textContent);
    } catch (err) {
      console.error(`${this.localName}: cannot read its data`, err);
      this.append(h("p", { class: "qe-load-error", text: "Sorry, this activity could not be loaded." }));
      return;
    }
    this.querySelector(":scope > .qe-noscript")?.remove();
    // Ids must be unique with two players on one page; no shared counter needed.
    this.idBase = `qe-${data.id || "x"}-${Math.random().toString(36).slice(2, 8)}`;
    this.stepArea = h("div", { class: "qe-step" });
    this.status = h("div", { class: "qe-status", role: "status", "aria-live": "polite" });
    this.actions = h("div", { class: "qe-actions" });
    this.append(h("div", { class: "qe-body" }, this.stepArea, this.status, this.actions));
    this.start(data);
  }

  newId(part) {
    this.#serial += 1;
    return `${this.idBase}-${part}-${this.#serial}`;
  }

  /** Replace the step; move focus to its heading only for the learner's own moves. */
  show(nodes, buttons, focus = true) {
    const shown = nodes.filter(Boolean);
    // On the item's own page the h1 above already gives its title: no second title under it.
    const text = (el) => el?.textContent.replace(/\s+/g, " ").trim();
    if (shown[0]?.localName === "h2" && text(shown[0]) === text(document.querySelector(".md-content h1"))) shown.shift();
    this.stepArea.replaceChildren(...shown);
    this.status.replaceChildren();
    this.actions.replaceChildren(...buttons.filter(Boolean));
    if (focus) focusVisible(this.stepArea.querySelector("h2"));
  }

  /** Put content in the status region (it already exists, so it is announced). */
  announce(...nodes) {
    this.status.replaceChildren(...nodes);
  }

  /** After feedback: show it, then put focus on the button that goes on. */
  offer(buttons) {
    this.actions.replaceChildren(...buttons.filter(Boolean));
    this.status.scrollIntoView({ block: "nearest", behavior: "instant" });
    buttons[0].focus();
  }

  /**
   * GOV.UK-style error: a summary that takes focus and links to the field,
   * and a message inside the fieldset that the fieldset points to.
   */
  showError(fieldset, message, target) {
    this.clearError(fieldset);
    const messageId = this.newId("error");
    const link = h("a", {
      href: `#${target.id}`,
      text: message,
      onclick: (e) => {
        // Not a navigation: Material's instant router (listening on <body>)
        // would otherwise reload the page, and the learner's answers with it.
        e.preventDefault();
        e.stopPropagation();
        target.focus();
      },
    });
    const summary = h(
      "div",
      { class: "qe-error-summary", role: "alert", tabindex: "-1" },
      h("h3", { class: "qe-error-summary__title", text: "There is a problem" }),
      h("ul", {}, h("li", {}, link)),
    );
    fieldset.classList.add("qe-fieldset--error");
    fieldset.dataset.describedby = fieldset.getAttribute("aria-describedby") || "";
    fieldset.setAttribute("aria-describedby", `${messageId} ${fieldset.dataset.describedby}`.trim());
    fieldset.querySelector("legend").after(
      h("p", { id: messageId, class: "qe-error-message" }, h("span", { class: "qe-visually-hidden", text: "Error: " }), message),
    );
    this.stepArea.querySelector("h2").after(summary);
    focusVisible(summary);
  }

  clearError(fieldset) {
    this.stepArea.querySelector(".qe-error-summary")?.remove();
    fieldset.querySelector(".qe-error-message")?.remove();
    fieldset.classList.remove("qe-fieldset--error");
    if ("describedby" in fieldset.dataset) {
      if (fieldset.dataset.describedby) fieldset.setAttribute("aria-describedby", fieldset.dataset.describedby);
      else fieldset.removeAttribute("aria-describedby");
      delete fieldset.dataset.describedby;
    }
  }
}

/** A radio or checkbox with its label; `label` is {html} or {text}. */
export function option(id, type, name, value, label) {
  return h("div", { class: "qe-option" }, h("input", { type, id, name, value }), h("label", { for: id, ...label }));
}

/** Focus without smooth jumps, then make sure the sticky header does not cover it. */
export function focusVisible(el) {
  if (!el) return;
  if (!el.hasAttribute("tabindex") && !el.matches("button, input, select, textarea, a[href]")) el.tabIndex = -1;
  el.focus({ preventScroll: true });
  const rect = el.getBoundingClientRect();
  const margin = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
  // Scroll when hidden under the header or low on the screen, so the new
  // content below it is in view too. scrollIntoView honours scroll-margin-top.
  if (rect.top < margin || rect.top > window.innerHeight / 2) el.scrollIntoView({ block: "start", behavior: "instant" });
}
