// The browser's half of a drain (the server's is Draining/*.cs): a draining server calls BlazorLiveState.drain on
// each of its pages, and the page moves. It saves, pauses its circuit (Blazor.pauseCircuit() hands the circuit's
// state to the page and ends the connection), waits for another ready instance that serves the same user (its
// ready answer says whose page a new circuit would serve) and resumes the circuit there (Blazor.resumeCircuit())
// in the same document: no reload, the scroll position and the focused field kept. Wherever that cannot work, it
// moves by the reconnect's reload path instead, with everything saved.
//
// The move works through the reconnect handler that owns it (Reconnect/reconnect.js), which passes what the move
// may use of it as functions: the move holds no reference to the handler and sets none of its state.

import { events } from '../constants.js';
import { capturePosition, restorePosition } from '../pagePosition.js';
import { askOwner, ownerUrl } from '../Reconnect/readiness.js';

// The longest wait before its move a server may give a page.
const longestWaitMs = 60_000;

/**
 * @typedef {object} MoveHost  what the move uses of the reconnect handler
 * @property {() => object} config  the options the server sent (resumeInPlace, instance, owner, endpointPrefix, probeTimeoutMs)
 * @property {(state: string, detail?: object) => void} show  the connection state on the page
 * @property {(reason: string) => Promise<void>} saveNow  asks every part of the kit to save what it holds
 * @property {(attempt: number, options?: { owner?: boolean }) => Promise<object | null>} probe  asks the readiness endpoint
 * @property {() => boolean} mayPause  the kit's own handler is in charge (no app handler) and a circuit is up
 * @property {() => boolean} recovering  an outage is under way (its process is in charge)
 * @property {(reason: string, readyAt?: number) => void} reload  a planned reload, unless an outage is under way
 * @property {(resumePaused: Function, options?: { probeNow?: boolean }) => void} resumeWhenReady  starts the outage that
 *   resumes the paused circuit (`probeNow`: its first probe goes at once, not after the schedule's first wait)
 * @property {(outcome: object | null) => void} report  what the next connection reports (null: nothing yet)
 */

export class PlannedMove {
  /**
   * @param {import('../environment.js').ReconnectEnvironment} env
   * @param {MoveHost} host
   */
  constructor(env, host) {
    this.env = env;
    this.host = host;
    // Whether Blazor.pauseCircuit() would really pause. After any lost connection Blazor 10 keeps its
    // "paused" flag set until a resume clears it, and a pause then answers true without doing anything
    // (the pause trap): such a page moves by the reload path instead.
    this.pauseWorks = true;
    // The move in place under way: Blazor reports the pause it asked for as a lost connection, twice.
    this.moving = false;
  }

  /** Whether a move in place is under way: the lost connection Blazor reports is the pause it asked for. */
  pausing() {
    return this.moving;
  }

  /** A connection lost that no pause of the kit's caused: Blazor's paused flag is now stuck (the pause trap). */
  connectionLost() {
    this.pauseWorks = false;
  }

  /**
   * Called by a draining server: save now, then, if another instance is ready, move to it after
   * `moveAfterMs` (a random delay the server picked, so the pages of one instance do not all arrive at
   * once). Answers 'moving', or 'staying' when there is nowhere to go yet: the page then reconnects as
   * usual once the connection drops and a server is back.
   */
  async drain(moveAfterMs) {
    const { env, host } = this;
    await host.saveNow('drain');
    if (host.recovering() || this.moving) {
      return 'staying';
    }

    const readiness = await host.probe(0);
    const elsewhere = readiness?.ready === true && !!readiness.instance && readiness.instance !== host.config().instance;
    const wait = Math.min(Math.max(0, Number(moveAfterMs) || 0), longestWaitMs);
    if (this.canMoveInPlace()) {
      // With another instance ready the page keeps working here until its turn (the server spreads the turns),
      // then moves at once. With none, it pauses now, so this instance can exit, and resumes when one is ready.
      env.setTimeout(() => this.moveInPlace({ readyElsewhere: elsewhere }), elsewhere ? wait : 0);
      return 'moving';
    }

    if (!elsewhere) {
      return 'staying';
    }

    const readyAt = env.now();
    env.setTimeout(() => host.reload('drain', readyAt), wait);
    return 'moving';
  }

  /** Whether this page can pause its circuit and resume it elsewhere without a reload. */
  canMoveInPlace() {
    const blazor = this.env.blazor();
    return this.host.config().resumeInPlace === true && this.pauseWorks && this.host.mayPause()
      && typeof blazor?.pauseCircuit === 'function' && typeof blazor?.resumeCircuit === 'function';
  }

  /**
   * Pauses the circuit, which hands its state (root components, [PersistentState]) to the page and ends the
   * connection, then resumes it on the next ready instance. A pause the server refuses falls back to the
   * reload path, with everything saved. `readyElsewhere`: another instance answered ready just before, so the
   * page asks again at once instead of after the schedule's first wait.
   */
  async moveInPlace({ readyElsewhere = false } = {}) {
    const { host } = this;
    if (host.recovering() || this.moving) {
      return;
    }

    this.moving = true;
    host.show('reconnecting', { attempt: 0, secondsToNextAttempt: 0 });
    await host.saveNow('pause');
    let paused = false;
    try {
      paused = await this.env.blazor().pauseCircuit();
    } catch {
      // Treated as refused.
    }

    if (host.recovering()) {
      return;
    }

    if (!paused) {
      this.moving = false;
      host.reload('drain');
      return;
    }

    host.resumeWhenReady((outcomeNow, readiness) => this.resumePaused(outcomeNow, readiness), { probeNow: readyElsewhere });
  }

  /**
   * Resumes the paused circuit on the instance that just answered ready (the outage's process calls it;
   * `outcomeNow()` is its report so far, `readiness` that ready answer). Answers 'resumed', 'retry' (the instance
   * went away again), or the reason of the planned reload that must come instead: 'other-user', or 'resume-failed'
   * (an instance that cannot resume it: keys not shared, components changed).
   */
  async resumePaused(outcomeNow, readiness = null) {
    if (!(await this.sameOwner(readiness?.owner ?? null))) {
      // Never resume one user's circuit for another: a fresh page, which opens none of the old user's state.
      this.moving = false;
      return 'other-user';
    }

    let resumed;
    try {
      resumed = await this.resumeInPlace({ ...outcomeNow(), reason: 'drain' });
    } catch {
      return 'retry';
    }

    if (resumed) {
      return 'resumed';
    }

    this.moving = false;
    return 'resume-failed';
  }

  /**
   * Whether a circuit resumed now would serve the user this page was paused for: another user signed in (in
   * another tab) or the session ended meanwhile means no. Unknown (the server did not say) counts as no.
   * `answered` is the owner the ready answer carried; without one (an instance of an older kit version, or a
   * tag it could not make) the owner endpoint is asked.
   */
  async sameOwner(answered) {
    const { env, host } = this;
    const { owner, endpointPrefix, probeTimeoutMs } = host.config();
    const current = answered ?? (await askOwner(env, ownerUrl(env.document.baseURI, endpointPrefix), probeTimeoutMs))?.owner ?? null;
    return current !== null && owner !== null && current === owner;
  }

  /**
   * Resumes the paused circuit in this document, keeping the scroll position and the focused field; `outcome`
   * is what the new circuit's server hears about how the page got there.
   */
  async resumeInPlace(outcome) {
    const { env, host } = this;
    const { document: doc, window: win } = env;
    // What the user typed while paused goes to storage now: the resumed render puts it back from there.
    await host.saveNow('resume');
    const position = capturePosition(doc, win);
    doc.dispatchEvent(new CustomEvent(events.resuming));
    // The new circuit's server may ask how the page got here before resumeCircuit() returns.
    host.report(outcome);
    let resumed = false;
    try {
      resumed = await env.blazor().resumeCircuit();
    } finally {
      if (!resumed) {
        host.report(null);
      }
    }

    if (resumed) {
      // Blazor cleared its paused flag: a later drain can pause again.
      this.pauseWorks = true;
      this.moving = false;
      await restorePosition(doc, win, position, { setTimer: env.setTimeout, clearTimer: env.clearTimeout });
    }

    return resumed;
  }
}
