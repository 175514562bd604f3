// Puts restored values back one field at a time. Pure apart from the round trip it is given: tested with node.
//
// Why one at a time: each restored field's change event makes Blazor Server re-render the form, and a re-render
// gives the other fields' bindings new event handler ids. The server retires an old id once the browser has
// acknowledged the render that replaced it. Events the page sent together, before that render arrived, can be
// handled after the acknowledgement (the circuit's queue does not keep them ahead of it), and are then dropped
// with "There is no event handler associated with this event": the model never gets those fields while the
// page shows them. Waiting for a round trip after each changed field means the next field's events carry the
// ids of the render the page already shows.

/** How long one round trip may take before the next field goes anyway (a circuit that went away never answers). */
export const roundTripTimeoutMs = 3_000;

/**
 * Fills fields in turn. `fillNext()` puts back the next field that is on the page: it returns true when it sent
 * events to the server, false when the field already showed the value, and null when no field is left to fill
 * now. `roundTrip()` resolves once the server has handled the events sent before it.
 */
export class FieldTurns {
  constructor(fillNext, roundTrip) {
    this.fillNext = fillNext;
    this.roundTrip = roundTrip;
    this.pass = null;
    this.stopped = false;
  }

  /**
   * Fills every field on the page now, in turn. A call while a pass runs shares it: the pass looks for fields
   * again after each round trip, which is when the server's render shows a field a restored value revealed.
   * Resolves when the pass is over.
   */
  run() {
    this.pass ??= this.fillAll().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  /** No more fields: the form is leaving the page. A round trip under way still ends in its own time. */
  stop() {
    this.stopped = true;
  }

  async fillAll() {
    let sent;
    while (!this.stopped && (sent = this.fillNext()) !== null) {
      if (sent) {
        await this.roundTrip();
      }
    }
  }
}

/**
 * Resolves once the circuit has handled every event and call this page sent before, and the renders they caused
 * are on the page: a call to the kit's empty .NET method goes through the same queue as Blazor's events, and its
 * answer comes after their render batches. Resolves at once where there is no Blazor (node tests), on an error,
 * and after `timeoutMs` at most.
 */
export function serverRoundTrip(dotNet = globalThis.DotNet, timeoutMs = roundTripTimeoutMs) {
  if (typeof dotNet?.invokeMethodAsync !== 'function') {
    return Promise.resolve();
  }

  let timer;
  const answered = Promise.resolve()
    .then(() => dotNet.invokeMethodAsync('Blazor.LiveState', 'RoundTrip'))
    .catch(() => {
      // No circuit to ask (it went away, or the method is not there): carry on without waiting.
    });
  const timedOut = new Promise(resolve => {
    timer = setTimeout(resolve, timeoutMs);
  });
  return Promise.race([answered, timedOut]).finally(() => clearTimeout(timer));
}
