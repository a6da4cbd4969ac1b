// SCORM launch page: finds the LMS's API, holds one session for the whole visit,
// and offers the module's pages (in the frame below) a small bridge:
// load()/save() of the learner's state in cmi.suspend_data, and report() of
// completion and score. SCORM 2004 (API_1484_11) is preferred over 1.2 (API).
//
// storage.js saves a copy that fits the LMS's limit, and the whole state beside
// it: the whole state is what the next page of this visit loads, so what the LMS
// has no room for is lost only when the module closes. The copy lists the kinds
// of records it left out under LEFT_KEY; the learner is told which, above the frame.

const SUSPEND_LIMIT_12 = 4096; // SCORM 1.2 caps cmi.suspend_data at 4,096 characters
const LEFT_KEY = '~left';
const NOT_KEPT = {
  reflections: 'some of your reflections',
  quiz: 'a quiz you left part-way',
  scenario: 'where you were in some scenarios',
  learner: 'your name for the certificate',
  summary: 'some of your progress',
};
const STILL_RECORDED = 'The learning system still records whether you have completed the module.';
const VIEWING = {
  review: 'You are reviewing this module. Nothing you do now changes what your learning system has recorded.',
  browse: 'You are browsing this module. Nothing you do now is recorded by your learning system.',
};

function findAPI(name) {
  // The standard search: up through parents, then the opener's parents.
  for (let start of [window, window.opener]) {
    let win = start;
    for (let hops = 0; win && hops < 10; hops += 1) {
      try {
        if (win[name]) return win[name];
      } catch {
        break; // another origin: stop climbing this chain
      }
      if (win.parent === win) break;
      win = win.parent;
    }
  }
  return null;
}

function scorm2004(api) {
  return {
    version: '2004',
    limit: 64000,
    initialize: () => api.Initialize(''),
    get: (key) => api.GetValue(key),
    set: (key, value) => api.SetValue(key, String(value)),
    commit: () => api.Commit(''),
    terminate: () => api.Terminate(''),
    error: () => api.GetLastError(),
    names: {
      suspend: 'cmi.suspend_data',
      location: 'cmi.location',
      exit: 'cmi.exit',
      entry: 'cmi.entry',
      mode: 'cmi.mode',
      time: 'cmi.session_time',
      learner: 'cmi.learner_id',
    },
    duration: duration2004,
    reached() {
      return this.get('cmi.completion_status') === 'completed';
    },
    report(progress) {
      const out = [];
      out.push(this.set('cmi.completion_status', progress.complete ? 'completed' : 'incomplete'));
      if (progress.score !== null) {
        out.push(this.set('cmi.score.min', 0), this.set('cmi.score.max', 100));
        out.push(this.set('cmi.score.raw', progress.score), this.set('cmi.score.scaled', (progress.score / 100).toFixed(2)));
      }
      if (progress.complete || progress.failed) out.push(this.set('cmi.success_status', progress.failed ? 'failed' : 'passed'));
      return out;
    },
  };
}

function scorm12(api) {
  return {
    version: '1.2',
    limit: SUSPEND_LIMIT_12,
    initialize: () => api.LMSInitialize(''),
    get: (key) => api.LMSGetValue(key),
    set: (key, value) => api.LMSSetValue(key, String(value)),
    commit: () => api.LMSCommit(''),
    terminate: () => api.LMSFinish(''),
    error: () => api.LMSGetLastError(),
    names: {
      suspend: 'cmi.suspend_data',
      location: 'cmi.core.lesson_location',
      exit: 'cmi.core.exit',
      entry: 'cmi.core.entry',
      mode: 'cmi.core.lesson_mode',
      time: 'cmi.core.session_time',
      learner: 'cmi.core.student_id',
    },
    duration: timespan12,
    reached() {
      const status = this.get('cmi.core.lesson_status');
      return status === 'passed' || status === 'completed';
    },
    report(progress) {
      const out = [];
      // Never "passed" or "failed": Moodle's default completion rule ("Require status:
      // Completed") left a learner whose 1.2 status was "passed" not complete, and "failed"
      // can make an LMS start a new attempt while a quiz can still be retaken.
      out.push(this.set('cmi.core.lesson_status', progress.complete ? 'completed' : 'incomplete'));
      if (progress.score !== null) {
        out.push(this.set('cmi.core.score.min', 0), this.set('cmi.core.score.max', 100));
        out.push(this.set('cmi.core.score.raw', progress.score));
      }
      return out;
    },
  };
}

/** Centiseconds in `ms` as [hours, minutes, seconds, hundredths], rounded down. */
function hms(ms) {
  const cs = Math.max(0, Math.floor(ms / 10));
  return [Math.floor(cs / 360000), Math.floor(cs / 6000) % 60, Math.floor(cs / 100) % 60, cs % 100];
}

/** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS (hours in 2 to 4 digits): "00:12:03.50". */
function timespan12(ms) {
  const [h, m, s, c] = hms(Math.min(ms, 3.6e6 * 10000 - 10)); // at most 9999:59:59.99
  const two = (n) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}.${two(c)}`;
}

/** SCORM 2004 timeinterval (ISO 8601 duration, at most hundredths of a second): "PT1H2M3.5S". */
function duration2004(ms) {
  const [h, m, s, c] = hms(ms);
  const seconds = c ? `${s}.${String(c).padStart(2, '0').replace(/0$/, '')}` : String(s);
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${seconds}S`;
}

/** Milliseconds the page has been in view since this was called (hidden time left out). */
function viewClock() {
  let counted = 0;
  let since = document.visibilityState === 'hidden' ? null : performance.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && since !== null) {
      counted += performance.now() - since;
      since = null;
    } else if (document.visibilityState !== 'hidden' && since === null) {
      since = performance.now();
    }
  });
  return () => counted + (since === null ? 0 : performance.now() - since);
}

function connect() {
  const api2004 = findAPI('API_1484_11');
  if (api2004) return scorm2004(api2004);
  const api12 = findAPI('API');
  return api12 ? scorm12(api12) : null;
}

/** "a, b and c" */
function listed(parts) {
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts.join('');
}

/** The kinds of records a saved copy left out (its LEFT_KEY). */
function kindsLeft(copy) {
  const kinds = copy && typeof copy === 'object' ? copy[LEFT_KEY] : null;
  return Array.isArray(kinds) ? kinds : [];
}

/** What the LMS has no room for, in words ("" when all is kept). */
function notKept(kinds) {
  return listed(kinds.map((kind) => NOT_KEPT[kind]).filter(Boolean));
}

/** The notice above the frame: `id` is "lms-mode" or "lms-earlier" (at launch) or "lms-now" (a live region). */
function tell(id, sentences, lead = 'Please note: ') {
  const el = document.getElementById(id);
  if (!el) return;
  const text = sentences.filter(Boolean).join(' ');
  if (el.dataset.text === (text || '')) return; // unchanged: do not announce it again
  el.dataset.text = text;
  el.replaceChildren();
  if (!text) return;
  const p = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = lead;
  p.append(strong, text);
  el.append(p);
}

function tellNow(copy) {
  const left = kindsLeft(copy);
  const missing = notKept(left);
  tell('lms-now', [
    missing && `The learning system has no room to keep ${missing} for your next visit.`,
    left.includes('reflections') &&
      'To keep a copy of your reflections, print or download them from the My reflections page before you close the module.',
    left.includes('summary') && STILL_RECORDED,
  ]);
}

function createBridge(lms) {
  let open = String(lms.initialize()) === 'true';
  let state = {};
  let reached = false; // the LMS holds a completion: never report a lower status
  let viewing = null; // "review" or "browse": nothing is written to the LMS
  let learnerId = null; // the LMS's id of the learner: learning records (xapi.js) name them by it
  let inView = () => 0;
  if (open) {
    inView = viewClock();
    const mode = lms.get(lms.names.mode);
    viewing = mode === 'review' || mode === 'browse' ? mode : null;
    learnerId = String(lms.get(lms.names.learner) || '') || null;
    // Suspend data is read when resuming, when reviewing, and when the LMS holds a
    // completion (it may reopen a completed attempt without "resume": what the learner
    // wrote is still there, and the first save must not replace it with less). A fresh
    // attempt has none (asking for it then is an error in SCORM 2004).
    const resuming = lms.get(lms.names.entry) === 'resume';
    reached = !viewing && lms.reached();
    try {
      const saved = resuming || viewing || reached ? lms.get(lms.names.suspend) : '';
      state = saved ? JSON.parse(saved) : {};
      if (!state || typeof state !== 'object') state = {};
    } catch {
      state = {}; // unreadable suspend data: start afresh rather than fail
    }
    if (viewing) {
      tell('lms-mode', [VIEWING[viewing]], viewing === 'browse' ? 'Browse: ' : 'Review: ');
    } else {
      // Checked on every launch (above): an LMS may relaunch a completed attempt without "resume".
      if (!reached) lms.report({ complete: false, failed: false, score: null });
      lms.commit();
      const left = kindsLeft(state);
      const missing = notKept(left);
      tell('lms-earlier', [
        missing && `The learning system had no room to keep ${missing} from your last visit.`,
        left.includes('summary') && STILL_RECORDED,
      ]);
    }
  }
  /** Set the session time so far (the whole session: the LMS adds it to total_time once, at the end). */
  const clock = () => lms.set(lms.names.time, lms.duration(inView()));
  return {
    version: lms.version,
    limit: lms.limit,
    get connected() {
      return open;
    },
    /** "review" or "browse" when the LMS opened the module only to look at it; else null. */
    viewing,
    /** The LMS's id of the learner, or null. */
    learnerId,
    load: () => state,
    /** Save `copy` (at most `limit` characters as JSON) in the LMS; the next page of this visit loads `whole`. */
    save(copy, whole = copy) {
      const text = JSON.stringify(copy);
      if (!open || text.length > lms.limit) return false;
      state = whole;
      if (viewing) return true; // kept for this visit only
      const ok = String(lms.set(lms.names.suspend, text)) === 'true';
      lms.set(lms.names.exit, 'suspend');
      lms.commit();
      tellNow(copy);
      return ok;
    },
    report(progress) {
      if (!open) return false;
      if (viewing) return true;
      if (reached && !progress.complete) return true; // e.g. progress the LMS had no room for
      const results = lms.report(progress);
      if (progress.complete) results.push(clock());
      lms.commit();
      if (progress.complete) reached = true;
      return results.every((r) => String(r) === 'true');
    },
    finish() {
      if (!open) return;
      if (!viewing) {
        clock();
        lms.commit();
      }
      lms.terminate();
      open = false;
    },
  };
}

const lms = connect();
const bridge = lms ? createBridge(lms) : null;
// The frame's pages look for this property on their parent window (same origin).
window.quizEngineLMS = bridge;
window.addEventListener('pagehide', () => bridge && bridge.finish());
