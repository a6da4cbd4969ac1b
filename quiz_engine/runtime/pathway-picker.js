// The role chooser: "What is your role?", one radio button per pathway of module.json
// (extra.module.pathways), on the home page's progress panel and the certificate page.
// The choice is saved with the learner's records; progress, completion, the certificate
// and the LMS report then follow the chosen pathway's items (progress.js). Choosing saves
// at once and never moves the page on; a status message says what changed.
import { h, option } from "./dom.js";
import { chosenPathway, formatMinutes } from "./progress.js";

let serial = 0; // ids unique on the page, with two choosers on one page

/** The chooser, or null when the module has no pathways; `onChange` runs after each choice. */
export function pathwayPicker(module, store, onChange = null) {
  const pathways = module.pathways || [];
  if (!pathways.length) return null;
  serial += 1;
  const name = `qe-pathway-${serial}`;
  const hintId = `${name}-hint`;
  const chosen = chosenPathway(module, store);
  const options = pathways.map((p, i) =>
    option(`${name}-${i}`, "radio", name, p.id, { text: `${p.title} (about ${formatMinutes(p.minutes)})` }),
  );
  const fieldset = h(
    "fieldset",
    { class: "qe-fieldset qe-pathways", "aria-describedby": hintId },
    h("legend", { text: "What is your role?" }),
    h("p", {
      class: "qe-hint",
      id: hintId,
      text: "Choose the one closest to your work: your progress and certificate follow its scenarios and quizzes. You can change it at any time.",
    }),
    ...options,
  );
  for (const input of fieldset.querySelectorAll("input")) input.checked = input.value === chosen?.id;
  const status = h("p", { class: "qe-pathways__status", role: "status" });
  fieldset.addEventListener("change", (event) => {
    const pathway = pathways.find((p) => p.id === event.target.value);
    if (!pathway) return;
    store.set("learner", "pathway", null, { id: pathway.id });
    const count = pathway.required.length;
    status.textContent = `Your role: ${pathway.title}. ${count} ${count === 1 ? "item" : "scenarios and quizzes"} to complete.`;
    onChange?.();
  });
  return h("div", { class: "qe-pathway-picker" }, fieldset, status);
}
