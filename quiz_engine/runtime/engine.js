// Decision logic for both players: pure functions, no DOM, no globals.
// States are plain objects and are never mutated, so a history stack of
// them is all that "Back" needs.

const COMPARE = {
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

/** Walk a condition tree compiled in Python (see README); never eval. */
export function evaluate(tree, vars) {
  if (tree === null || tree === undefined) return true;
  if ("var" in tree) {
    if (!Object.hasOwn(vars, tree.var)) throw new Error(`Unknown variable '${tree.var}'`);
    return vars[tree.var];
  }
  if ("const" in tree) return tree.const;
  const args = tree.args || [];
  switch (tree.op) {
    case "not":
      return !evaluate(args[0], vars);
    case "and":
      return args.every((t) => evaluate(t, vars));
    case "or":
      return args.some((t) => evaluate(t, vars));
  }
  if (Object.hasOwn(COMPARE, tree.op)) {
    return COMPARE[tree.op](evaluate(args[0], vars), evaluate(args[1], vars));
  }
  throw new Error(`Unknown condition operator '${tree.op}'`);
}

/** What the node is: "choices", "next" or "ending". */
export function nodeKind(node) {
  if (node.ending) return "ending";
  if (node.next) return "next";
  return "choices";
}

/** The node's choices whose `if` holds, each with its index in node.choices. */
export function visibleChoices(node, vars) {
  return (node.choices || [])
    .map((choice, index) => ({ choice, index }))
    .filter(({ choice }) => Boolean(evaluate(choice.if, vars)));
}

/** The state at the scenario's start node. */
export function startState(scenario) {
  const scores = {};
  for (const dim of Object.keys(scenario.dimensions || {})) scores[dim] = 0;
  return { node: scenario.start, vars: { ...(scenario.variables || {}) }, scores, step: 1, path: [] };
}

/** The state after taking `choice`: `set` first, then `add`, then `score`. */
export function applyChoice(state, choice) {
  const vars = { ...state.vars, ...(choice.set || {}) };
  for (const [name, n] of Object.entries(choice.add || {})) vars[name] = (vars[name] || 0) + n;
  const scores = { ...state.scores };
  for (const [dim, n] of Object.entries(choice.score || {})) scores[dim] = (scores[dim] || 0) + n;
  return { node: choice.goto, vars, scores, step: state.step + 1 };
}

/** The state after a `next` node's Continue. */
export function followNext(state, node) {
  return { ...state, node: node.next, step: state.step + 1 };
}

/*
 * A scenario attempt is its path: one {node, choice} per step taken (choice
 * null for a `next` node). Saves keep only the path and replay it, so a
 * save can never put the player into a state the scenario cannot reach.
 */

/** The state after the learner's move at the current node (choice index, or null for `next`). */
export function move(scenario, state, index) {
  const node = scenario.nodes[state.node];
  const next = index === null ? followNext(state, node) : applyChoice(state, node.choices[index]);
  return { ...next, path: [...state.path, { node: state.node, choice: index }] };
}

/** The states before each step of `path` and the state after it, or null if the path no longer fits. */
export function replay(scenario, path) {
  let state = startState(scenario);
  const states = [state];
  for (const taken of Array.isArray(path) ? path : [null]) {
    const node = scenario.nodes[state.node];
    if (!taken || taken.node !== state.node || !node) return null;
    const kind = nodeKind(node);
    const fits =
      kind === "next"
        ? taken.choice === null
        : kind === "choices" && visibleChoices(node, state.vars).some((v) => v.index === taken.choice);
    if (!fits) return null;
    state = move(scenario, state, taken.choice);
    states.push(state);
  }
  return scenario.nodes[state.node] ? states : null;
}

/** Index in `states` (from replay) of the state before the last decision, for Back; -1 if none. */
export function lastDecision(states) {
  const path = states.at(-1).path;
  for (let i = path.length - 1; i >= 0; i -= 1) if (path[i].choice !== null) return i;
  return -1;
}

const RANK = { best: 3, acceptable: 2, poor: 1 };

/** Index of the best-rated choice shown with `vars` (first of equals), or null if none is rated. */
export function bestChoice(node, vars) {
  let best = null;
  for (const { choice, index } of visibleChoices(node, vars)) {
    const rank = RANK[choice.rating] || 0;
    if (rank > 0 && (!best || rank > best.rank)) best = { index, rank };
  }
  return best && best.index;
}

/**
 * What the debrief lists: each decision of the final path with the choice,
 * the first choice made at that node if it differs (Back was used), and the
 * best-rated choice where the learner's was rated lower.
 */
export function debriefSteps(scenario, states, firsts = {}) {
  const out = [];
  states.at(-1).path.forEach((taken, i) => {
    if (taken.choice === null) return;
    const node = scenario.nodes[taken.node];
    const choice = node.choices[taken.choice];
    const best = bestChoice(node, states[i].vars);
    const first = Object.hasOwn(firsts, taken.node) ? firsts[taken.node] : taken.choice;
    out.push({
      nodeId: taken.node,
      node,
      choice,
      first: first !== taken.choice && node.choices[first] ? node.choices[first] : null,
      best: best !== null && (RANK[node.choices[best].rating] || 0) > (RANK[choice.rating] || 0) ? node.choices[best] : null,
    });
  });
  return out;
}

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
