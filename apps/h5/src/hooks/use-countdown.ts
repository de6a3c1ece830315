import { useEffect, useState } from 'react';

/**
 * Seconds left until `until` (a time in ms), ticking each second; 0 when
 * there is no deadline or it has passed. Counting against the clock rather
 * than decrementing keeps it right when the phone sleeps or the tab is
 * throttled in the background.
 */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= until) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}
