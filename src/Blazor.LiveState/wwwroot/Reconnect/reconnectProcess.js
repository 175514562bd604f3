// One outage, from the connection going down to it coming back or the page reloading: the reconnect
// handler (reconnect.js) starts one per outage and ends it when Blazor says the connection is up. It polls the
// readiness endpoint on the schedule (backoff.js), waits its turn at a busy server, reconnects or resumes the
// circuit where that can work, and otherwise saves and reloads, only to an address that answers
// (reloadTarget.js) and never in a loop (reloadGuard.js).

import { nextDelay } from './backoff.js';
import { rememberReload } from './connectionReport.js';
import { chooseReloadTarget } from './reloadTarget.js';
import { canReload, recordReload } from './reloadGuard.js';

// A ready answer younger than this still counts when the page is about to reload.
const recentReadyMs = 1_000;
// After this many failed checks of its own address on a ready server, a page goes to its path or the base.
const lastingFailures = 10;
// A turn longer than this is a wrong answer, not a queue: the page asks again after it.
const longestTurnMs = 600_000;

/**
 * One outage. It talks to the page only through `page` (show, showReloadingNow, reloading, probe, saveNow,
 * recovered), to the browser only through `env`, and holds no reference to the handler that started it.
 * `resumePaused` is given when a drain paused the circuit (Draining/move.js): the process then resumes it through
 * that function on the first instance that answers ready, instead of reconnecting, and gives it that answer.
 * `probeNow` sends the first probe at once instead of after the schedule's first wait: a drain's page that has just
 * heard another instance answer ready has no outage to wait out.
 */
export class ReconnectProcess {
  constructor(env, page, { config, schedule, readyAt, resumePaused = null, probeNow = false }) {
    this.env = env;
    this.page = page;
    this.config = config;
    this.schedule = schedule;
    // The circuit was paused for a drain: its state is in the page, and any ready instance can resume it.
    this.resumePaused = resumePaused;
    this.probeNow = probeNow;
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
    let tryNow = this.probeNow;
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
      // A paused circuit resumes at once on a ready answer, and only for the same user: the answer says who that is.
      const readiness = await page.probe(this.attempt, { owner: this.resumePaused !== null });
      this.unanswered = readiness?.unanswered === true;
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

      if (this.resumePaused) {
        // 'resumed', 'retry' (the instance went away again), or the reason of the reload that must come instead.
        const answer = await this.resumePaused(() => this.outcome('resumed'), readiness);
        if (answer === 'retry') {
          continue;
        }
        if (answer !== 'resumed') {
          await this.reload(answer, { planned: true });
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

  outcome(outcome) {
    return { outcome, reason: null, attempts: this.attempt, downMs: this.env.now() - this.startedAt };
  }

  /**
   * Saves, then reloads once a server is ready and the page (or a fallback URL) answers 2xx; until then
   * it keeps waiting on the schedule, so the user never lands on an error page. A `planned` reload (a drain's)
   * does not count towards the reload-loop guard, so that deploys seconds apart never leave a page in "failed".
   */
  async reload(reason, { planned = false } = {}) {
    const { env, page, config } = this;
    if (config.reload === 'never') {
      page.show('failed', { reason });
      return;
    }

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
      this.unanswered = readiness?.unanswered === true;
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
    rememberReload(env.storage, { reason, attempts: this.attempt, downAt: this.startedAt });
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
    return nextDelay(this.schedule, this.attempt, this.env.now() - this.startedAt, this.env.random, { unanswered: this.unanswered });
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
