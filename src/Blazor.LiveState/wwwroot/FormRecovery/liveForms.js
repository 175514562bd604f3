// The one way a <FormRecovery /> form's restore starts: its marker is a custom element
// (<livestate-form-recovery>), and the browser calls it back when Blazor puts it on the page or marks it `live`,
// in the same task as the render batch. Once that batch is in (the form's fields come after the marker in it),
// the form is attached and its stored values go back, before the page paints: on a load, a reload, a resume in
// place, an in-app navigation, and a form that renders later alike. Nothing watches the rest of the page, so a
// render without a marker costs nothing. The server, a round trip later in OnAfterRenderAsync, only asks for the
// handle (BlazorLiveState.forms.handle) to collect the outcome, clear and dispose; a marker that leaves the page
// disposes its handle itself, since the circuit that would have may be gone (a resume in place).

import { formAttributes, formMarkerElement, formMarkerStates } from '../constants.js';

/** The outcome the server collects for a marker this page never saw live (never expected: see handleOf). */
const notLive = Object.freeze({
  outcome: async () => ({ restored: 0, rejected: 'not-live', submitAttempted: false, dropped: 0 }),
  clear() {},
  dispose() {},
});

export class LiveForms {
  /**
   * @param {(marker: Element) => { restore(): Promise<unknown>, outcome(): Promise<unknown> }} attachForm attaches to
   *   the form around a marker (recoverableForm.js's attach, with the browser)
   * @param {(callback: () => void) => void} queueMicrotask runs the callback once the current render batch is in
   * @param {Document} doc the page, whose focus changes are watched while a restore is about to start
   */
  constructor(attachForm, queueMicrotask, doc) {
    this.attachForm = attachForm;
    this.queueMicrotask = queueMicrotask;
    this.handles = new WeakMap();
    // Markers whose form is attached, until they leave the page and their handle is disposed.
    this.attached = new Set();
    // Markers that went live in the render batch under way: their restore starts once it is in.
    this.starting = new Set();
    doc.addEventListener('focusin', event => this.startFormOf(event.target), true);
  }

  /**
   * A marker was put on the page or its state changed: a connected `live` marker's form is attached and restored
   * once the render batch that brought it is in. Once per marker; a `static` (prerendered) marker has no bindings
   * to put values through.
   */
  markerChanged(marker) {
    if (this.handles.has(marker) || !marker.isConnected || marker.getAttribute(formAttributes.marker) !== formMarkerStates.live) {
      return;
    }

    this.handles.set(marker, null);
    this.starting.add(marker);
    this.queueMicrotask(() => this.start(marker));
  }

  /**
   * A field is focused in a form whose restore is about to start: it starts now. A resume in place puts the user's
   * focus and caret back (wwwroot/pagePosition.js) from a MutationObserver, which runs before the microtask; the
   * stored text must be in the field before that caret is set, or setting it moves the caret to the end.
   */
  startFormOf(element) {
    for (const marker of this.starting) {
      if (marker.closest('form')?.contains(element)) {
        this.start(marker);
      }
    }
  }

  /**
   * A marker left the page. Once the render batch is in, a marker that has not come back (Blazor moves an element
   * by taking it out and putting it back in the same batch) has its form's handle disposed: after a resume in place
   * the circuit that rendered it is gone and will never dispose it, and its listeners would stay on a form no
   * longer on the page. The server's own dispose, where its circuit is still there, comes after and does nothing.
   */
  markerRemoved(marker) {
    this.queueMicrotask(() => {
      if (!marker.isConnected) {
        this.starting.delete(marker);
        this.disposeLeft();
      }
    });
  }

  /**
   * Disposes the handles of forms no longer on the page; disposing saves what was typed into them since their
   * last save. Runs before any new form restores too: a resume in place replaces a form the user may still have
   * been typing into while the circuit resumed, and the form that replaces it must restore that text, not the
   * snapshot taken before the resume.
   */
  disposeLeft() {
    for (const marker of this.attached) {
      if (!marker.isConnected) {
        this.attached.delete(marker);
        this.handles.get(marker)?.dispose();
      }
    }
  }

  start(marker) {
    // A marker that left within its render batch has no form on the page to fill.
    if (!this.starting.delete(marker) || !marker.isConnected) {
      return;
    }

    this.disposeLeft();
    const handle = this.attachForm(marker);
    this.handles.set(marker, handle);
    this.attached.add(marker);
    handle.restore();
  }

  /**
   * The handle of the form around `marker`, for the server (BlazorLiveState.forms.handle): the one its marker made
   * when it went live. The server asks after the browser has acknowledged that render, so it is always there; a
   * marker without one answers "not-live", which the server logs.
   */
  handleOf(marker) {
    return this.handles.get(marker) ?? notLive;
  }
}

/**
 * Defines the marker's custom element in `registry` (the page's customElements), its callbacks handing the marker
 * to `liveForms`. `BaseElement` is the page's HTMLElement. Defined once: a second initializer leaves it.
 */
export function defineMarkerElement(registry, BaseElement, liveForms) {
  if (!registry || registry.get(formMarkerElement)) {
    return;
  }

  registry.define(formMarkerElement, class extends BaseElement {
    static get observedAttributes() {
      return [formAttributes.marker];
    }

    connectedCallback() {
      liveForms.markerChanged(this);
    }

    attributeChangedCallback() {
      liveForms.markerChanged(this);
    }

    disconnectedCallback() {
      liveForms.markerRemoved(this);
    }
  });
}
