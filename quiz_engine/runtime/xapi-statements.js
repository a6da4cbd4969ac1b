// xAPI statements of the players' events (xapi.js sends them). DOM-free apart from
// textOf, which turns the build's sanitised HTML into the plain text of a name.
//
// Activity ids are IRIs under the site's published address (site_url), the same in the
// site and in its SCORM packages, so records of one module add up wherever it ran:
//   module     {base}                               pathway   {base}pathways/{id}
//   scenario   {base}scenarios/{id}                 decision  {base}scenarios/{id}/nodes/{node}
//   quiz       {base}quizzes/{id}                   question  {base}quizzes/{id}/questions/{qid}
// Nothing the learner wrote (reflections, the certificate's name) is ever part of one.
import { textOf } from "./dom.js";

export const VERBS = {
  answered: "http://adlnet.gov/expapi/verbs/answered",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
};
export const TYPES = {
  module: "http://adlnet.gov/expapi/activities/course",
  pathway: "http://adlnet.gov/expapi/activities/module",
  scenario: "http://adlnet.gov/expapi/activities/simulation",
  quiz: "http://adlnet.gov/expapi/activities/assessment",
  interaction: "http://adlnet.gov/expapi/activities/cmi.interaction",
};
const LANGUAGE = "en-GB";
// The quiz player's question types as xAPI interaction types.
const INTERACTION = { single: "choice", multiple: "choice", "true-false": "true-false", order: "sequencing", match: "matching" };

/** A version 4 UUID: crypto.randomUUID exists only on https pages, getRandomValues on every page. */
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** "PT12.34S": an ISO 8601 duration, as xAPI's result.duration takes it. */
export function isoDuration(ms) {
  return `PT${Math.max(0, Math.round(ms / 10) / 100)}S`;
}

const words = (text) => ({ [LANGUAGE]: text });
const plain = (html) => textOf(html).replace(/\s+/g, " ");
const component = (id, html) => ({ id, description: words(plain(html)) });

/** The ids and names of one module's activities. `base` is site_url, ending in "/". */
export class Activities {
  constructor(base, moduleTitle) {
    this.base = base;
    this.moduleTitle = moduleTitle;
  }

  extension(name) {
    return `${this.base}xapi/${name}`;
  }

  activity(id, type, name, extra = {}) {
    return { objectType: "Activity", id, definition: { type, name: words(name), ...extra } };
  }

  module() {
    return this.activity(this.base, TYPES.module, this.moduleTitle);
  }

  pathway(pathway) {
    return this.activity(`${this.base}pathways/${pathway.id}`, TYPES.pathway, pathway.title);
  }

  item(item) {
    const folder = item.kind === "scenario" ? "scenarios" : "quizzes";
    return this.activity(`${this.base}${folder}/${item.id}`, TYPES[item.kind], item.title);
  }

  /** A decision: a choice interaction whose components are all the node's choices (shown or not, so its definition never changes). */
  decision(scenario, nodeId, name) {
    const node = scenario.nodes[nodeId];
    return this.activity(`${this.base}scenarios/${scenario.id}/nodes/${nodeId}`, TYPES.interaction, name, {
      interactionType: "choice",
      choices: node.choices.map((c, i) => component(choiceId(c, i), c.text_html)),
    });
  }

  question(quiz, q) {
    return this.activity(`${this.base}quizzes/${quiz.id}/questions/${q.id}`, TYPES.interaction, plain(q.prompt_html), {
      interactionType: INTERACTION[q.type],
      correctResponsesPattern: [correctPattern(q)],
      ...components(q),
    });
  }
}

/** A choice's id: the trainer's `id:`, else c1, c2... (the build fills it in; this is for older data). */
function choiceId(choice, index) {
  return choice.id || `c${index + 1}`;
}

// Quiz components have ids by position: o1 (options), i1 (order items), l1 and r1 (match).
const optionId = (i) => `o${i + 1}`;
const itemId = (i) => `i${i + 1}`;
const rights = (q) => [...new Set(q.pairs.map((p) => p.right_html))];

function components(q) {
  switch (q.type) {
    case "single":
    case "multiple":
      return { choices: q.options.map((o, i) => component(optionId(i), o.text_html)) };
    case "order":
      return { choices: q.items.map((html, i) => component(itemId(i), html)) };
    case "match":
      return {
        source: q.pairs.map((p, i) => component(`l${i + 1}`, p.left_html)),
        target: rights(q).map((html, i) => component(`r${i + 1}`, html)),
      };
    default:
      return {};
  }
}

function correctPattern(q) {
  switch (q.type) {
    case "single":
    case "multiple":
      return q.options.flatMap((o, i) => (o.correct ? [optionId(i)] : [])).join("[,]");
    case "true-false":
      return String(q.answer);
    case "order":
      return q.items.map((_, i) => itemId(i)).join("[,]");
    case "match":
      return q.pairs.map((p, i) => `l${i + 1}[.]r${rights(q).indexOf(p.right_html) + 1}`).join("[,]");
  }
  return "";
}

/** The learner's response (as quiz-engine.js reads it) in the question's response pattern. */
export function responsePattern(q, response) {
  switch (q.type) {
    case "single":
      return optionId(response);
    case "multiple":
      return [...response].sort((a, b) => a - b).map(optionId).join("[,]");
    case "true-false":
      return String(response);
    case "order":
      return response.map((html) => itemId(q.items.indexOf(html))).join("[,]");
    case "match":
      return response.map((html, i) => `l${i + 1}[.]r${rights(q).indexOf(html) + 1}`).join("[,]");
  }
  return "";
}

/** The statements of one player event (see xapi.js for the event's detail). */
export function statementsFor(event, activities, context) {
  const { item } = event;
  const parent = activities.item(item);
  const withParent = { ...context, contextActivities: { ...context.contextActivities, parent: [parent] } };
  const base = (verb, object, result, ctx = withParent) => ({
    verb: { id: VERBS[verb], display: words(verb) },
    object,
    result,
    context: ctx,
  });
  switch (event.type) {
    case "decision": {
      const choice = item.nodes[event.node].choices[event.choice];
      const extensions = { [activities.extension("rating")]: choice.rating ?? null };
      const result = { response: choiceId(choice, event.choice), extensions, duration: event.duration };
      return [base("answered", activities.decision(item, event.node, event.name), result)];
    }
    case "ending": {
      const extensions = {
        [activities.extension("outcome")]: item.nodes[event.node].ending,
        [activities.extension("ending")]: event.node,
        [activities.extension("path-length")]: event.steps,
      };
      return [base("completed", parent, { completion: true, extensions, duration: event.duration }, context)];
    }
    case "question": {
      const result = { success: event.correct, response: responsePattern(event.question, event.response), duration: event.duration };
      return [base("answered", activities.question(item, event.question), result)];
    }
    case "attempt": {
      const { points, max, passed } = event.result;
      const score = { scaled: max > 0 ? Math.round((points / max) * 10000) / 10000 : 1, raw: points, min: 0, max };
      const result = { score, success: passed, completion: true, duration: event.duration };
      return [base(passed ? "passed" : "failed", parent, result, context)];
    }
  }
  return [];
}
