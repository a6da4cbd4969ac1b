// Module progress: which scenarios and quizzes are done, from module.json
// (written by the build) and the learner's saved summaries.
//
// Each player saves, besides its own state, a summary record:
//   store.set("summary", id, version, {status, ending, ending_title, best, passed, completed_at})
// status: "in-progress" | "completed" (scenario reached an ending) | "passed" | "failed" (quiz)

import { SITE_ROOT, openStore } from "./storage.js";

let moduleData = null;

/** module.json, fetched once per document. */
export function loadModule() {
  if (!moduleData) {
    moduleData = fetch(new URL("module.json", import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`module.json: ${r.status}`);
      return r.json();
    });
  }
  return moduleData;
}

/** The role pathway the learner chose (module.pathways), or null. */
export function chosenPathway(module, store = openStore()) {
  const id = store.get("learner", "pathway").data?.id;
  return (module.pathways || []).find((p) => p.id === id) || null;
}

/** The state of each item and of the module (DOM-free apart from the store). With a
 * chosen pathway, its items are the required ones; otherwise module.json's. */
export function moduleProgress(module, store = openStore()) {
  const pathway = chosenPathway(module, store);
  const items = module.items.map((item) => {
    const { data } = store.get("summary", item.id, item.version);
    const status = data ? data.status : "not-started";
    const done = item.kind === "scenario" ? status === "completed" : status === "passed";
    const required = pathway ? pathway.required.includes(item.id) : item.required;
    return { ...item, required, status, done, summary: data, href: new URL(item.url, SITE_ROOT).href };
  });
  const required = items.filter((i) => i.required);
  const complete = required.length > 0 && required.every((i) => i.done);
  const quizzes = required.filter((i) => i.kind === "quiz");
  const scored = quizzes.filter((i) => i.summary && typeof i.summary.best === "number");
  const score = quizzes.length && scored.length === quizzes.length
    ? Math.round(scored.reduce((sum, i) => sum + i.summary.best, 0) / quizzes.length)
    : null;
  const failed = !complete && required.every((i) => i.status !== "not-started" && i.status !== "in-progress") && quizzes.some((i) => i.status === "failed");
  const completedAt = complete
    ? required.map((i) => i.summary.completed_at || "").sort().at(-1) || null
    : null;
  // The time for the CPD record: the pathway's, or the whole module's.
  const minutes = pathway ? pathway.minutes : module.cpd_minutes;
  return { items, complete, failed, score, completedAt, pathway, minutes };
}

/** "45 minutes", "1 hour 30 minutes". */
export function formatMinutes(total) {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const part = (n, word) => (n ? `${n} ${word}${n === 1 ? "" : "s"}` : "");
  return [part(hours, "hour"), part(minutes, "minute")].filter(Boolean).join(" ") || "0 minutes";
}
