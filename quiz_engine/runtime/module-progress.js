// <module-progress>: the progress panel of the module's home page.
// This file loads on every page, so it only defines the element; the panel's
// code (progress-panel.js) is fetched where the element is.

class ModuleProgress extends HTMLElement {
  #stop = null;

  async connectedCallback() {
    const { showProgress } = await import("./progress-panel.js");
    if (this.isConnected && !this.#stop) this.#stop = showProgress(this);
  }

  disconnectedCallback() {
    this.#stop?.(); // instant navigation removed the page: stop listening for saves
    this.#stop = null;
  }
}

if (!customElements.get("module-progress")) customElements.define("module-progress", ModuleProgress);
