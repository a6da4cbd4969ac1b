// Decision logic of the scenario player: pure functions, no DOM, no globals.
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

/** The node's `when` paragraphs whose `if` holds, in order: shown after its text. */
export function shownParagraphs(node, vars) {
  return (node.when || []).filter((paragraph) => Boolean(evaluate(paragraph.if, vars)));
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
