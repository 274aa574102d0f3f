/**
 * XPhone version knowledge: which major versions exist, how admins and the product write them,
 * and which ones this tool can start from. Pure functions, no I/O.
 */
export const OLDEST_SOURCE_MAJOR = 4;
export const TARGET_MAJOR = 9;
export const NEWEST_KNOWN_MAJOR = 10;
/** The last V4 release, required before the V4 Migrations-Manager export (guide, V4 point 1). */
export const LATEST_V4 = { parts: [4, 5, 35], servicePack: 5, label: '4.5.35 SR5' } as const;

export interface XPhoneVersion {
  /** What was typed. */
  raw: string;
  major: number;
  /** The numeric parts as given, at least the major (e.g. [9, 0, 330, 1359]). */
  parts: number[];
  /** Service release ("SR5"), V4 only in practice. */
  servicePack?: number;
  /** Canonical form, e.g. "4.5.35 SR5", "9.0.330.1359", "7". */
  normalized: string;
  /** Product line name. */
  productName: string;
}

export type VersionProblem =
  | { kind: 'unparsable' }
  | { kind: 'tooOld'; major: number }
  | { kind: 'tooNew'; major: number }
  | { kind: 'unknownMajor'; major: number };

export type VersionResult = { ok: true; version: XPhoneVersion } | { ok: false; problem: VersionProblem };

const PRODUCT_WORDS = /\b(xphone|connect|server|version|ver|release|build|uc)\b\.?/gi;

/**
 * Parses what an admin types or the product reports: "4.5.35 SR5", "UC 2011", "V7", "8",
 * "v 8.0", "XPhone Connect 9", "9.0.330.1359", "Version 9.8.69".
 */
export function parseVersion(input: string): VersionResult {
  const raw = input;
  let text = input
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/service\s*release/gi, 'SR');
  if (text === '') return { ok: false, problem: { kind: 'unparsable' } };

  // "XPhone UC 2011" is V4; a bare year elsewhere is not a version we know.
  const uc2011 = /^(?:xphone\s*)?uc\s*2011\b(.*)$/i.exec(text);
  if (uc2011) {
    const rest = (uc2011[1] ?? '').trim();
    const sr = /^sr\s*(\d{1,2})$/i.exec(rest);
    if (rest !== '' && !sr) return { ok: false, problem: { kind: 'unparsable' } };
    const servicePack = sr ? Number(sr[1]) : undefined;
    return { ok: true, version: build(raw, [4], servicePack) };
  }

  text = text.replace(PRODUCT_WORDS, ' ').trim();
  const match = /^v?\s*(\d{1,3}(?:\.\d{1,6}){0,3})\s*(?:sr\s*(\d{1,2}))?$/i.exec(text);
  if (!match) return { ok: false, problem: { kind: 'unparsable' } };
  const parts = match[1]!.split('.').map(Number);
  const major = parts[0]!;
  const servicePack = match[2] === undefined ? undefined : Number(match[2]);
  if (major < OLDEST_SOURCE_MAJOR) return { ok: false, problem: { kind: 'tooOld', major } };
  if (major > TARGET_MAJOR && major <= NEWEST_KNOWN_MAJOR)
    return { ok: false, problem: { kind: 'tooNew', major } };
  if (major > NEWEST_KNOWN_MAJOR) return { ok: false, problem: { kind: 'unknownMajor', major } };
  if (servicePack !== undefined && major !== 4) return { ok: false, problem: { kind: 'unparsable' } };
  return { ok: true, version: build(raw, parts, servicePack) };
}

function build(raw: string, parts: number[], servicePack: number | undefined): XPhoneVersion {
  const major = parts[0]!;
  const normalized = parts.join('.') + (servicePack === undefined ? '' : ` SR${servicePack}`);
  return {
    raw,
    major,
    parts,
    ...(servicePack === undefined ? {} : { servicePack }),
    normalized,
    productName: productName(major),
  };
}

export function productName(major: number): string {
  if (major === 4) return 'XPhone UC 2011';
  return `XPhone Connect V${major}`;
}

/**
 * Where a V4 version stands to the last release 4.5.35 SR5: `latest`, `older`, `unclear` when the
 * input is too vague to tell ("V4", "UC 2011", "4.5.35" without SR), `unknown` when it is past the
 * last release the guide names (4.5.36, "4.5.35 SR6"): not a release anyone knows of.
 */
export type V4Standing = 'latest' | 'older' | 'unclear' | 'unknown';

export function isLatestV4(version: XPhoneVersion): V4Standing {
  if (version.major !== 4) return 'older';
  const [, minor, patch] = version.parts;
  if (minor === undefined || patch === undefined) {
    if (minor !== undefined && minor < LATEST_V4.parts[1]) return 'older';
    if (minor !== undefined && minor > LATEST_V4.parts[1]) return 'unknown';
    return 'unclear';
  }
  const cmp = compareParts([4, minor, patch], [...LATEST_V4.parts]);
  if (cmp !== 0) return cmp > 0 ? 'unknown' : 'older';
  if (version.servicePack === undefined) return 'unclear';
  if (version.servicePack === LATEST_V4.servicePack) return 'latest';
  return version.servicePack < LATEST_V4.servicePack ? 'older' : 'unknown';
}

export function compareParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The major versions a source must pass through on its way to V8 (V5 → [6, 7, 8]). */
export function hopsToV8(major: number): Array<{ from: number; to: number }> {
  const hops: Array<{ from: number; to: number }> = [];
  for (let v = major; v < 8 && v >= 5; v++) hops.push({ from: v, to: v + 1 });
  return hops;
}
