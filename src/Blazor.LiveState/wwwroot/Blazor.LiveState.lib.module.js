// Blazor.LiveState's JS initializer. Blazor loads it on every full page load of a Blazor Web App
// because the package references it by name. It only wires the kit's modules together; each
// capability lives in its own module beside its component.

let started = false;

function markStarted() {
  // Guard: a Web App calls both the Web App hooks and, for Server, the server hooks.
  if (started) {
    return false;
  }
  started = true;
  document.documentElement.dataset.liveState = 'started';
  return true;
}

export function beforeWebStart() {}

export function afterWebStarted() {
  markStarted();
}

export function beforeServerStart() {}

export function afterServerStarted() {
  markStarted();
}
