// <my-reflections>, on the My reflections page: every reflection the
// learner has written in the module's scenarios, read from the store alone
// (each scenario saves its title and step titles with the answers), to print
// or download.
import { button, h } from "./dom.js";
import { openStore } from "./storage.js";

// By where the store keeps the state (storage.js `where`).
const NOT_KEPT = {
  memory: "This browser is not keeping what you write, so reflections cannot be gathered here.",
  "lms-refused": "Your learning system did not accept the last save, so some reflections may not be kept for your next visit.",
};
const ASK = "Some steps of the scenarios ask you to reflect; what you write there is";
const WHERE = {
  local: `${ASK} kept only in this browser on this device, and gathered here.`,
  lms: `${ASK} kept by your learning system, and gathered here.`,
  review: `${ASK} gathered here until you close the module: you are reviewing it, so it is not kept.`,
  memory: `${ASK} not kept by this browser.`,
  "lms-refused": `${ASK} gathered here.`,
};

/** [{title, url, answers: [{step, prompt, text}]}], scenarios by title, answers in step order. */
function gather(store) {
  return store
    .all("reflections")
    .map(({ data }) => ({
      title: data?.title || "Scenario",
      url: data?.url || null,
      answers: Object.values(data?.answers || {})
        .filter((a) => a && typeof a.text === "string" && a.text.trim())
        .sort((a, b) => (a.order ?? 0) - (b.order ?? 0)),
    }))
    .filter((g) => g.answers.length)
    .sort((a, b) => a.title.localeCompare(b.title));
}

function asMarkdown(groups) {
  const quote = (text) => text.split("\n").map((l) => (l ? `> ${l}` : ">")).join("\n");
  const parts = ["# My reflections", ""];
  for (const g of groups) {
    parts.push(`## ${g.title}`, "");
    for (const a of g.answers) parts.push(`### ${a.step}`, "", `*${a.prompt}*`, "", quote(a.text.trim()), "");
  }
  return parts.join("\n");
}

function asText(groups) {
  const parts = ["MY REFLECTIONS", ""];
  for (const g of groups) {
    parts.push(g.title, "=".repeat(Math.min(g.title.length, 72)), "");
    for (const a of g.answers) parts.push(a.step, `Prompt: ${a.prompt}`, "", a.text.trim(), "", "");
  }
  return parts.join("\n");
}

/** Save a file from text: a Blob behind a temporary link with a download attribute. */
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Fill `el` with the reflections, or say there are none yet. */
function showReflections(el) {
  const store = openStore();
  const groups = gather(store);
  const parts = [];
  if (!store.persistent) {
    parts.push(h("p", { class: "qe-notice", text: NOT_KEPT[store.where] || NOT_KEPT.memory }));
  }
  if (!groups.length) {
    parts.push(h("p", { text: `You have not written any reflections yet. ${WHERE[store.where] || WHERE.local}` }));
    el.replaceChildren(...parts);
    return;
  }
  parts.push(
    h(
      "div",
      { class: "qe-actions" },
      button("Print", () => window.print()),
      button("Download as Markdown", () => download("my-reflections.md", "text/markdown", asMarkdown(groups)), true),
      button("Download as text", () => download("my-reflections.txt", "text/plain", asText(groups)), true),
    ),
  );
  for (const g of groups) {
    parts.push(h("h2", {}, g.url ? h("a", { href: g.url, text: g.title }) : g.title));
    for (const a of g.answers) {
      parts.push(
        h("h3", { text: a.step }),
        h("p", {}, h("strong", { text: "Prompt: " }), a.prompt),
        h("div", { class: "qe-answer", text: a.text.trim() }),
      );
    }
  }
  el.replaceChildren(h("div", { class: "qe-reflections" }, ...parts));
}

class MyReflections extends HTMLElement {
  connectedCallback() {
    showReflections(this);
  }
}

if (!customElements.get("my-reflections")) customElements.define("my-reflections", MyReflections);
