// The store's backend inside an LMS: the whole state in cmi.suspend_data, through
// the SCORM launch page's bridge. Loaded only inside a frame (elements.js, through
// lms-report.js), so that pages outside an LMS do not download it.
import { PREFIX, useLmsBackend } from "./storage.js";

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

useLmsBackend(LmsBackend);
