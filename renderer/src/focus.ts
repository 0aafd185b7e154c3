/** Focus helpers: a dialog gives focus back to what opened it; a panel that opens takes focus. */
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** Remember the focused element when a dialog opens; give focus back to it (or `fallback`) when it closes. */
export function useReturnFocus(fallback?: RefObject<HTMLElement | null>) {
  const opener = useRef<HTMLElement | null>(null);
  const remember = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, []);
  const restore = useCallback(() => {
    const back = opener.current;
    // After the dialog has left the page: the opener may be gone with it.
    setTimeout(() => (back && back.isConnected ? back : fallback?.current)?.focus(), 0);
  }, [fallback]);
  return { remember, restore };
}

/** When `open` turns true, scroll the panel's heading into view and move focus to it. */
export function useFocusWhenOpened(open: boolean, heading: RefObject<HTMLElement | null>, key?: unknown) {
  useEffect(() => {
    if (!open || !heading.current) return;
    const el = heading.current;
    if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'start', behavior: 'smooth' });
    el.focus({ preventScroll: true });
  }, [open, heading, key]);
}
