const SIGNED_OUT_EVENT = 'stax:signed-out';

/** Tells the app shell the session is gone (a 401 anywhere), so it shows the sign-in page. */
export function reportSignedOut(): void {
  window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
}

/** Calls `listener` whenever any call finds the session gone; returns the unsubscribe. */
export function onSignedOut(listener: () => void): () => void {
  window.addEventListener(SIGNED_OUT_EVENT, listener);
  return () => window.removeEventListener(SIGNED_OUT_EVENT, listener);
}
