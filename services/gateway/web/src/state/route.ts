import { useEffect, useState } from 'preact/hooks';

const NAVIGATED_EVENT = 'stax:navigated';

/** Where the browser is: path and query string. */
export interface Location {
  path: string;
  search: string;
}

function currentLocation(): Location {
  return { path: window.location.pathname, search: window.location.search };
}

/** Goes to an in-app address without reloading; `replace` keeps history from filling up. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATED_EVENT));
}

/** The current location, re-rendering on back, forward and `navigate`. */
export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED_EVENT, update);
    };
  }, []);
  return location;
}

/** Whether a click should be left to the browser (new tab, download, modified click). */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}
