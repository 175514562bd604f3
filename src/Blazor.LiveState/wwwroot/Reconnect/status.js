// Shows the connection state everywhere an app may look for it: classes on <html> (style anything,
// like LiveView's phx-connected), every <ConnectionStatus /> on the page, and the .NET 10 template's
// ReconnectModal, which gets the same classes and events Blazor itself would give it.

import { attributeSelector, events, statusAttributes, statusMessages } from '../constants.js';

export const states = Object.freeze(['connected', 'reconnecting', 'offline', 'reloading', 'failed']);
// Before the first circuit is up (and on a page without interactive server components) the page is
// not connected: it carries none of the classes above.
const starting = 'starting';

const templateModalId = 'components-reconnect-modal';
const templateClasses = ['show', 'hide', 'retrying', 'failed', 'rejected', 'paused', 'resume-failed']
  .map(name => `components-reconnect-${name}`);

export class StatusDisplay {
  /** `reload` is what the manual reload button does. */
  constructor(doc, reload) {
    this.document = doc;
    this.state = starting;
    this.templateModalShown = false;
    // The manual way out when automatic recovery stopped (reload-loop guard, gave up).
    doc.addEventListener('click', event => {
      if (event.target?.closest?.(attributeSelector(statusAttributes.reload))) {
        reload();
      }
    });
  }

  /** Moves to `state`; `detail` may carry attempt, secondsToNextAttempt and reason. */
  set(state, detail = {}) {
    const previous = this.state;
    this.state = state;
    const root = this.document.documentElement;
    for (const s of states) {
      root.classList.toggle(`ls-${s}`, s === state);
    }

    this.ensureSomeoneShowsIt(state);
    for (const element of this.document.querySelectorAll(attributeSelector(statusAttributes.status))) {
      this.renderStatusElement(element, state, detail);
    }

    this.driveTemplateModal(previous, state, detail);
    if (previous !== state) {
      this.document.dispatchEvent(new CustomEvent(events.stateChange, { detail: { state, previous, ...detail } }));
    }
  }

  renderStatusElement(element, state, detail) {
    element.setAttribute(statusAttributes.state, state);
    // The hidden attribute rather than CSS: it works without any stylesheet and under a strict CSP.
    element.hidden = state === 'connected';
    for (const content of element.querySelectorAll(attributeSelector(statusAttributes.stateContent))) {
      content.hidden = content.getAttribute(statusAttributes.stateContent) !== state;
    }

    const countdown = element.querySelectorAll(attributeSelector(statusAttributes.countdown));
    for (const c of countdown) {
      c.textContent = String(detail.secondsToNextAttempt ?? 0);
      c.closest(attributeSelector(statusAttributes.countdownWrapper))?.toggleAttribute('hidden', !(detail.secondsToNextAttempt >= 2));
    }

    // A live region announces text changes, not visibility changes: write the message into it.
    const announce = element.querySelector(attributeSelector(statusAttributes.announce));
    if (announce) {
      const text = state === 'connected' ? '' : statusMessages[state];
      if (announce.textContent !== text) {
        announce.textContent = text;
      }
    }
  }

  driveTemplateModal(previous, state, detail) {
    const modal = this.document.getElementById(templateModalId);
    if (!modal) {
      return;
    }

    const raise = (eventState, extra = {}, className = `components-reconnect-${eventState}`) => {
      modal.classList.remove(...templateClasses);
      modal.classList.add(className);
      modal.dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state: eventState, ...extra } }));
    };

    if (state === 'connected') {
      if (this.templateModalShown) {
        this.templateModalShown = false;
        raise('hide');
      }
      return;
    }

    if ((state === 'reconnecting' || state === 'offline') && !this.templateModalShown) {
      this.templateModalShown = true;
      raise('show');
    }

    if (state === 'reconnecting' || state === 'offline') {
      const currentAttempt = detail.attempt ?? 0;
      const secondsToNextAttempt = detail.secondsToNextAttempt ?? 0;
      const seconds = this.document.getElementById('components-seconds-to-next-attempt');
      if (seconds) {
        seconds.textContent = String(secondsToNextAttempt);
      }
      modal.classList.toggle('components-reconnect-retrying', currentAttempt > 1 && secondsToNextAttempt > 0);
      modal.dispatchEvent(new CustomEvent('components-reconnect-state-changed', {
        detail: { state: 'retrying', currentAttempt, secondsToNextAttempt },
      }));
    } else if (state === 'failed' && previous !== 'failed') {
      this.templateModalShown = true;
      raise('failed');
    }
  }

  /**
   * Tells the template's ReconnectModal the circuit was rejected, which makes it reload. The kit says
   * so only once the server is ready and everything is saved, so that reload is the one it wants.
   */
  reloadingNow() {
    const modal = this.document.getElementById(templateModalId);
    if (modal) {
      modal.classList.remove(...templateClasses);
      modal.classList.add('components-reconnect-rejected');
      modal.dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state: 'rejected' } }));
    }
  }

  /** Without a ReconnectModal or a ConnectionStatus the user would see nothing: add a small banner. */
  ensureSomeoneShowsIt(state) {
    if (state === 'connected' || !this.document.body) {
      return;
    }

    if (this.document.getElementById(templateModalId) || this.document.querySelector(attributeSelector(statusAttributes.status))) {
      return;
    }

    const banner = this.document.createElement('div');
    banner.className = 'ls-status ls-status--fallback';
    banner.setAttribute(statusAttributes.status, '');
    banner.setAttribute('role', 'status');
    banner.innerHTML = fallbackMarkup;
    // Inline through the CSSOM, which a strict CSP allows, since no stylesheet of the kit is linked.
    banner.style.cssText = 'position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);z-index:2147483000;' +
      'max-width:90vw;padding:.75rem 1rem;border-radius:.5rem;background:#1f2937;color:#fff;' +
      'font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)';
    this.document.body.appendChild(banner);
  }
}

// Static markup only (no values interpolated from outside the kit), the same as <ConnectionStatus />'s default content.
const { announce, countdown, countdownWrapper, reload, stateContent } = statusAttributes;
const fallbackMarkup = `
  <span class="ls-status__live" ${announce} aria-live="polite" aria-atomic="true"></span>
  <span class="ls-status__text" ${stateContent}="reconnecting">${withoutEllipsis(statusMessages.reconnecting)}<span ${countdownWrapper} hidden> in <span ${countdown}>0</span> s</span>…</span>
  <span class="ls-status__text" ${stateContent}="offline">${statusMessages.offline}</span>
  <span class="ls-status__text" ${stateContent}="reloading">${statusMessages.reloading}</span>
  <span class="ls-status__text" ${stateContent}="failed">${statusMessages.failed} <button type="button" ${reload}>Reload</button></span>`;

// The countdown goes before the reconnecting message's closing ellipsis.
function withoutEllipsis(text) {
  return text.endsWith('…') ? text.slice(0, -1) : text;
}
