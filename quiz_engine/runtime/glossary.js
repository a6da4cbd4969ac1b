// Glossary terms show their definition on hover, on keyboard focus and on a tap (CSS does
// that); this adds the third part of WCAG 1.4.13: Escape hides the definition without
// moving focus, as does a second tap or click on the term; and it keeps each definition
// inside the window, however near the edge its term is (a phone is 320 px wide).

const EDGE = 8; // px kept free at each side of the window

/** Shift a term's definition sideways so that it is wholly inside the window. */
function place(term) {
  const tip = term.querySelector(":scope > .qe-term__tip");
  if (!tip) return;
  tip.style.left = "0px";
  const box = tip.getBoundingClientRect();
  if (box.width === 0) return; // not shown
  const room = document.documentElement.clientWidth;
  let shift = Math.min(0, room - EDGE - box.right);
  if (box.left + shift < EDGE) shift = EDGE - box.left;
  tip.style.left = `${shift}px`;
}

const termOf = (event) => (event.target instanceof Element ? event.target.closest(".qe-term") : null);
for (const type of ["focusin", "mouseover"]) {
  document.addEventListener(type, (event) => {
    const term = termOf(event);
    if (term) place(term);
  });
}

// A tap or click on a term that is already showing its definition hides it; another shows it again.
document.addEventListener("pointerdown", (event) => {
  const term = termOf(event);
  if (!term || document.activeElement !== term) return;
  term.classList.toggle("qe-term--dismissed");
  if (!term.classList.contains("qe-term--dismissed")) place(term);
  event.preventDefault(); // keep focus on the term
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const term of document.querySelectorAll(".qe-term:hover, .qe-term:focus")) {
    term.classList.add("qe-term--dismissed");
  }
});

// Shown again the next time the term is pointed at or focused (a tap's mouseout
// leaves a term that still has focus hidden, as the learner asked).
document.addEventListener("focusout", (event) => termOf(event)?.classList.remove("qe-term--dismissed"));
document.addEventListener("mouseout", (event) => {
  const term = termOf(event);
  if (term && document.activeElement !== term) term.classList.remove("qe-term--dismissed");
});

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
