// Inside an LMS (the SCORM launch page), report the module's progress after
// every save: incomplete, then completed (SCORM 2004 also passed, or failed), and
// the score (scorm-launch.js decides what each version is told). Outside an LMS
// this module does nothing.
//
// The report goes through the launch page's bridge even when the store has
// fallen back to memory (a save the LMS refused): completion is still reported.

import "./lms-storage.js"; // first: the store below then keeps its state in the LMS
import { CHANGE_EVENT, openStore } from "./storage.js";
import { loadModule, moduleProgress } from "./progress.js";

const store = openStore();

async function report() {
  if (!store.bridge) return;
  const progress = moduleProgress(await loadModule(), store);
  store.bridge.report({ complete: progress.complete, failed: progress.failed, score: progress.score });
}

if (store.bridge) {
  document.addEventListener(CHANGE_EVENT, () => {
    report().catch(() => {
      /* module.json missing: nothing to report, the LMS keeps "incomplete" */
    });
  });
}
