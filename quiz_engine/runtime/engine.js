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
  return { node: scenario.start, vars: { ...(scenario.variables || {}) }, scores, step: 1 };
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
