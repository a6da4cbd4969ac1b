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
