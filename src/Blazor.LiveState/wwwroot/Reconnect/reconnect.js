// Deploy-aware reconnection. Replaces Blazor's retry loop (ten tries in 0.2 s, then 5 s and 30 s
// waits) with one that polls a cheap readiness endpoint on a jittered backoff, reconnects as soon as
// the server answers, and after a restart or deploy lets the kit save what it holds and reloads into
// the restored page, never into an error page and never in a loop.
//
// A planned deploy does better than a reload: when its server drains, the page pauses its circuit (Blazor
// hands the circuit's state to the page) and resumes it on whichever instance is ready next, in the same
// document: no reload, the scroll position and the focused field kept.
//
// Everything it uses from the browser comes in through its environment (environment.js), so the state
// machine runs in node tests with a fake clock, fetch, storage, location and Blazor.

import { events, storageKeys } from '../constants.js';
import { nextDelay, resolveSchedule } from './backoff.js';
import { delay } from './environment.js';
import { capturePosition, restorePosition } from './pagePosition.js';
import { askOwner, ownerUrl, probeReadiness, readinessUrl } from './readiness.js';
import { chooseReloadTarget } from './reloadTarget.js';
import { canReload, clearReloads, recordReload } from './reloadGuard.js';
import { StatusDisplay } from './status.js';

const marker = Symbol.for('Blazor.LiveState.reconnectionHandler');
const recoveryKey = storageKeys.recovery;
// A ready answer younger than this still counts when the page is about to reload.
const recentReadyMs = 1_000;
// After this many failed checks of its own address on a ready server, a page goes to its path or the base.
const lastingFailures = 10;
// A turn longer than this is a wrong answer, not a queue: the page asks again after it.
const longestTurnMs = 600_000;

const defaultConfig = Object.freeze({
  build: null,
  instance: null,
  endpointPrefix: '/_livestate',
  probeTimeoutMs: 2_000,
  reload: 'whenServerIsReady',
  maxReloads: 3,
  reloadWindowMs: 120_000,
  resumeOnNewInstance: false,
  stableAfterMs: 10_000,
  saveTimeoutMs: 1_000,
  resumeInPlace: true,
  owner: null,
});

// Reloads that a drain causes are planned: they do not count towards the reload-loop guard, so that deploys
// seconds apart never leave a page in "failed".
const plannedReasons = new Set(['drain', 'resume-failed', 'other-user']);

export class DeployAwareReconnect {
  /** @param {import('./environment.js').ReconnectEnvironment} env */
  constructor(env) {
    this.env = env;
    this.status = new StatusDisplay(env.document, () => this.reloadByHand());
    this.config = { ...defaultConfig };
    this.schedule = resolveSchedule(null);
    this.process = null;
    this.delegate = null;
    this.lastOutcome = null;
    this.stableTimer = null;
    this.circuitOpened = false;
    this.appHandler = null;
    // Whether Blazor.pauseCircuit() would really pause. After any lost connection Blazor 10 keeps its
    // "paused" flag set until a resume clears it, and a pause then answers true without doing anything
    // (the pause trap): such a page moves by the reload path instead.
    this.pauseWorks = true;
    // The move in place under way: Blazor reports the pause it asked for as a lost connection, twice.
    this.moving = false;
  }

  /** Installs the kit's handlers into Blazor's circuit options, keeping an app's own handler in charge. */
  install(circuitOptions) {
    if (!circuitOptions || circuitOptions.reconnectionHandler?.[marker]) {
      return;
    }

    const appHandler = circuitOptions.reconnectionHandler;
    this.appHandler = appHandler ?? null;
    const handler = {
      [marker]: true,
      onConnectionDown: (options, error, isClientPause, remotePause) => this.onConnectionDown(appHandler, options, error, isClientPause, remotePause),
      onConnectionUp: () => this.onConnectionUp(),
    };
    // Mutate, never replace: Blazor copies these options, and a replaced object is silently ignored.
    circuitOptions.reconnectionHandler = handler;
    // Blazor's own word that a circuit is up (it calls this once the server accepted StartCircuit).
    circuitOptions.circuitHandlers = [...(circuitOptions.circuitHandlers ?? []), { onCircuitOpened: () => this.circuitIsUp() }];
    this.watchConnectionStart(circuitOptions);
  }

  /**
   * Blazor reports nothing to the page when its first connection to the hub fails (a proxy that
   * refuses /_blazor): it logs, shows its error bar and leaves the page inert. The connection it builds
   * passes through configureSignalR, so the kit sees that start fail, and says so.
   */
  watchConnectionStart(circuitOptions) {
    const appConfigure = circuitOptions.configureSignalR;
    circuitOptions.configureSignalR = builder => {
      appConfigure?.(builder);
      const build = builder?.build;
      if (typeof build !== 'function') {
        return;
      }

      builder.build = (...args) => {
        const connection = build.apply(builder, args);
        const start = connection?.start;
        if (typeof start === 'function') {
          connection.start = (...startArgs) => start.apply(connection, startArgs).catch(error => {
            this.connectionStartFailed(error);
            throw error;
          });
        }
        return connection;
      };
    };
  }

  /** The circuit is up: the first one, or a new one after a resume. */
  circuitIsUp() {
    this.circuitOpened = true;
    if (!this.process && this.status.state !== 'connected') {
      this.status.set('connected');
      this.scheduleStable();
    }
  }

  connectionStartFailed(error) {
    // Later failures (while reconnecting) belong to the reconnect loop, which keeps trying.
    if (this.circuitOpened || this.process) {
      return;
    }

    this.env.console.warn(`Blazor.LiveState: could not connect to the server (${error?.message ?? error}); the page is not interactive.`);
    this.status.set('failed', { reason: 'no-connection' });
  }

  onConnectionDown(appHandler, options, error, isClientPause, remotePause) {
    this.clearStableTimer();
    this.env.document.dispatchEvent(new CustomEvent(events.connectionDown, { detail: { pause: !!isClientPause } }));
    if (this.moving) {
      // The pause the kit asked for: Blazor reports it when it starts and again when the connection closes.
      // The move's own process is in charge.
      return;
    }

    if (!isClientPause) {
      this.pauseWorks = false;
    }

    if (appHandler) {
      // The app brought its own handler: it decides; the kit only shows the state.
      this.delegate = appHandler;
      this.status.set('reconnecting');
      appHandler.onConnectionDown(options, error, isClientPause, remotePause);
      return;
    }

    if (isClientPause) {
      // A pause the app asked for (Blazor.pauseCircuit) is Blazor's own flow, with its own UI.
      this.delegate = this.env.blazor()?.defaultReconnectionHandler ?? null;
      this.delegate?.onConnectionDown(options, error, isClientPause, remotePause);
      return;
    }

    if (!this.process) {
      this.process = this.newProcess();
      this.process.run();
    }
  }

  onConnectionUp() {
    const delegate = this.delegate;
    this.delegate = null;
    delegate?.onConnectionUp();
    this.endProcess();
    this.status.set('connected');
    this.scheduleStable();
  }

  /**
   * Called by the server (through JS interop) each time a circuit's connection comes up: takes the
   * app's options and reports how this page got here, for the server's logs and metrics.
   */
  async connected(serverConfig) {
    this.applyConfig(serverConfig);
    // The server calls over a working circuit: that proves it is up, whatever Blazor has said so far.
    this.circuitIsUp();
    this.scheduleStable();
    // The server may call before Blazor has told the page its reconnect succeeded.
    for (let i = 0; i < 50 && this.process; i++) {
      await delay(this.env, 20);
    }

    if (this.lastOutcome) {
      const outcome = this.lastOutcome;
      this.lastOutcome = null;
      return outcome;
    }

    const recovery = this.takeRecovery();
    if (recovery) {
      return { outcome: 'reloaded', reason: recovery.reason, attempts: recovery.attempts, downMs: Math.max(0, this.env.now() - recovery.downAt) };
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
    if (this.process || this.moving) {
      return 'staying';
    }

    const readiness = await this.probe(0);
    const elsewhere = readiness?.ready === true && !!readiness.instance && readiness.instance !== this.config.instance;
    const wait = Math.min(Math.max(0, Number(moveAfterMs) || 0), 60_000);
    if (this.canMoveInPlace()) {
      // With another instance ready the page keeps working here until its turn (the server spreads the turns),
      // then moves at once. With none, it pauses now, so this instance can exit, and resumes when one is ready.
      this.env.setTimeout(() => this.moveInPlace(), elsewhere ? wait : 0);
      return 'moving';
    }

    if (!elsewhere) {
      return 'staying';
    }

    const readyAt = this.env.now();
    this.env.setTimeout(() => {
      if (!this.process) {
        this.process = this.newProcess({ readyAt });
        this.process.reload('drain');
      }
    }, wait);
    return 'moving';
  }

  /** Whether this page can pause its circuit and resume it elsewhere without a reload. */
  canMoveInPlace() {
    const blazor = this.env.blazor();
    return this.config.resumeInPlace === true && this.pauseWorks && !this.appHandler && this.circuitOpened
      && typeof blazor?.pauseCircuit === 'function' && typeof blazor?.resumeCircuit === 'function';
  }

  /**
   * Pauses the circuit, which hands its state (root components, [PersistentState]) to the page and ends the
   * connection, then resumes it on the next ready instance. A pause the server refuses falls back to the
   * reload path, with everything saved.
   */
  async moveInPlace() {
    if (this.process || this.moving) {
      return;
    }

    this.moving = true;
    this.status.set('reconnecting', { attempt: 0, secondsToNextAttempt: 0 });
    await this.saveNow('pause');
    let paused = false;
    try {
      paused = await this.env.blazor().pauseCircuit();
    } catch {
      // Treated as refused.
    }

    if (this.process) {
      return;
    }

    if (!paused) {
      this.moving = false;
      this.process = this.newProcess();
      this.process.reload('drain');
      return;
    }

    this.process = this.newProcess({ paused: true });
    this.process.run();
  }

  /** Asks every part of the kit to save what it holds; waits for them, but never longer than saveTimeoutMs. */
  async saveNow(reason) {
    const pending = [];
    this.env.document.dispatchEvent(new CustomEvent(events.save, {
      detail: { reason, waitUntil: promise => pending.push(Promise.resolve(promise)) },
    }));
    if (pending.length > 0) {
      await Promise.race([Promise.allSettled(pending), delay(this.env, this.config.saveTimeoutMs)]);
    }
  }

  /** The manual way out of "failed": a reload too goes only where the server answers with a page. */
  async reloadByHand() {
    await this.saveNow('reload');
    // The user asked to leave: any address that answers will do.
    const target = await chooseReloadTarget(this.env, this.config.probeTimeoutMs, { fallBackOnErrors: true });
    if (target?.fallback) {
      this.announceReload(target.url);
      this.env.location.replace(target.url);
    } else {
      this.announceReload(this.env.location.href);
      this.env.location.reload();
    }
  }

  /**
   * Tells the kit's other parts that the page loads `url` next, at once (after every wait): tab state hands
   * itself to that one request then, so the new document's prerender already shows it.
   */
  announceReload(url) {
    this.env.document.dispatchEvent(new CustomEvent(events.reloading, { detail: { url } }));
  }

  probe(attempt) {
    return probeReadiness(this.env, readinessUrl(this.env.document.baseURI, this.config.endpointPrefix, attempt), this.config.probeTimeoutMs);
  }

  /**
   * Whether a circuit resumed now would serve the user this page was paused for: another user signed in (in
   * another tab) or the session ended meanwhile means no. Unknown (the server did not say) counts as no.
   */
  async sameOwner() {
    const answer = await askOwner(this.env, ownerUrl(this.env.document.baseURI, this.config.endpointPrefix), this.config.probeTimeoutMs);
    return answer !== null && this.config.owner !== null && answer.owner === this.config.owner;
  }

  /**
   * Resumes the paused circuit in this document, keeping the scroll position and the focused field; `outcome`
   * is what the new circuit's server hears about how the page got there.
   */
  async resumeInPlace(outcome) {
    const { document: doc, window: win } = this.env;
    // What the user typed while paused goes to storage now: the resumed render puts it back from there.
    await this.saveNow('resume');
    const position = capturePosition(doc, win);
    doc.dispatchEvent(new CustomEvent(events.resuming));
    // The new circuit's server may ask how the page got here before resumeCircuit() returns.
    this.lastOutcome = outcome;
    let resumed = false;
    try {
      resumed = await this.env.blazor().resumeCircuit();
    } finally {
      if (!resumed) {
        this.lastOutcome = null;
      }
    }

    if (resumed) {
      // Blazor cleared its paused flag: a later drain can pause again.
      this.pauseWorks = true;
      this.moving = false;
      await restorePosition(doc, win, position, { setTimer: this.env.setTimeout, clearTimer: this.env.clearTimeout });
    }

    return resumed;
  }

  newProcess({ readyAt, paused = false } = {}) {
    // What one outage needs from the page, as methods: the process holds no reference to this object.
    const page = {
      show: (state, detail) => this.status.set(state, detail),
      showReloadingNow: () => this.status.reloadingNow(),
      reloading: url => this.announceReload(url),
      probe: attempt => this.probe(attempt),
      saveNow: reason => this.saveNow(reason),
      recovered: outcome => {
        this.lastOutcome = outcome;
      },
      sameOwner: () => this.sameOwner(),
      resumeInPlace: outcome => this.resumeInPlace(outcome),
      leavingInPlace: () => {
        this.moving = false;
      },
    };
    return new ReconnectProcess(this.env, page, { config: this.config, schedule: this.schedule, readyAt, paused });
  }

  endProcess() {
    this.process?.finish();
    this.process = null;
  }

  scheduleStable() {
    this.clearStableTimer();
    // Only a circuit that stays up proves a recovery worked; then the reload-loop count starts over.
    this.stableTimer = this.env.setTimeout(() => {
      this.stableTimer = null;
      clearReloads(this.env.storage);
      removeItem(this.env.storage, recoveryKey);
    }, this.config.stableAfterMs);
  }

  clearStableTimer() {
    if (this.stableTimer !== null) {
      this.env.clearTimeout(this.stableTimer);
      this.stableTimer = null;
    }
  }

  takeRecovery() {
    const storage = this.env.storage;
    let recovery = null;
    try {
      const value = JSON.parse(storage.getItem(recoveryKey) ?? 'null');
      recovery = value && typeof value.downAt === 'number' ? value : null;
    } catch {
      // Unreadable or blocked: only telemetry depends on it.
    }
    removeItem(storage, recoveryKey);
    return recovery;
  }
}

/**
 * One outage, from the connection going down to it coming back or the page reloading. It talks to the
 * page only through `page` (show, showReloadingNow, reloading, probe, saveNow, recovered) and to the browser only
 * through `env`.
 */
export class ReconnectProcess {
  constructor(env, page, { config, schedule, readyAt, paused = false }) {
    this.env = env;
    this.page = page;
    this.config = config;
    this.schedule = schedule;
    // The circuit was paused for a drain: its state is in the page, and any ready instance can resume it.
    this.paused = paused;
    this.startedAt = env.now();
    this.readyAt = readyAt;
    this.attempt = 0;
    this.finished = false;
    this.wake = null;
    this.onWake = event => {
      if (event.type === 'visibilitychange' && env.document.visibilityState !== 'visible') {
        return;
      }
      if (event.type === 'pageshow' && !event.persisted) {
        return;
      }
      this.wake?.();
    };
    for (const type of ['online', 'pageshow']) {
      env.window.addEventListener(type, this.onWake);
    }
    env.document.addEventListener('visibilitychange', this.onWake);
  }

  finish() {
    this.finished = true;
    this.wake?.();
    for (const type of ['online', 'pageshow']) {
      this.env.window.removeEventListener(type, this.onWake);
    }
    this.env.document.removeEventListener('visibilitychange', this.onWake);
  }

  async run() {
    const { env, page } = this;
    page.show('reconnecting', { attempt: 0, secondsToNextAttempt: 0 });
    let tryNow = false;
    while (!this.finished) {
      // No attempts while offline or hidden: they cannot succeed, or nobody is waiting. The events
      // that end those states wake the loop, and the next attempt goes out at once.
      if (env.navigator?.onLine === false) {
        page.show('offline', { attempt: this.attempt });
        tryNow = await this.sleep(Infinity);
        continue;
      }

      if (env.document.visibilityState === 'hidden') {
        tryNow = await this.sleep(Infinity);
        continue;
      }

      if (!tryNow) {
        const wait = this.nextWait();
        if (wait === null) {
          page.show('failed', { reason: 'gave-up' });
          return;
        }

        page.show('reconnecting', { attempt: this.attempt + 1, secondsToNextAttempt: Math.round(wait / 1000) });
        await this.sleep(wait);
        if (this.finished) {
          return;
        }
      }

      tryNow = false;
      page.show('reconnecting', { attempt: this.attempt + 1, secondsToNextAttempt: 0 });
      this.attempt++;
      const readiness = await page.probe(this.attempt);
      if (readiness?.busy) {
        // Ready, but over its readiness budget: the server gave this page a turn. Waiting for it is no failed
        // attempt: neither the schedule nor giving up applies, and no reload is spent; at its turn it asks again.
        await this.waitTurn(readiness.retryAfterMs);
        tryNow = true;
        continue;
      }

      if (!readiness?.ready) {
        continue;
      }

      this.readyAt = env.now();

      if (this.paused) {
        const outcome = await this.resumePaused();
        if (outcome === 'retry') {
          continue;
        }
        return;
      }

      if (this.config.build && readiness.build && readiness.build !== this.config.build) {
        // A new build cannot know the old circuit: resuming it is pointless.
        await this.reload('new-build');
        return;
      }

      try {
        const blazor = env.blazor();
        // A circuit lives in one process: if another process answers, reconnecting cannot work.
        const sameProcess = !this.config.instance || !readiness.instance || readiness.instance === this.config.instance;
        if (sameProcess && await blazor.reconnect()) {
          page.recovered(this.outcome('reconnected'));
          return;
        }

        // Resuming needs the circuit's state where this process can read it: after a restart or a deploy it
        // is not (unless the app persists circuits to a shared store), and trying only delays the reload.
        if ((sameProcess || this.config.resumeOnNewInstance) && await blazor.resumeCircuit()) {
          page.recovered(this.outcome('resumed'));
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

  /**
   * Resumes the paused circuit on the instance that just answered ready, in this document. Answers 'resumed',
   * 'reloading' (another user's page, or an instance that cannot resume it: keys not shared, components
   * changed) or 'retry' (the instance went away again).
   */
  async resumePaused() {
    const { page } = this;
    if (!(await page.sameOwner())) {
      // Never resume one user's circuit for another: a fresh page, which opens none of the old user's state.
      page.leavingInPlace();
      await this.reload('other-user');
      return 'reloading';
    }

    let resumed;
    try {
      resumed = await page.resumeInPlace({ ...this.outcome('resumed'), reason: 'drain' });
    } catch {
      return 'retry';
    }

    if (resumed) {
      return 'resumed';
    }

    page.leavingInPlace();
    await this.reload('resume-failed');
    return 'reloading';
  }

  outcome(outcome) {
    return { outcome, reason: null, attempts: this.attempt, downMs: this.env.now() - this.startedAt };
  }

  /**
   * Saves, then reloads once a server is ready and the page (or a fallback URL) answers 2xx; until then
   * it keeps waiting on the schedule, so the user never lands on an error page.
   */
  async reload(reason) {
    const { env, page, config } = this;
    if (config.reload === 'never') {
      page.show('failed', { reason });
      return;
    }

    const planned = plannedReasons.has(reason);
    if (!planned && !canReload(env.storage, env.now(), config.maxReloads, config.reloadWindowMs)) {
      env.console.warn(`Blazor.LiveState: stopped reloading after ${config.maxReloads} reloads in ${config.reloadWindowMs / 1000} s; the page needs a manual reload.`);
      page.show('failed', { reason: 'reload-loop' });
      return;
    }

    page.show('reloading', { reason });
    await page.saveNow('reload');

    let target = null;
    let failedChecks = 0;
    while (!this.finished) {
      // A ready answer of a moment ago is good enough; otherwise ask again, since the server may have
      // gone away while the page was saving.
      const answeredJustNow = this.readyAt !== undefined && env.now() - this.readyAt < recentReadyMs;
      const readiness = answeredJustNow ? null : await page.probe(++this.attempt);
      if (answeredJustNow || readiness?.ready) {
        this.readyAt = undefined;
        // A page that keeps failing on a ready server (a query value the new build cannot handle) moves on;
        // one failure may be the proxy between two instances, and moving would drop the query's state.
        target = await chooseReloadTarget(env, config.probeTimeoutMs, { fallBackOnErrors: failedChecks >= lastingFailures });
        if (target) {
          break;
        }
        failedChecks++;
      }

      await (readiness?.busy ? this.waitTurn(readiness.retryAfterMs) : this.sleep(this.nextWait() ?? 5_000));
    }

    if (this.finished) {
      return;
    }

    if (!planned) {
      recordReload(env.storage, env.now(), config.reloadWindowMs);
    }
    setItem(env.storage, recoveryKey, JSON.stringify({ reason, attempts: this.attempt, downAt: this.startedAt }));
    if (target.fallback) {
      // Not through the template's ReconnectModal: on "rejected" it reloads this page's own address.
      env.console.warn(`Blazor.LiveState: this page's address does not load right now; opening ${target.url} instead.`);
      page.reloading(target.url);
      env.location.replace(target.url);
    } else {
      page.showReloadingNow();
      page.reloading(env.location.href);
      env.location.reload();
    }
  }

  /** Waits for the turn a busy server gave this page (at least the schedule's shortest wait). Returns true when woken. */
  waitTurn(retryAfterMs) {
    const wait = Math.min(Math.max(this.schedule.minDelayMs, retryAfterMs), longestTurnMs);
    this.page.show('reconnecting', { attempt: this.attempt, secondsToNextAttempt: Math.round(wait / 1000) });
    return this.sleep(wait);
  }

  nextWait() {
    return nextDelay(this.schedule, this.attempt, this.env.now() - this.startedAt, this.env.random);
  }

  /** Waits `ms` or until woken (online, visible, back from the bfcache). Returns true when woken. */
  sleep(ms) {
    return new Promise(resolve => {
      const timer = Number.isFinite(ms) ? this.env.setTimeout(() => { this.wake = null; resolve(false); }, ms) : null;
      this.wake = () => {
        if (timer !== null) {
          this.env.clearTimeout(timer);
        }
        this.wake = null;
        resolve(true);
      };
    });
  }
}

function setItem(storage, key, value) {
  try {
    storage.setItem(key, value);
  } catch {
    // Only telemetry depends on it.
  }
}

function removeItem(storage, key) {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to clear where storage is unavailable.
  }
}
