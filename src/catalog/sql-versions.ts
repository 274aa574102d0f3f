/** SQL Server releases by marketing year and by the major number that @@VERSION reports. */
export const SQL_SERVER_RELEASES = [
  { year: 2000, major: 8 },
  { year: 2005, major: 9 },
  { year: 2008, major: 10 },
  { year: 2012, major: 11 },
  { year: 2014, major: 12 },
  { year: 2016, major: 13 },
  { year: 2017, major: 14 },
  { year: 2019, major: 15 },
  { year: 2022, major: 16 },
  { year: 2025, major: 17 },
] as const;

/**
 * "2016", "SQL Server 2019", "2008 R2", "15.0.2000.5", "13" → the release year; undefined when
 * the text names no release we know.
 */
export function parseSqlServerVersion(input: string): number | undefined {
  const text = input
    .trim()
    .replace(/^(microsoft\s+)?sql\s*server\s*/i, '')
    .replace(/\s*r2$/i, '')
    .trim();
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    return SQL_SERVER_RELEASES.some((r) => r.year === year) ? year : undefined;
  }
  const major = /^(\d{1,2})(?:\.\d+){0,3}$/.exec(text);
  if (major) return SQL_SERVER_RELEASES.find((r) => r.major === Number(major[1]))?.year;
  return undefined;
}

export function sqlServerYearForMajor(major: number): number | undefined {
  return SQL_SERVER_RELEASES.find((r) => r.major === major)?.year;
}
