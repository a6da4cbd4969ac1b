// Statements wait on the device until the LRS accepts them: offline, LRS down, page
// closed. A statement leaves the queue only when the LRS has answered 2xx for it, or 409
// (it holds that statement id already: our ids are random UUIDs, so that is our
// statement, sent before by a request whose answer never arrived). So none is lost and,
// as an LRS keeps one statement per id, none is recorded twice.
//
// The queue is kept in localStorage, beside but apart from the learner's progress (it
// never goes to an LMS's suspend data); where storage is blocked, in memory for the visit.

const BATCH = 50; // statements per request
const RETRY_FIRST = 2000; // ms; doubled after each failure
const RETRY_MOST = 60000;

export class StatementQueue {
  #key;
  #memory = [];
  #storage;
  #retry = RETRY_FIRST;
  #timer = null;
  #busy = false;

  /** `settings`: {endpoint, auth} from mkdocs.yml's extra.xapi. */
  constructor(settings, key, storage) {
    this.settings = settings;
    this.#key = key;
    this.#storage = storage;
    addEventListener("online", () => this.flush());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.flush();
      else this.flush(true); // the page may be closing: a request that outlives it
    });
  }

  #read() {
    if (!this.#storage) return this.#memory;
    try {
      return JSON.parse(this.#storage.getItem(this.#key) || "[]");
    } catch {
      return this.#memory;
    }
  }

  #write(statements) {
    this.#memory = statements;
    try {
      if (this.#storage) this.#storage.setItem(this.#key, JSON.stringify(statements));
    } catch {
      /* storage full or blocked: kept in memory for this visit, and tried again on the next write */
    }
  }

  get length() {
    return this.#read().length;
  }

  add(statements) {
    this.#write([...this.#read(), ...statements]);
    this.flush();
  }

  #remove(ids) {
    const sent = new Set(ids);
    this.#write(this.#read().filter((s) => !sent.has(s.id)));
  }

  #request(method, body, query = "", keepalive = false) {
    const { endpoint, auth } = this.settings;
    const headers = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
    if (auth) headers.Authorization = auth;
    return fetch(`${endpoint}statements${query}`, { method, headers, body: JSON.stringify(body), keepalive, credentials: "omit" });
  }

  /** Send what waits, a batch at a time; on failure, try again later (2 s, 4 s, ... 1 min). */
  flush(closing = false) {
    if (closing) {
      // The answer may never be read: the statements stay queued until a later visit's
      // flush has one (the LRS answers 409 for those it got now).
      const batch = this.#read().slice(0, BATCH);
      if (batch.length) this.#request("POST", batch, "", true).catch(() => {});
      return Promise.resolve();
    }
    if (this.#busy) return Promise.resolve();
    // One tab at a time sends (Web Locks, where there are): two tabs would send the same statements.
    const run = () => this.#drain();
    const locked = navigator.locks ? navigator.locks.request(`${this.#key}:send`, run) : run();
    this.#busy = true;
    return locked.finally(() => {
      this.#busy = false;
    });
  }

  async #drain() {
    clearTimeout(this.#timer);
    try {
      for (let batch = this.#read().slice(0, BATCH); batch.length; batch = this.#read().slice(0, BATCH)) {
        const response = await this.#request("POST", batch);
        // 409: the LRS holds one of these ids; 400: one is unacceptable. Either way, each on its own.
        if (response.status === 409 || response.status === 400) await this.#oneByOne(batch);
        else if (response.ok) this.#remove(batch.map((s) => s.id));
        else throw new Error(`LRS: ${response.status}`);
      }
      this.#retry = RETRY_FIRST;
    } catch {
      this.#timer = setTimeout(() => this.flush(), this.#retry); // offline, LRS down or refusing
      this.#retry = Math.min(this.#retry * 2, RETRY_MOST);
    }
  }

  /** A batch with a statement the LRS holds already: each on its own, by its id. */
  async #oneByOne(batch) {
    for (const statement of batch) {
      const response = await this.#request("PUT", statement, `?statementId=${encodeURIComponent(statement.id)}`);
      if (response.ok || response.status === 409) this.#remove([statement.id]);
      else if (response.status === 400) this.#remove([statement.id]); // never acceptable: it must not block the rest
      else throw new Error(`LRS: ${response.status}`);
    }
  }
}
