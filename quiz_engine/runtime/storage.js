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
export const PREFIX = `qe:${SCHEMA}:${SITE_ROOT.pathname}:`;

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

// The LMS backend lives in lms-storage.js, which only pages inside a frame load
// (elements.js, before any element's code), and which hands it over here.
let LmsBackend = null;

/** Called by lms-storage.js: from now on, a store inside the SCORM launch page keeps its state in the LMS. */
export function useLmsBackend(backend) {
  LmsBackend = backend;
  shared = null;
}

export class Store {
  constructor() {
    const bridge = LmsBackend ? findBridge() : null;
    const local = bridge ? null : probeLocalStorage();
    this.kind = bridge ? "lms" : local ? "local" : "memory";
    this.backend = bridge ? new LmsBackend(bridge) : local ? new LocalBackend(local) : new MemoryBackend();
    this.bridge = bridge;
    this.persistent = this.kind !== "memory";
  }

  /**
   * Where the learner's state is kept, for the texts that say so: "local" (this
   * browser on this device), "memory" (nowhere: storage blocked or full), "lms"
   * (the learning system), "lms-refused" (in a learning system that refused a save)
   * or "review" (in a learning system that opened the module for review or browse:
   * kept for this visit only).
   */
  get where() {
    if (!this.bridge) return this.kind;
    if (this.bridge.viewing) return "review";
    return this.kind === "memory" ? "lms-refused" : "lms";
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
    return this.backend.usage ?? null; // only the LMS backend keeps one
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
