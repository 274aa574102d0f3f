/** A measured rate in MB/s: the slowest, the median and the fastest of the samples. */
export interface Rate {
  slowest: number;
  median: number;
  fastest: number;
  samples: number;
}

/**
 * The rate of past transfers (`sizeMb` in `seconds`). A transfer under a second says nothing
 * about the rate (msdb keeps whole seconds) and is left out; no usable sample gives null.
 */
export function rateOf(transfers: Array<{ sizeMb: number; seconds: number }>): Rate | null {
  const rates = transfers
    .filter((t) => t.sizeMb > 0 && t.seconds >= 1)
    .map((t) => t.sizeMb / t.seconds)
    .sort((a, b) => a - b);
  if (rates.length === 0) return null;
  return { slowest: rates[0]!, median: median(rates), fastest: rates.at(-1)!, samples: rates.length };
}

/** The middle value of sorted numbers (the mean of the two middle ones for an even count). */
export function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
