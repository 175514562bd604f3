// Starts each <FormRecovery />'s restore the moment Blazor renders it interactively. The component marks
// its hidden span "live" in its first interactive render; seeing that here, in the same task as the
// render batch, puts the values back a round trip sooner than waiting for the server's OnAfterRenderAsync
// (which Blazor Server runs only once the browser has acknowledged the batch) to ask.

const liveMarker = '[data-livestate-form-recovery="live"]';

export class LiveForms {
  /**
   * @param {Document} doc the page
   * @param {() => Promise<{ attach(marker: Element): { restore(): Promise<unknown> } }>} loadModule loads
   *   FormRecovery.razor.js
   */
  constructor(doc, loadModule) {
    this.document = doc;
    this.loadModule = loadModule;
    this.attachments = new WeakMap();
    this.observer = null;
    this.module = null;
    this.loading = null;
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

  /** Watches the page for forms becoming interactive. */
  watch() {
    if (this.observer || typeof MutationObserver === 'undefined') {
      return;
    }

    this.observer = new MutationObserver(records => {
      for (const record of records) {
        if (record.type === 'attributes') {
          this.attachIfLive(record.target);
          continue;
        }

        for (const node of record.addedNodes) {
          if (node.nodeType === 1) {
            this.attachIfLive(node);
            node.querySelectorAll?.(liveMarker).forEach(marker => this.attachIfLive(marker));
          }
        }
      }
    });
    this.observer.observe(this.document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-livestate-form-recovery'] });
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
    if (element.matches?.(liveMarker) && element.isConnected) {
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
