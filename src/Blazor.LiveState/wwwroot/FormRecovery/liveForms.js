// Starts each <FormRecovery />'s restore the moment Blazor renders it interactively. The component marks
// its hidden span "live" in its first interactive render; seeing that here, in the same task as the
// render batch, puts the values back a round trip sooner than waiting for the server's OnAfterRenderAsync
// (which Blazor Server runs only once the browser has acknowledged the batch) to ask.
//
// Watching costs the page on every DOM change, and a large render makes many (14 000 elements: tens of ms
// of script). So a page is watched only when this tab has a form of that page stored, which is when a round
// trip sooner matters (the reload after a deploy, a return to a half-filled form), and only until that page's
// forms are back or the app navigates to another page. Elsewhere the server's call starts the restore, a round
// trip later.

import { attributeSelector, formAttributes, formMarkerClass, formMarkerStates } from '../constants.js';
import { hasStoredSnapshots } from './snapshot.js';

const liveMarker = attributeSelector(formAttributes.marker, formMarkerStates.live);
// The class every marker carries: a live list of the markers, so that a DOM change costs a look at a few
// markers rather than at every node it added.
const markerClass = formMarkerClass;
// Watching ends this long after it started whatever else happened: a page whose stored form never renders (it
// sits behind a tab the user has not opened, or the app dropped it) would otherwise pay on every render until
// the app navigates away. A form rendered later is restored when the server asks, a round trip later.
export const watchLimitMs = 10_000;

export class LiveForms {
  /**
   * @param {Document} doc the page
   * @param {() => Promise<{ attach(marker: Element): { restore(): Promise<unknown> } }>} loadModule loads
   *   FormRecovery.razor.js
   * @param {Storage | null} storage this tab's sessionStorage, where stored forms are found
   */
  constructor(doc, loadModule, storage) {
    this.document = doc;
    this.loadModule = loadModule;
    this.storage = storage;
    this.attachments = new WeakMap();
    this.observer = null;
    this.module = null;
    this.loading = null;
    this.stopping = null;
    // Markers already on the page when a watch started again (a resume in place): the render about to come
    // replaces them, and they must not count as "every form is back".
    this.outgoing = new WeakSet();
  }

  /**
   * Loads the form module ahead of need. Once loaded, a form is restored in the same task as the render
   * that made it interactive: even a cached module's import() resolves a task later, behind the render
   * batches and messages queued meanwhile.
   */
  preload() {
    this.loading ??= this.loadModule().then(module => {
      this.module = module;
      return module;
    });
    this.loading.catch(() => {
      // Retried on the next attach; the server's own call reports a failure.
      this.loading = null;
    });
    return this.loading;
  }

  /**
   * Watches the page for forms becoming interactive, while this tab has a form of this page to put back.
   * `again`: a circuit resumed in place is about to render the page's forms anew; watch for them as on a load.
   */
  watch({ again = false } = {}) {
    if (again && this.observer) {
      this.observer.disconnect();
      this.observer = null;
      this.stopping = null;
    }

    if (again) {
      for (const marker of this.document.getElementsByClassName(markerClass)) {
        this.outgoing.add(marker);
      }
    }

    const page = this.document.location?.pathname;
    if (this.observer || typeof MutationObserver === 'undefined' || !page || !hasStoredSnapshots(this.storage, page)) {
      return;
    }

    const markers = this.document.getElementsByClassName(markerClass);
    this.observer = new MutationObserver(() => {
      if (this.document.location?.pathname !== page) {
        // The app moved on to another page: its forms are restored when the server asks.
        this.observer.disconnect();
        return;
      }

      for (const marker of [...markers]) {
        this.attachIfLive(marker);
      }

      this.stopOnceRestored(markers);
    });
    this.observer.observe(this.document, { childList: true, subtree: true, attributes: true, attributeFilter: [formAttributes.marker] });
    // This watch's own observer: a watch started again later (a resume) has its own limit.
    const observer = this.observer;
    const limit = setTimeout(() => observer.disconnect(), watchLimitMs);
    // Node's test runner would otherwise wait for it; browsers return a number and have nothing to unref.
    limit?.unref?.();
  }

  /**
   * Stops watching once every form on the page is attached and its restore has ended: watching costs every later
   * render (Chromium records each change for the observer), and what it is for is done. A form that renders later
   * on this page is restored when the server asks, a round trip later, like a form on any other page.
   */
  stopOnceRestored(markers) {
    const current = [...markers].filter(marker => !this.outgoing.has(marker));
    if (this.stopping || current.length === 0 || !current.every(marker => this.attachments.has(marker))) {
      return;
    }

    const restores = current.map(marker => this.attachments.get(marker).then(handle => handle.restore()));
    const observer = this.observer;
    const stopping = Promise.allSettled(restores).then(() => {
      if (this.stopping === stopping) {
        this.stopping = null;
      }
      // A marker that appeared meanwhile and is not attached yet (still prerendered) keeps the watch on; a watch
      // started again since (a resume) is not this one's to end.
      if (this.observer === observer && [...markers].every(marker => this.outgoing.has(marker) || this.attachments.has(marker))) {
        observer.disconnect();
      }
    });
    this.stopping = stopping;
  }

  /**
   * The form handle for `marker`: the one attached when the marker appeared, else a new one. Either way
   * its restore has started. The server calls this (as BlazorLiveState.forms.attach) to collect the outcome.
   */
  attach(marker) {
    let attachment = this.attachments.get(marker);
    if (!attachment) {
      attachment = this.module
        ? Promise.resolve(start(this.module, marker))
        : this.preload().then(module => start(module, marker));
      this.attachments.set(marker, attachment);
    }

    return attachment;
  }

  attachIfLive(element) {
    if (!this.attachments.has(element) && element.matches?.(liveMarker) && element.isConnected) {
      this.attach(element).catch(() => {
        // The module failed to load; the server's own call reports it.
        this.attachments.delete(element);
      });
    }
  }
}

function start(module, marker) {
  const handle = module.attach(marker);
  handle.restore();
  return handle;
}
