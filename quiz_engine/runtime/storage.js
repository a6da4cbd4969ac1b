// Learner state, kept on the learner's device (design principle 7).
//
// One store per document. Where the module runs inside the SCORM launch page,
// the state lives in the LMS (cmi.suspend_data, through the launch page's
// bridge); otherwise in localStorage; and when storage is blocked or full, in
// memory, with `persistent` false so the players can say progress will not be kept.
//
// Records are versioned twice: SCHEMA is the shape of our saves, and each
// record carries the content hash of the scenario or quiz it belongs to, so an
// edited scenario never resumes into nodes that no longer exist.

export const SCHEMA = 1;
export const CHANGE_EVENT = "quiz-engine:progress"; // dispatched on document after every save

/** The site's root path, from this script's own URL: the same on every page and sub-path. */
export const SITE_ROOT = new URL("../../", import.meta.url);
const PREFIX = `qe:${SCHEMA}:${SITE_ROOT.pathname}:`;

function findBridge() {
  // The SCORM launch page sets window.quizEngineLMS; we are in its frame (same origin).
  let win = window;
  for (let hops = 0; hops < 5 && win.parent && win.parent !== win; hops += 1) {
    win = win.parent;
    try {
      if (win.quizEngineLMS && win.quizEngineLMS.connected) return win.quizEngineLMS;
    } catch {
      return null; // another origin
    }
  }
  return null;
}

class MemoryBackend {
  constructor(initial = {}) {
    this.data = { ...initial };
  }
  read(key) {
    return key in this.data ? this.data[key] : null;
  }
  write(key, value) {
    this.data[key] = value;
    return true;
  }
  remove(key) {
    delete this.data[key];
  }
  keys() {
    return Object.keys(this.data);
  }
}

class LocalBackend {
  // Every access is guarded: storage can throw on read, on write, or be full.
  constructor(storage) {
    this.storage = storage;
  }
  read(key) {
    try {
      const text = this.storage.getItem(key);
      return text === null ? null : JSON.parse(text);
    } catch {
      return null;
    }
  }
  write(key, value) {
    try {
      this.storage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }
  remove(key) {
    try {
      this.storage.removeItem(key);
    } catch {
      /* nothing to do: the record is unreachable anyway */
    }
  }
  keys() {
    try {
      const out = [];
      for (let i = 0; i < this.storage.length; i += 1) out.push(this.storage.key(i));
      return out.filter((k) => k && k.startsWith(PREFIX));
    } catch {
      return [];
    }
  }
}

// Under SCORM 1.2, cmi.suspend_data holds at most 4,096 characters. The LMS copy
// of the state drops the site prefix from keys (the package is one site); when it
// is still too long, records are left out of it, one at a time, until it fits:
// kind by kind in LMS_DROP_ORDER, and within a kind in the order of `dropFirst`.
// Left-out records stay whole for the rest of the visit (the launch page keeps
// them for the next page), and the copy lists their kinds under LEFT_KEY, so the
// launch page can tell the learner, now and at the next launch.
//   1. reflections: the largest first (the learner is told, and can download them);
//   2. quiz attempts left part-way: that quiz starts again next time;
//   3. positions in scenarios, finished scenarios first (they only offer the debrief
//      again), then the largest: next time that scenario starts again;
//   4. the name for the certificate (and records of any kind not listed here);
//   5. summaries, which carry completion: those not done yet first. The LMS keeps
//      the completion already reported (scorm-launch.js never reports a lower one).
const LMS_DROP_ORDER = ["reflections", "quiz", "scenario", "learner", "summary"];
const LEFT_KEY = "~left"; // not a record: no kind contains "~"
const DONE = new Set(["completed", "passed"]);

/** Which records of `all` (short keys) the LMS copy keeps, within `limit` characters. */
function fitForLms(all, limit) {
  const sizes = new Map(Object.entries(all).map(([k, v]) => [k, JSON.stringify(k).length + 1 + JSON.stringify(v).length]));
  let total = [...sizes.values()].reduce((sum, n) => sum + n, 0);
  const length = () => 2 + total + Math.max(0, sizes.size - 1); // {a,b,...}
  const full = length();
  if (full <= limit) return { copy: all, left: [], full };
  const budget = limit - JSON.stringify({ [LEFT_KEY]: LMS_DROP_ORDER }).length; // room for the list of kinds left out
  const done = (id) => DONE.has(all[`summary:${id}`]?.data?.status);
  const dropFirst = (key) => {
    const id = key.slice(key.indexOf(":") + 1);
    if (key.startsWith("scenario:")) return done(id) ? 1 : 0;
    if (key.startsWith("summary:")) return done(id) ? 0 : 1;
    return 0;
  };
  const kindOf = (key) => {
    const kind = key.slice(0, key.indexOf(":"));
    return LMS_DROP_ORDER.includes(kind) ? kind : "learner";
  };
  const left = [];
  for (const kind of LMS_DROP_ORDER) {
    const keys = [...sizes.keys()].filter((k) => kindOf(k) === kind);
    keys.sort((a, b) => dropFirst(b) - dropFirst(a) || sizes.get(b) - sizes.get(a));
    for (const key of keys) {
      if (length() <= budget) break;
      total -= sizes.get(key);
      sizes.delete(key);
      left.push(key);
    }
  }
  const copy = Object.fromEntries([...sizes.keys()].map((k) => [k, all[k]]));
  copy[LEFT_KEY] = [...new Set(left.map(kindOf))];
  return { copy, left, full };
}

class LmsBackend {
  // All records in one object; each write saves the LMS copy (fitForLms) to cmi.suspend_data.
  constructor(bridge) {
    this.bridge = bridge;
    const loaded = bridge.load();
    this.data = {};
    for (const [short, value] of Object.entries(loaded && typeof loaded === "object" ? loaded : {})) {
      if (short !== LEFT_KEY) this.data[PREFIX + short] = value;
    }
    this.usage = null;
  }
  read(key) {
    return key in this.data ? this.data[key] : null;
  }
  write(key, value) {
    const next = { ...this.data, [key]: value };
    if (!this.save(next)) return false;
    this.data = next;
    return true;
  }
  remove(key) {
    const next = { ...this.data };
    delete next[key];
    if (this.save(next)) this.data = next;
  }
  keys() {
    return Object.keys(this.data);
  }
  save(all) {
    const whole = {};
    for (const [key, value] of Object.entries(all)) whole[key.slice(PREFIX.length)] = value;
    const { copy, left, full } = fitForLms(whole, this.bridge.limit);
    const length = JSON.stringify(copy).length;
    this.usage = { length, full, limit: this.bridge.limit, left };
    return this.bridge.save(copy, whole);
  }
}

function probeLocalStorage() {
  try {
    const storage = window.localStorage;
    const probe = `${PREFIX}probe`;
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

export class Store {
  constructor() {
    const bridge = findBridge();
    const local = bridge ? null : probeLocalStorage();
    this.kind = bridge ? "lms" : local ? "local" : "memory";
    this.backend = bridge ? new LmsBackend(bridge) : local ? new LocalBackend(local) : new MemoryBackend();
    this.bridge = bridge;
    this.persistent = this.kind !== "memory";
  }

  key(kind, id) {
    return `${PREFIX}${kind}:${id}`;
  }

  /**
   * Inside an LMS, after a save: {length, full, limit, left} of the copy in
   * cmi.suspend_data: its length, the length it would have with every record,
   * the LMS's limit, and the "kind:id" keys of the records left out. Else null.
   */
  get lmsCopy() {
    return this.backend instanceof LmsBackend ? this.backend.usage : null;
  }

  /**
   * The saved data of a scenario, quiz or other record, or null.
   * `version` is the content hash: a record saved for other content is reported
   * through `stale` and not returned.
   */
  get(kind, id, version = null) {
    const record = this.backend.read(this.key(kind, id));
    if (!record || record.schema !== SCHEMA) return { data: null, stale: Boolean(record) };
    if (version !== null && record.version !== version) return { data: null, stale: true };
    return { data: record.data, stale: false };
  }

  /** Save; returns false when it could not be kept (then the learner is told once). */
  set(kind, id, version, data) {
    const ok = this.backend.write(this.key(kind, id), { schema: SCHEMA, version, data });
    if (!ok && this.kind !== "memory") this.fallBackToMemory(kind, id, version, data);
    document.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: { kind, id } }));
    return ok;
  }

  remove(kind, id) {
    this.backend.remove(this.key(kind, id));
    document.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: { kind, id } }));
  }

  /** Every record of one kind: [{id, version, data}]. */
  all(kind) {
    const start = `${PREFIX}${kind}:`;
    return this.backend
      .keys()
      .filter((k) => k.startsWith(start))
      .map((k) => ({ id: k.slice(start.length), record: this.backend.read(k) }))
      .filter((e) => e.record && e.record.schema === SCHEMA)
      .map((e) => ({ id: e.id, version: e.record.version, data: e.record.data }));
  }

  fallBackToMemory(kind, id, version, data) {
    // Storage failed (full, or blocked after the probe): keep going in memory.
    const copy = {};
    for (const key of this.backend.keys()) copy[key] = this.backend.read(key);
    this.backend = new MemoryBackend(copy);
    this.backend.write(this.key(kind, id), { schema: SCHEMA, version, data });
    this.kind = "memory";
    this.persistent = false;
  }
}

let shared = null;

/** The document's store (module state is per document, so two players share it). */
export function openStore() {
  if (!shared) shared = new Store();
  return shared;
}
