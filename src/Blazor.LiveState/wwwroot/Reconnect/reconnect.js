// Deploy-aware reconnection. Replaces Blazor's retry loop (ten tries in 0.2 s, then 5 s and 30 s
// waits) with one that polls a cheap readiness endpoint on a jittered backoff, reconnects as soon as
// the server answers, and after a restart or deploy lets the kit save what it holds and reloads into
// the restored page, never into an error page and never in a loop.
//
// This is Blazor's reconnection handler: it hears the connection go down and up, starts one
// ReconnectProcess per outage (reconnectProcess.js), shows the state (status.js) and answers the server's
// BlazorLiveState.connected with its report (connectionReport.js). A planned deploy does better than a
// reload: the move that a draining server asks for (BlazorLiveState.drain) is Draining/move.js.
//
// Everything it uses from the browser comes in through its environment (../environment.js), so the state
// machine runs in node tests with a fake clock, fetch, storage, location and Blazor.

import { PlannedMove } from '../Draining/move.js';
import { events } from '../constants.js';
import { delay } from '../environment.js';
import { resolveSchedule } from './backoff.js';
import { connectionReport, forgetReload } from './connectionReport.js';
import { probeReadiness, readinessUrl } from './readiness.js';
import { ReconnectProcess } from './reconnectProcess.js';
import { chooseReloadTarget } from './reloadTarget.js';
import { clearReloads } from './reloadGuard.js';
import { StatusDisplay } from './status.js';

const marker = Symbol.for('Blazor.LiveState.reconnectionHandler');

export const defaultConfig = Object.freeze({
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

export class DeployAwareReconnect {
  /** @param {import('../environment.js').ReconnectEnvironment} env */
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
    // The server asked this page to reload once an instance is ready (reloadWhenReady): it no longer stays.
    this.reloadRequested = false;
    // A planned deploy's move, given what it may use of this handler as functions.
    this.move = new PlannedMove(env, {
      config: () => this.config,
      show: (state, detail) => this.status.set(state, detail),
      saveNow: reason => this.saveNow(reason),
      probe: attempt => this.probe(attempt),
      mayPause: () => !this.appHandler && this.circuitOpened,
      recovering: () => this.process !== null,
      reload: (reason, readyAt) => this.plannedReload(reason, readyAt),
      resumeWhenReady: (resumePaused, options) => this.waitToResume(resumePaused, options),
      report: outcome => {
        this.lastOutcome = outcome;
      },
    });
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
    if (this.move.pausing()) {
      // The pause the kit asked for: Blazor reports it when it starts and again when the connection closes.
      // The move's own process is in charge.
      return;
    }

    if (!isClientPause) {
      this.move.connectionLost();
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
    if (this.reloadRequested) {
      // The server asked for the reload (reloadWhenReady): a connection coming back up does not change that.
      return;
    }

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

    const recovered = this.lastOutcome;
    this.lastOutcome = null;
    return connectionReport(this.env.storage, this.env.now(), recovered);
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

  /** Called by a draining server (BlazorLiveState.drain): the page moves (Draining/move.js). */
  drain(moveAfterMs) {
    return this.move.drain(moveAfterMs);
  }

  /**
   * Called by a server whose circuit cannot restore this page's state (BlazorLiveState.reloadWhenReady): its
   * tab-state store does not answer. Rather than show the defaults, the page waits for an instance that answers
   * ready, as after a crash, and reloads into it; the reload-loop guard counts it. Always answers true: the page
   * reloads, or is already leaving (a move in place under way).
   */
  reloadWhenReady(reason) {
    if (this.move.pausing()) {
      // A move in place is under way: this circuit goes away, and the one that resumes the page restores again.
      return true;
    }

    if (!this.reloadRequested) {
      this.reloadRequested = true;
      // The server calls over a working connection: a reconnect loop still running is Blazor's late news.
      this.endProcess();
      // This circuit proves nothing: a recovery that ends here must not clear the reload-loop count.
      this.clearStableTimer();
      this.process = this.newProcess();
      this.process.reload(typeof reason === 'string' && reason ? reason : 'tab-state-unavailable');
    }
    return true;
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

  /** Asks the readiness endpoint (`options.owner`: with the owner tag, for a paused page's resume). */
  probe(attempt, options) {
    const url = readinessUrl(this.env.document.baseURI, this.config.endpointPrefix, attempt, options);
    return probeReadiness(this.env, url, this.config.probeTimeoutMs);
  }

  /** A drain's reload (the move's fallback), unless an outage is under way: its process is in charge then. */
  plannedReload(reason, readyAt) {
    if (!this.process) {
      this.process = this.newProcess({ readyAt });
      this.process.reload(reason, { planned: true });
    }
  }

  /**
   * The outage a drain's pause starts: it ends when `resumePaused` has resumed the circuit, or by a reload.
   * `probeNow`: another instance was ready a moment ago, so the first probe goes at once.
   */
  waitToResume(resumePaused, { probeNow = false } = {}) {
    this.process = this.newProcess({ resumePaused, probeNow });
    this.process.run();
  }

  newProcess({ readyAt, resumePaused, probeNow } = {}) {
    // What one outage needs from the page, as methods: the process holds no reference to this object.
    const page = {
      show: (state, detail) => this.status.set(state, detail),
      showReloadingNow: () => this.status.reloadingNow(),
      reloading: url => this.announceReload(url),
      probe: (attempt, options) => this.probe(attempt, options),
      saveNow: reason => this.saveNow(reason),
      recovered: outcome => {
        this.lastOutcome = outcome;
      },
    };
    return new ReconnectProcess(this.env, page, { config: this.config, schedule: this.schedule, readyAt, resumePaused, probeNow });
  }

  endProcess() {
    this.process?.finish();
    this.process = null;
  }

  scheduleStable() {
    this.clearStableTimer();
    if (this.reloadRequested) {
      return;
    }

    // Only a circuit that stays up proves a recovery worked; then the reload-loop count starts over.
    this.stableTimer = this.env.setTimeout(() => {
      this.stableTimer = null;
      clearReloads(this.env.storage);
      forgetReload(this.env.storage);
    }, this.config.stableAfterMs);
  }

  clearStableTimer() {
    if (this.stableTimer !== null) {
      this.env.clearTimeout(this.stableTimer);
      this.stableTimer = null;
    }
  }
}
