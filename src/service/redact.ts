/** Keys whose values never leave the server: the feed and the page show no secrets. */
const SECRET_KEY = /pass(word)?|pwd|secret|token|credential|apikey/i;
/** `Password=…;` inside connection strings and command lines. */
const SECRET_PAIR = /\b(password|pwd)\s*=\s*("[^"]*"|'[^']*'|[^;"'\s]*)/gi;

export const REDACTED = '•••';

/** A copy of `value` with every secret replaced. */
export function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SECRET_PAIR, (_m, key: string) => `${key}=${REDACTED}`);
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redact(v)]),
    );
  }
  return value;
}
