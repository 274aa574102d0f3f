import { XpmError } from '../errors/index.js';

export type LogEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The encoding of a text from its first bytes: a BOM says it; UTF-16 without one shows as NULs
 * in every other byte; valid UTF-8 is UTF-8; anything else is Windows' ANSI code page (1252),
 * where the Backup-Manager writes its umlauts and SSMS saves "ANSI" scripts. NULs or control
 * bytes otherwise mean binary.
 */
export function sniffEncoding(head: Uint8Array): { encoding: LogEncoding; bom: number } | 'binary' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let oddNul = 0;
  let evenNul = 0;
  let control = 0;
  sample.forEach((b, i) => {
    if (b === 0) {
      if (i % 2 === 1) oddNul++;
      else evenNul++;
    } else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  });
  const pairs = Math.max(1, sample.length / 2);
  if (oddNul / pairs > 0.3 && evenNul < oddNul / 10) return { encoding: 'utf-16le', bom: 0 };
  if (evenNul / pairs > 0.3 && oddNul < evenNul / 10) return { encoding: 'utf-16be', bom: 0 };
  if (oddNul + evenNul > 0 || control > sample.length / 20) return 'binary';
  try {
    // A character cut at the end of the sample is not an error: decode in stream mode.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** `sniffEncoding` for a log or CSV: binary is the error `E_DIAG_BINARY`. */
export function detectEncoding(head: Uint8Array, file: string): { encoding: LogEncoding; bom: number } {
  const sniffed = sniffEncoding(head);
  if (sniffed === 'binary') throw new XpmError('E_DIAG_BINARY', { file });
  return sniffed;
}
