// Glossary terms show their definition on hover and on keyboard focus (CSS does that);
// this adds the third part of WCAG 1.4.13: Escape hides the definition without moving focus.

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const term of document.querySelectorAll(".qe-term:hover, .qe-term:focus")) {
    term.classList.add("qe-term--dismissed");
  }
});

// Shown again the next time the term is pointed at or focused.
for (const type of ["mouseout", "focusout"]) {
  document.addEventListener(type, (event) => {
    const term = event.target instanceof Element ? event.target.closest(".qe-term") : null;
    if (term) term.classList.remove("qe-term--dismissed");
  });
}

// Scenario and quiz text carries tooltip ids fixed at build time, unique on the page.
// A block can still be shown twice at once (a choice made twice on a looping route is
// listed twice in the debrief): the copy then gets an id of its own, so each term's
// aria-describedby names its own definition.
const count = (id) => document.querySelectorAll(`#${CSS.escape(id)}`).length;
let copies = 0;

function ownIds(root) {
  for (const tip of root.querySelectorAll(".qe-term__tip[id]")) {
    if (count(tip.id) < 2) continue;
    const base = tip.id;
    do {
      copies += 1;
      tip.id = `${base}-${copies}`;
    } while (count(tip.id) > 1);
    tip.parentElement?.setAttribute("aria-describedby", tip.id);
  }
}

new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) ownIds(node);
  }
}).observe(document.documentElement, { childList: true, subtree: true });
