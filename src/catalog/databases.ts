/**
 * The databases of XPhone's Analytics instance (`XPANALYTICS`, DOMAIN.md: public facts): XPSTATS,
 * and XPSTATSRaw where it exists. They live beside `XPCONNECT`'s XPDATA and XPVDIR, in an instance
 * of their own, and are read from there.
 */
export const ANALYTICS_DATABASES: readonly string[] = ['XPSTATS', 'XPSTATSRaw'];

export function isAnalyticsDatabase(name: string): boolean {
  return ANALYTICS_DATABASES.some((a) => a.toLowerCase() === name.toLowerCase());
}
