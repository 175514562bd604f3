// One question to the server: is an instance ready for this page? Asked of the kit's readiness
// endpoint, which renders nothing, so that many waiting pages cost a starting server little.

import { withTimeout } from '../environment.js';

/**
 * The readiness endpoint's URL under the app's base, with the attempt number for the server's metrics. With
 * `owner`, a ready answer also says whose page a new circuit would serve (a page paused for a drain needs it
 * before it resumes, and so saves asking for it after the answer).
 */
export function readinessUrl(baseUri, endpointPrefix, attempt, { owner = false } = {}) {
  const url = new URL(`${endpointPrefix.replace(/^\/+/, '')}/ready`, baseUri);
  url.searchParams.set('attempt', String(attempt));
  if (owner) {
    url.searchParams.set('owner', '1');
  }
  return url;
}

/**
 * A probe nothing answered: the connection was refused or reset (no process listens and no proxy is in between),
 * so the probe cost no server or proxy a request; the schedule may probe again sooner.
 */
export const unanswered = Object.freeze({ ready: false, busy: false, unanswered: true, build: null, instance: null, retryAfterMs: null, owner: null });

/**
 * Asks the readiness endpoint; answers `{ ready, build, instance, busy, retryAfterMs, owner }`, `unanswered` when
 * no connection could be made, or null when the server did not answer in time or answered something else than the
 * kit's JSON (a proxy's error page). `busy` says the instance is ready but over its readiness budget: the page
 * should come back after `retryAfterMs` (its turn). `owner` is the owner tag a URL made with `owner` asked for,
 * or null when the answer has none.
 */
export async function probeReadiness(env, url, timeoutMs) {
  try {
    return await withTimeout(env, timeoutMs, async signal => {
      let response;
      try {
        response = await env.fetch(url, { cache: 'no-store', credentials: 'same-origin', signal });
      } catch {
        // A probe that timed out may be held by something (a hung proxy); one that failed at once reached nobody.
        return signal.aborted ? null : unanswered;
      }

      if (!response.ok && response.status !== 503) {
        return null;
      }

      const body = await response.json();
      if (!body || typeof body !== 'object') {
        return null;
      }

      const busy = response.status === 503 && body.reason === 'busy'
        && typeof body.retryAfterMs === 'number' && Number.isFinite(body.retryAfterMs) && body.retryAfterMs >= 0;
      return {
        ready: body.ready === true && response.ok,
        build: typeof body.build === 'string' ? body.build : null,
        instance: typeof body.instance === 'string' ? body.instance : null,
        busy,
        retryAfterMs: busy ? body.retryAfterMs : null,
        owner: typeof body.owner === 'string' ? body.owner : null,
      };
    });
  } catch {
    return null;
  }
}

/** The kit's owner endpoint's URL under the app's base. */
export function ownerUrl(baseUri, endpointPrefix) {
  return new URL(`${endpointPrefix.replace(/^\/+/, '')}/owner`, baseUri);
}

/**
 * Asks whose page a new circuit would serve, with this page's cookies: `{ owner }` (the server's tag of the
 * signed-in user, or 'anonymous'), or null when the server did not answer with one.
 */
export async function askOwner(env, url, timeoutMs) {
  try {
    return await withTimeout(env, timeoutMs, async signal => {
      const response = await env.fetch(url, { cache: 'no-store', credentials: 'same-origin', signal });
      const body = response.ok ? await response.json() : null;
      return body && typeof body.owner === 'string' ? { owner: body.owner } : null;
    });
  } catch {
    return null;
  }
}
