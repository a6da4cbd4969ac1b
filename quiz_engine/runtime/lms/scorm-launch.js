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
    names: { suspend: 'cmi.suspend_data', location: 'cmi.location', exit: 'cmi.exit', entry: 'cmi.entry' },
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
    names: { suspend: 'cmi.suspend_data', location: 'cmi.core.lesson_location', exit: 'cmi.core.exit', entry: 'cmi.core.entry' },
    reached() {
      const status = this.get('cmi.core.lesson_status');
      return status === 'passed' || status === 'completed';
    },
    report(progress) {
      const out = [];
      const status = progress.complete ? 'passed' : progress.failed ? 'failed' : 'incomplete';
      out.push(this.set('cmi.core.lesson_status', status));
      if (progress.score !== null) {
        out.push(this.set('cmi.core.score.min', 0), this.set('cmi.core.score.max', 100));
        out.push(this.set('cmi.core.score.raw', progress.score));
      }
      return out;
    },
  };
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

/** The notice above the frame: `id` is "lms-earlier" (at launch) or "lms-now" (a live region). */
function tell(id, sentences) {
  const el = document.getElementById(id);
  if (!el) return;
  const text = sentences.filter(Boolean).join(' ');
  if (el.dataset.text === (text || '')) return; // unchanged: do not announce it again
  el.dataset.text = text;
  el.replaceChildren();
  if (!text) return;
  const p = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = 'Please note: ';
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
  if (open) {
    // Suspend data exists only when resuming; asking for it otherwise is an error in SCORM 2004.
    const resuming = lms.get(lms.names.entry) === 'resume';
    try {
      const saved = resuming ? lms.get(lms.names.suspend) : '';
      state = saved ? JSON.parse(saved) : {};
      if (!state || typeof state !== 'object') state = {};
    } catch {
      state = {}; // unreadable suspend data: start afresh rather than fail
    }
    if (resuming) reached = lms.reached();
    else lms.report({ complete: false, failed: false, score: null });
    lms.commit();
    const left = kindsLeft(state);
    const missing = notKept(left);
    tell('lms-earlier', [
      missing && `The learning system had no room to keep ${missing} from your last visit.`,
      left.includes('summary') && STILL_RECORDED,
    ]);
  }
  return {
    version: lms.version,
    limit: lms.limit,
    get connected() {
      return open;
    },
    load: () => state,
    /** Save `copy` (at most `limit` characters as JSON) in the LMS; the next page of this visit loads `whole`. */
    save(copy, whole = copy) {
      const text = JSON.stringify(copy);
      if (!open || text.length > lms.limit) return false;
      state = whole;
      const ok = String(lms.set(lms.names.suspend, text)) === 'true';
      lms.set(lms.names.exit, 'suspend');
      lms.commit();
      tellNow(copy);
      return ok;
    },
    report(progress) {
      if (!open) return false;
      if (reached && !progress.complete) return true; // e.g. progress the LMS had no room for
      const results = lms.report(progress);
      lms.commit();
      if (progress.complete) reached = true;
      return results.every((r) => String(r) === 'true');
    },
    finish() {
      if (!open) return;
      lms.commit();
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
