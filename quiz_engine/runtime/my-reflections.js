// <my-reflections>: the learner's reflections, on the My reflections page.
// This file loads on every page, so it only defines the element; the page's
// code (reflections-page.js) is fetched where the element is.

class MyReflections extends HTMLElement {
  async connectedCallback() {
    const { showReflections } = await import("./reflections-page.js");
    if (this.isConnected) showReflections(this);
  }
}

if (!customElements.get("my-reflections")) customElements.define("my-reflections", MyReflections);
