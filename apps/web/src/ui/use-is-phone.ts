import { useSyncExternalStore } from 'react';

const PHONE_QUERY = '(max-width: 576px)';

function subscribe(callback: () => void) {
  const mql = window.matchMedia(PHONE_QUERY);
  mql.addEventListener('change', callback);
  return () => mql.removeEventListener('change', callback);
}

/** True at phone width (≤ 576 px): drawer menu, full-width drawers, card lists. */
export function useIsPhone(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}
