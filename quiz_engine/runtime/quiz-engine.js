// Marking and results of the quiz player: pure functions, no DOM, no globals.

/**
 * Fisher-Yates shuffle into a new array. With `notInOrder` (order
 * questions) the result is never the input order when that is possible.
 */
export function shuffle(array, random = Math.random, notInOrder = false) {
  const out = array.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  if (notInOrder && out.every((x, i) => x === array[i])) {
    // Swap the first item with one that differs: terminates even with a
    // fixed `random`, and equal items cannot fake a "wrong" order.
    const k = out.findIndex((x) => x !== out[0]);
    if (k > 0) [out[0], out[k]] = [out[k], out[0]];
  }
  return out;
}

/*
 * Quiz responses, by question type:
 *   single: option index | null        multiple: array of option indices
 *   true-false: true | false | null     order: item strings in the learner's order
 *   match: per pair, the chosen right_html or null
 */

/** Whether the learner has given an answer that can be checked. */
export function isAnswered(question, response) {
  switch (question.type) {
    case "multiple":
      return Array.isArray(response) && response.length > 0;
    case "order":
      return Array.isArray(response);
    case "match":
      return Array.isArray(response) && (question.pairs || []).every((_, i) => response[i]);
    default:
      return response !== null && response !== undefined;
  }
}

/** Whether the response is fully correct. */
export function isCorrect(question, response) {
  if (!isAnswered(question, response)) return false;
  const options = question.options || [];
  switch (question.type) {
    case "single":
      return options[response]?.correct === true;
    case "multiple": {
      const chosen = new Set(response);
      return options.every((o, i) => Boolean(o.correct) === chosen.has(i));
    }
    case "true-false":
      return response === question.answer;
    case "order": {
      const items = question.items || [];
      return response.length === items.length && items.every((x, i) => response[i] === x);
    }
    case "match":
      return question.pairs.every((p, i) => response[i] === p.right_html);
  }
  throw new Error(`Unknown question type '${question.type}'`);
}

/** Points per question are all-or-nothing; `responses` align with `questions`. */
export function scoreQuiz(questions, responses, passMark) {
  let points = 0;
  let max = 0;
  const missed = [];
  questions.forEach((q, i) => {
    const worth = q.points ?? 1;
    max += worth;
    if (isCorrect(q, responses[i])) points += worth;
    else missed.push(q);
  });
  // Round down, so a shown "80%" never sits beside "Not passed".
  const percent = max > 0 ? Math.floor((points * 100) / max) : 100;
  const passed = max > 0 ? points * 100 >= passMark * max : true;
  return { points, max, percent, passed, missed };
}

/**
 * The quiz's summary record (progress.js) after an attempt: the best score and a
 * pass are kept whatever later attempts score; completed_at is the first pass.
 */
export function quizSummary(previous, result, title, now = new Date()) {
  const before = previous || {};
  const passed = Boolean(before.passed) || result.passed;
  return {
    status: passed ? "passed" : "failed",
    best: typeof before.best === "number" ? Math.max(before.best, result.percent) : result.percent,
    passed,
    attempts: (before.attempts || 0) + 1,
    completed_at: before.completed_at || (result.passed ? now.toISOString() : null),
    title,
  };
}

/**
 * A quiz attempt saved part-way ({deck: [{i, shown}], responses, next}: question
 * indices in the order asked, what each showed, the answers so far, the next
 * question) if it fits these questions, else null.
 */
export function resumableAttempt(questions, saved) {
  if (!saved || !Array.isArray(saved.deck) || !Array.isArray(saved.responses)) return null;
  const n = questions.length;
  const asked = saved.deck.map((d) => d && d.i);
  const each = asked.every((i) => Number.isInteger(i) && i >= 0 && i < n) && new Set(asked).size === n;
  const fits = saved.deck.length === n && each && saved.deck.every((d) => Array.isArray(d.shown));
  const next = saved.next;
  return fits && Number.isInteger(next) && next >= 1 && next <= n && saved.responses.length === next ? saved : null;
}

/** Theme slugs of the missed questions, in the order first missed, once each. */
export function themesToRevisit(missed) {
  return [...new Set(missed.map((q) => q.theme).filter(Boolean))];
}
