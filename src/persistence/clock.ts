/**
 * `new Date().toISOString()` for the store's time stamps. Every commit stamps its checkpoint, and
 * formatting a Date per commit showed in bench 1 (1–2 % of a transition); the text up to the
 * second is formatted once per second and the milliseconds are appended.
 */
export function isoNow(): string {
  return isoAt(Date.now());
}

let cachedSecond = Number.NaN;
let cachedPrefix = '';

/** `new Date(ms).toISOString()`, for times from 1970 to 9999. */
export function isoAt(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20); // "YYYY-MM-DDTHH:MM:SS."
  }
  const millis = ms - second * 1000;
  return `${cachedPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
