// <FormRecovery />'s options, as the server renders them onto the component's hidden marker
// (data-livestate-key, -build, -ttl-ms, -max-chars, -save-delay-ms, -owner, -flow, -sensitive-names).
// Pure: tested with node.

/** The options the server rendered onto the marker; a missing or broken number falls back to a safe default. */
export function readOptions(marker) {
  const data = marker.dataset;
  const number = (value, fallback) => {
    const parsed = Number(value);
    return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
  };
  return {
    key: data.livestateKey || null,
    build: data.livestateBuild ?? '',
    timeToLiveMs: number(data.livestateTtlMs, 3_600_000),
    maxBytes: number(data.livestateMaxChars, 100_000),
    saveDelayMs: number(data.livestateSaveDelayMs, 250),
    // The server's tag for the user the form belongs to; without one nothing is stored or restored.
    owner: data.livestateOwner || null,
    flow: data.livestateFlow || null,
    sensitiveNames: stringList(data.livestateSensitiveNames),
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
