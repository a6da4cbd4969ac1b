// SCORM launch page: finds the LMS's API, holds one session for the whole visit,
// and offers the module's pages (in the frame below) a small bridge:
// load()/save() of the learner's state in cmi.suspend_data, and report() of
// completion and score. SCORM 2004 (API_1484_11) is preferred over 1.2 (API).

const SUSPEND_LIMIT_12 = 4096; // SCORM 1.2 caps cmi.suspend_data at 4,096 characters

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

function createBridge(lms) {
  let open = String(lms.initialize()) === 'true';
  let state = {};
  if (open) {
    // Suspend data exists only when resuming; asking for it otherwise is an error in SCORM 2004.
    const resuming = lms.get(lms.names.entry) === 'resume';
    try {
      const saved = resuming ? lms.get(lms.names.suspend) : '';
      state = saved ? JSON.parse(saved) : {};
    } catch {
      state = {}; // unreadable suspend data: start afresh rather than fail
    }
    if (!resuming) lms.report({ complete: false, failed: false, score: null });
    lms.commit();
  }
  return {
    version: lms.version,
    limit: lms.limit,
    get connected() {
      return open;
    },
    load: () => state,
    save(next) {
      const text = JSON.stringify(next);
      if (!open || text.length > lms.limit) return false;
      state = next;
      const ok = String(lms.set(lms.names.suspend, text)) === 'true';
      lms.set(lms.names.exit, 'suspend');
      lms.commit();
      return ok;
    },
    report(progress) {
      if (!open) return false;
      const results = lms.report(progress);
      lms.commit();
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
