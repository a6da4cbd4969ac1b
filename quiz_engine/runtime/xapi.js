// Learning records (xAPI), sent only when mkdocs.yml sets extra.xapi: elements.js loads
// this module only then (xapi-settings.js, written by the build, says so).
//
// The players tell what happened with one event on document each, and know nothing of xAPI:
//   document.dispatchEvent(new CustomEvent("quiz-engine:learning", {detail}))
// detail: {type: "decision", item: scenario data, node, choice: index, name: the step's name}
//         {type: "ending", item, node: the ending's id, steps: the path's length}
//         {type: "question", item: quiz data, question, response, correct}
//         {type: "attempt", item, result: {points, max, percent, passed}}
// Module (and pathway) completion is read from the saved progress after every save.
//
// The actor is pseudonymous: an account whose name is a random id kept on this device,
// on the site's address, unless an LMS gives the learner's id (then an account on the
// LMS's address). No name, e-mail, reflection or certificate name is ever sent.
import settings from "./xapi-settings.js";
import { CHANGE_EVENT, SITE_ROOT, openStore } from "./storage.js";
import { chosenPathway, loadModule, moduleProgress } from "./progress.js";
import { Activities, VERBS, isoDuration, statementsFor, uuid } from "./xapi-statements.js";
import { StatementQueue } from "./xapi-queue.js";

export const LEARNING_EVENT = "quiz-engine:learning";
const KEY = `qe-xapi:1:${SITE_ROOT.pathname}:`; // apart from the store's records (storage.js PREFIX)

function localStorageOrNull() {
  try {
    const storage = window.localStorage;
    storage.setItem(`${KEY}probe`, "1");
    storage.removeItem(`${KEY}probe`);
    return storage;
  } catch {
    return null;
  }
}

/** A small record of this module (kept apart from the learner's progress), read and written whole. */
class Kept {
  constructor(storage, name, empty) {
    this.storage = storage;
    this.key = `${KEY}${name}`;
    this.value = empty;
    try {
      this.value = JSON.parse(storage?.getItem(this.key) || "null") ?? empty;
    } catch {
      /* unreadable: start afresh */
    }
  }
  save() {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.value));
    } catch {
      /* kept in memory for this visit */
    }
  }
}

/** Inside an LMS that gives the learner's id (SCORM cmi.learner_id): an account on the LMS's address. */
function lmsLearner() {
  const id = openStore().bridge?.learnerId;
  return id ? { homePage: `${location.origin}/`, name: id } : null; // the LMS host itself
}

/** Otherwise a random id made once and kept on this device, on the site's address. */
function pseudonym(storage) {
  const learner = new Kept(storage, "learner", null);
  if (!learner.value) {
    learner.value = uuid();
    learner.save();
  }
  return { homePage: settings.home, name: learner.value };
}

function start() {
  const storage = localStorageOrNull();
  const actor = { objectType: "Agent", account: lmsLearner() || pseudonym(storage) };
  const activities = new Activities(settings.base, settings.title);
  const queue = new StatementQueue(settings, `${KEY}queue`, storage);
  const module = loadModule().catch(() => null);
  const time = new Kept(storage, "time", {}); // ms spent on each item's current play or attempt
  const sent = new Kept(storage, "completed", {}); // module or pathway ids whose completion was sent
  const pageStart = Date.now();
  const lastEvent = new Map(); // item id -> time of its last event on this page
  let order = Promise.resolve(); // statements are queued in the order their events happened
  const inOrder = (step) => {
    order = order.then(step).catch((error) => console.error("Learning records:", error)); // the next event still goes
  };

  const contextFor = async () => {
    const data = await module;
    const pathway = data && chosenPathway(data, openStore());
    const grouping = [activities.module(), ...(pathway ? [activities.pathway(pathway)] : [])];
    return { language: "en-GB", contextActivities: { grouping } };
  };
  const statement = (parts) => ({ id: uuid(), actor, timestamp: new Date().toISOString(), ...parts });

  document.addEventListener(LEARNING_EVENT, (e) => {
    const event = { ...e.detail };
    // The time since this item's last event on this page (or since the page opened); an
    // ending or a finished attempt carries the time of the whole play or attempt.
    const now = Date.now();
    const key = `${event.item.kind}:${event.item.id}`;
    const step = now - (lastEvent.get(key) ?? pageStart);
    lastEvent.set(key, now);
    const total = (time.value[key] || 0) + step;
    const whole = event.type === "ending" || event.type === "attempt";
    time.value[key] = whole ? 0 : total;
    time.save();
    event.duration = isoDuration(whole ? total : step);
    inOrder(async () => {
      const context = await contextFor();
      queue.add(statementsFor(event, activities, context).map(statement));
    });
  });

  // Module and pathway completion, once each, from the progress saved on this device.
  document.addEventListener(CHANGE_EVENT, () => {
    inOrder(async () => {
      const data = await module;
      if (!data) return;
      const progress = moduleProgress(data, openStore());
      if (!progress.complete) return;
      const context = { language: "en-GB", contextActivities: {} };
      const done = [activities.module(), progress.pathway && activities.pathway(progress.pathway)].filter(Boolean);
      const fresh = done.filter((activity) => !sent.value[activity.id]);
      const result = { completion: true, ...(progress.score !== null && { score: { scaled: progress.score / 100 } }) };
      const verb = { id: VERBS.completed, display: { "en-GB": "completed" } };
      queue.add(fresh.map((object) => statement({ verb, object, result, context })));
      for (const activity of fresh) sent.value[activity.id] = true;
      sent.save();
    });
  });
  queue.flush(); // what an earlier visit left waiting
}

if (settings && settings.endpoint) start();
