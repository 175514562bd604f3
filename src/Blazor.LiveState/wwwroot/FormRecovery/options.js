// <FormRecovery />'s options, as the server renders them onto the component's hidden marker
// (formAttributes in constants.js). Pure: tested with node.

import { formAttributes } from '../constants.js';

/**
 * What a missing or broken number falls back to. The server always renders the app's values (the defaults' one
 * home is FormRecoveryOptions); a test pins these to those defaults.
 */
export const standInOptions = Object.freeze({
  timeToLiveMs: 3_600_000,
  maxBytes: 100_000,
  saveDelayMs: 250,
});

/** The options the server rendered onto the marker; a missing or broken number falls back to its stand-in. */
export function readOptions(marker) {
  const read = name => marker.getAttribute(name) ?? undefined;
  const number = (value, fallback) => {
    const parsed = Number(value);
    return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
  };
  return {
    key: read(formAttributes.key) || null,
    build: read(formAttributes.build) ?? '',
    timeToLiveMs: number(read(formAttributes.ttlMs), standInOptions.timeToLiveMs),
    maxBytes: number(read(formAttributes.maxChars), standInOptions.maxBytes),
    saveDelayMs: number(read(formAttributes.saveDelayMs), standInOptions.saveDelayMs),
    // The server's tag for the user the form belongs to; without one nothing is stored or restored.
    owner: read(formAttributes.owner) || null,
    flow: read(formAttributes.flow) || null,
    sensitiveNames: stringList(read(formAttributes.sensitiveNames)),
  };
}

/** A JSON array of strings; anything else is an empty list. */
function stringList(json) {
  try {
    const parsed = JSON.parse(json ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(x => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
