// Deploy-aware reconnection. Replaces Blazor's retry loop (ten tries in 0.2 s, then 5 s and 30 s
// waits) with one that polls a cheap readiness endpoint on a jittered backoff, reconnects as soon as
// the server answers, and after a restart or deploy lets the kit save what it holds and reloads into
// the restored page, never into an error page and never in a loop.

import { nextDelay, resolveSchedule } from './backoff.js';
import { canReload, clearReloads, recordReload } from './reloadGuard.js';
import { StatusDisplay } from './status.js';

const marker = Symbol.for('Blazor.LiveState.reconnectionHandler');
const recoveryKey = 'blazor-livestate:recovery';
// A ready answer younger than this still counts when the page is about to reload.
const recentReadyMs = 1_000;

const defaultConfig = Object.freeze({
  build: null,
  instance: null,
  endpointPrefix: '/_livestate',
  probeTimeoutMs: 2_000,
  reload: 'after-ready',
  maxReloads: 3,
  reloadWindowMs: 120_000,
  resumeOnNewInstance: false,
  stableAfterMs: 10_000,
  saveTimeoutMs: 1_000,
});

export class DeployAwareReconnect {
  constructor(win) {
    this.window = win;
    this.document = win.document;
    this.status = new StatusDisplay(win.document);
    this.config = { ...defaultConfig };
    this.schedule = resolveSchedule(null);
    this.process = null;
    this.delegate = null;
    this.lastOutcome = null;
    this.stableTimer = null;
  }

  /** Installs the kit's handler into Blazor's circuit options, keeping an app's own handler in charge. */
  install(circuitOptions) {
    if (!circuitOptions || circuitOptions.reconnectionHandler?.[marker]) {
      return;
    }

    const appHandler = circuitOptions.reconnectionHandler;
    const handler = {
      [marker]: true,
      onConnectionDown: (options, error, isClientPause, remotePause) => this.onConnectionDown(appHandler, options, error, isClientPause, remotePause),
      onConnectionUp: () => this.onConnectionUp(appHandler),
    };
    // Mutate, never replace: Blazor copies these options, and a replaced object is silently ignored.
    circuitOptions.reconnectionHandler = handler;
  }

  onConnectionDown(appHandler, options, error, isClientPause, remotePause) {
    this.clearStableTimer();
    this.document.dispatchEvent(new CustomEvent('livestate:connectiondown', { detail: { pause: !!isClientPause } }));

    if (appHandler) {
      // The app brought its own handler: it decides; the kit only shows the state.
      this.delegate = appHandler;
      this.status.set('reconnecting');
      appHandler.onConnectionDown(options, error, isClientPause, remotePause);
      return;
    }

    if (isClientPause) {
      // A pause the app asked for (Blazor.pauseCircuit) is Blazor's own flow, with its own UI.
      this.delegate = this.window.Blazor?.defaultReconnectionHandler ?? null;
      this.delegate?.onConnectionDown(options, error, isClientPause, remotePause);
      return;
    }

    if (!this.process) {
      this.process = new ReconnectProcess(this);
      this.process.run();
    }
  }

  onConnectionUp(appHandler) {
    const delegate = this.delegate;
    this.delegate = null;
    delegate?.onConnectionUp();
    if (this.process) {
      this.process.finish();
      this.process = null;
    }

    this.status.set('connected');
    this.scheduleStable();
  }

  /**
   * Called by the server (through JS interop) each time a circuit's connection comes up: takes the
   * app's options and reports how this page got here, for the server's logs and metrics.
   */
  async connected(serverConfig) {
    this.applyConfig(serverConfig);
    this.scheduleStable();
    // The server may call before Blazor has told the page its reconnect succeeded.
    for (let i = 0; i < 50 && this.process; i++) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }

    if (this.lastOutcome) {
      const outcome = this.lastOutcome;
      this.lastOutcome = null;
      return outcome;
    }

    const recovery = readRecovery(this.window);
    clearRecovery(this.window);
    if (recovery) {
      return { outcome: 'reloaded', reason: recovery.reason, attempts: recovery.attempts, downMs: Math.max(0, Date.now() - recovery.downAt) };
    }

    return { outcome: 'started', reason: null, attempts: 0, downMs: 0 };
  }

  applyConfig(serverConfig) {
    if (!serverConfig || typeof serverConfig !== 'object') {
      return;
    }

    const next = { ...this.config };
    for (const key of Object.keys(defaultConfig)) {
      const value = serverConfig[key];
      if (value !== undefined && value !== null && typeof value === typeof (defaultConfig[key] ?? value)) {
        next[key] = value;
      }
    }

    this.config = next;
    this.schedule = resolveSchedule(serverConfig.schedule);
  }

  /**
   * Called by a draining server: save now, then, if another instance is ready, move to it after
   * `moveAfterMs` (a random delay the server picked, so the pages of one instance do not all arrive at
   * once). Answers 'moving', or 'staying' when there is nowhere to go yet: the page then reconnects as
   * usual once the connection drops and a server is back.
   */
  async drain(moveAfterMs) {
    await this.saveNow('drain');
    const readiness = await probe(this, 0);
    const elsewhere = readiness?.ready === true && !!readiness.instance && readiness.instance !== this.config.instance;
    if (!elsewhere || this.process) {
      return 'staying';
    }

    const wait = Math.min(Math.max(0, Number(moveAfterMs) || 0), 60_000);
    const readyAt = Date.now();
    setTimeout(() => {
      if (!this.process) {
        this.process = new ReconnectProcess(this);
        this.process.readyAt = readyAt;
        this.process.reload('drain');
      }
    }, wait);
    return 'moving';
  }

  /** Asks every part of the kit to save what it holds; waits for them, but never longer than saveTimeoutMs. */
  async saveNow(reason) {
    const pending = [];
    this.document.dispatchEvent(new CustomEvent('livestate:save', {
      detail: { reason, waitUntil: promise => pending.push(Promise.resolve(promise)) },
    }));
    if (pending.length > 0) {
      await Promise.race([Promise.allSettled(pending), delay(this.config.saveTimeoutMs)]);
    }
  }

  readyUrl(attempt) {
    const url = new URL(`${this.config.endpointPrefix.replace(/^\/+/, '')}/ready`, this.document.baseURI);
    url.searchParams.set('attempt', String(attempt));
    return url;
  }

  scheduleStable() {
    this.clearStableTimer();
    // Only a circuit that stays up proves a recovery worked; then the reload-loop count starts over.
    this.stableTimer = setTimeout(() => {
      clearReloads(this.window.sessionStorage);
      clearRecovery(this.window);
    }, this.config.stableAfterMs);
  }

  clearStableTimer() {
    if (this.stableTimer) {
      clearTimeout(this.stableTimer);
      this.stableTimer = null;
    }
  }
}

/** One outage, from the connection going down to it coming back or the page reloading. */
class ReconnectProcess {
  constructor(owner) {
    this.owner = owner;
    this.window = owner.window;
    this.startedAt = Date.now();
    this.attempt = 0;
    this.finished = false;
    this.wake = null;
    this.onWake = event => {
      if (event.type === 'visibilitychange' && this.window.document.visibilityState !== 'visible') {
        return;
      }
      if (event.type === 'pageshow' && !event.persisted) {
        return;
      }
      this.wake?.();
    };
    for (const type of ['online', 'pageshow']) {
      this.window.addEventListener(type, this.onWake);
    }
    this.window.document.addEventListener('visibilitychange', this.onWake);
  }

  finish() {
    this.finished = true;
    this.wake?.();
    for (const type of ['online', 'pageshow']) {
      this.window.removeEventListener(type, this.onWake);
    }
    this.window.document.removeEventListener('visibilitychange', this.onWake);
  }

  async run() {
    const { owner } = this;
    owner.status.set('reconnecting', { attempt: 0, secondsToNextAttempt: 0 });
    let tryNow = false;
    while (!this.finished) {
      // No attempts while offline or hidden: they cannot succeed, or nobody is waiting. The events
      // that end those states wake the loop, and the next attempt goes out at once.
      if (this.window.navigator.onLine === false) {
        owner.status.set('offline', { attempt: this.attempt });
        tryNow = await this.sleep(Infinity);
        continue;
      }

      if (this.window.document.visibilityState === 'hidden') {
        tryNow = await this.sleep(Infinity);
        continue;
      }

      if (!tryNow) {
        const wait = nextDelay(owner.schedule, this.attempt, Date.now() - this.startedAt);
        if (wait === null) {
          owner.status.set('failed', { reason: 'gave-up' });
          return;
        }

        owner.status.set('reconnecting', { attempt: this.attempt + 1, secondsToNextAttempt: Math.round(wait / 1000) });
        await this.sleep(wait);
        if (this.finished) {
          return;
        }
      }

      tryNow = false;
      owner.status.set('reconnecting', { attempt: this.attempt + 1, secondsToNextAttempt: 0 });
      this.attempt++;
      const readiness = await probe(owner, this.attempt);
      if (!readiness?.ready) {
        continue;
      }

      this.readyAt = Date.now();

      if (owner.config.build && readiness.build && readiness.build !== owner.config.build) {
        // A new build cannot know the old circuit: resuming it is pointless.
        await this.reload('new-build');
        return;
      }

      try {
        // A circuit lives in one process: if another process answers, reconnecting cannot work.
        const sameProcess = !owner.config.instance || !readiness.instance || readiness.instance === owner.config.instance;
        if (sameProcess && await this.window.Blazor.reconnect()) {
          owner.lastOutcome = this.outcome('reconnected');
          return;
        }

        // Resuming needs the circuit's state where this process can read it: after a restart or a deploy it
        // is not (unless the app persists circuits to a shared store), and trying only delays the reload.
        if ((sameProcess || owner.config.resumeOnNewInstance) && await this.window.Blazor.resumeCircuit()) {
          owner.lastOutcome = this.outcome('resumed');
          return;
        }
      } catch {
        // The server went away again between the probe and the attempt: keep polling.
        continue;
      }

      if (!this.finished) {
        await this.reload('rejected');
        return;
      }
    }
  }

  outcome(outcome) {
    return { outcome, reason: null, attempts: this.attempt, downMs: Date.now() - this.startedAt };
  }

  async reload(reason) {
    const { owner } = this;
    const storage = this.window.sessionStorage;
    const now = Date.now();
    if (owner.config.reload === 'never') {
      owner.status.set('failed', { reason });
      return;
    }

    if (!canReload(storage, now, owner.config.maxReloads, owner.config.reloadWindowMs)) {
      console.warn(`Blazor.LiveState: stopped reloading after ${owner.config.maxReloads} reloads in ${owner.config.reloadWindowMs / 1000} s; the page needs a manual reload.`);
      owner.status.set('failed', { reason: 'reload-loop' });
      return;
    }

    owner.status.set('reloading', { reason });
    await owner.saveNow('reload');

    // Reload only into a server that answers, so the user never lands on a proxy's or the
    // browser's error page; if it went away while saving, keep waiting for it. A ready answer of
    // a moment ago is good enough.
    const answeredJustNow = this.readyAt !== undefined && Date.now() - this.readyAt < recentReadyMs;
    while (!this.finished && !answeredJustNow && !(await probe(owner, ++this.attempt))?.ready) {
      await this.sleep(nextDelay(owner.schedule, this.attempt, Date.now() - this.startedAt) ?? 5_000);
    }

    if (this.finished) {
      return;
    }

    recordReload(storage, now, owner.config.reloadWindowMs);
    writeRecovery(this.window, { reason, attempts: this.attempt, downAt: this.startedAt });
    owner.status.reloadingNow();
    this.window.location.reload();
  }

  /** Waits `ms` or until woken (online, visible, back from the bfcache). Returns true when woken. */
  sleep(ms) {
    return new Promise(resolve => {
      const timer = Number.isFinite(ms) ? setTimeout(() => { this.wake = null; resolve(false); }, ms) : null;
      this.wake = () => {
        if (timer) {
          clearTimeout(timer);
        }
        this.wake = null;
        resolve(true);
      };
    });
  }
}

async function probe(owner, attempt) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), owner.config.probeTimeoutMs);
  try {
    const response = await fetch(owner.readyUrl(attempt), { cache: 'no-store', credentials: 'same-origin', signal: abort.signal });
    if (!response.ok && response.status !== 503) {
      return null;
    }

    const body = await response.json();
    return body && typeof body === 'object'
      ? {
        ready: body.ready === true && response.ok,
        build: typeof body.build === 'string' ? body.build : null,
        instance: typeof body.instance === 'string' ? body.instance : null,
      }
      : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function delay(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function readRecovery(win) {
  try {
    const value = JSON.parse(win.sessionStorage.getItem(recoveryKey) ?? 'null');
    return value && typeof value.downAt === 'number' ? value : null;
  } catch {
    return null;
  }
}

function writeRecovery(win, value) {
  try {
    win.sessionStorage.setItem(recoveryKey, JSON.stringify(value));
  } catch {
    // Only telemetry depends on it.
  }
}

function clearRecovery(win) {
  try {
    win.sessionStorage.removeItem(recoveryKey);
  } catch {
    // Nothing to clear.
  }
}
