import { findAtlasXml, readAtlas } from '../actors/atlas-xml/index.js';
import { SETTING_FLAGS, type SettingName } from '../actors/index.js';
import { WindowsHost } from '../host/index.js';
import type { Text } from '../i18n/index.js';

/** A value read on this machine for a setting a real run is missing: shown, never used unasked. */
export interface Found {
  setting: SettingName;
  value: string;
  from: Text;
}

/**
 * What this server says about the missing settings: the account the `Atlas%` services log on as
 * (the XPhone service account), and the SQL Server atlas.xml names for the main database (the
 * old server's, where the backup is read). Best effort: what cannot be read is left out.
 */
export async function discover(
  missing: SettingName[],
  databases: string[],
  host = new WindowsHost(),
): Promise<Found[]> {
  const found: Found[] = [];
  if (missing.includes('serviceAccount')) {
    const account = await host.serviceAccount().catch(() => undefined);
    if (account)
      found.push({
        setting: 'serviceAccount',
        value: account,
        from: { de: 'Anmeldekonto der Atlas-Dienste', en: 'the logon account of the Atlas services' },
      });
  }
  if (missing.includes('sourceSqlServer')) {
    const server = await host
      .installDir()
      .then((dir) => readAtlas(findAtlasXml(dir)))
      .then(
        (doc) =>
          doc.entries.find((e) => e.database?.toLowerCase() === databases[0]?.toLowerCase())?.server?.raw,
      )
      .catch(() => undefined);
    if (server)
      found.push({ setting: 'sourceSqlServer', value: server, from: { de: 'atlas.xml', en: 'atlas.xml' } });
  }
  return found;
}

/** "Found on this machine: --service-account 'XPHONE\svc' (…)", for the refusal's remedy. */
export function foundText(found: Found[]): Text {
  if (found.length === 0) return { de: '', en: '' };
  const list = (lang: 'de' | 'en') =>
    found.map((f) => `${SETTING_FLAGS[f.setting]} "${f.value}" (${f.from[lang]})`).join(', ');
  return {
    de: ` Auf diesem Server gefunden, bitte prüfen und so angeben: ${list('de')}.`,
    en: ` Found on this server, check and give them so: ${list('en')}.`,
  };
}

/** The SQL Server atlas.xml on this machine names for a database (its `Data Source`), if it can be read. */
export async function atlasServerOf(
  database: string,
  host: Pick<WindowsHost, 'installDir'>,
): Promise<string | undefined> {
  return host
    .installDir()
    .then((dir) => readAtlas(findAtlasXml(dir)))
    .then((doc) => doc.entries.find((e) => e.database?.toLowerCase() === database.toLowerCase())?.server?.raw)
    .catch(() => undefined);
}
