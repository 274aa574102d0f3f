import { findAtlasXml, readAtlas, windowsLogin } from '../actors/atlas-xml/index.js';
import {
  type Check,
  type CheckStatus,
  chooseOdbcDriver,
  runChecks,
  type ServerAddress,
  serverAddress,
  serverLabel,
  sqlAccess,
  withSql,
} from '../actors/sql-server/index.js';
import { type DrivingRole, MACHINE_ROLE_TEXT, TARGET_MAJOR } from '../catalog/index.js';
import { isXpmError } from '../errors/index.js';
import type { Host } from '../host/index.js';
import type { Text } from '../i18n/index.js';
import type { Plan } from '../plan/index.js';

export interface DoctorInput {
  plan: Plan;
  /** The SQL Server the databases go to, and the one they come from (absent: not part of the plan). */
  targetSql?: string;
  sourceSql?: string;
  /** The old server's Analytics instance (`--source-analytics-sql`), read like the source. */
  sourceAnalyticsSql?: string;
  backupDir?: string;
  databases: string[];
  serviceAccount?: string;
  env: NodeJS.ProcessEnv;
  /** The SQLite driver the store would open with; throws when XPMIGRATE_SQLITE names one that does not load. */
  sqlite?: () => string;
  /** The XPhone server this machine is in the plan (`--role`); absent: read from the machine. */
  role?: DrivingRole;
}

export interface DoctorCheck extends Check {
  /** What was checked: this machine, or a SQL Server by name. */
  subject: string;
}

const XPHONE_WEB_API_PORT = 2231;

/**
 * Every read-only check the plan needs, run now: each pass / warn / fail with a remedy. Nothing
 * is changed anywhere; a check that cannot run is itself a failed check, never a crash.
 */
export async function doctor(host: Host, input: DoctorInput): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const here = 'host';
  const add = (id: string, status: CheckStatus, message: Text, remedy?: Text, subject = here) =>
    checks.push({ id, status, message, ...(remedy && status !== 'pass' ? { remedy } : {}), subject });
  const attempt = async (id: string, work: () => Promise<void>, subject = here) => {
    try {
      await work();
    } catch (error) {
      const texts = isXpmError(error) ? error.texts() : { message: { de: String(error), en: String(error) } };
      add(id, 'fail', texts.message, texts.remedy, subject);
    }
  };

  const { sqlite } = input;
  if (sqlite)
    await attempt('host.sqlite', async () => {
      const driver = sqlite();
      add('host.sqlite', 'pass', {
        de: `Zustandsspeicher: SQLite über ${driver} (Node ${process.version})`,
        en: `State store: SQLite through ${driver} (Node ${process.version})`,
      });
    });
  await attempt('host.windows', async () => {
    const os = await host.osVersion();
    add(
      'host.windows',
      /Server/i.test(os) ? 'pass' : 'warn',
      { de: os, en: os },
      {
        de: 'XPhone Connect Server gehört auf ein Windows Server-Betriebssystem.',
        en: 'XPhone Connect Server belongs on a Windows Server operating system.',
      },
    );
  });
  await attempt('host.odbc', async () => {
    // A Windows login to SQL Server goes through ODBC (msnodesqlv8): which driver it will use.
    const installed = await host.odbcDrivers();
    const driver = chooseOdbcDriver(installed);
    const builtIn = driver === 'SQL Server';
    add(
      'host.odbc',
      builtIn ? 'warn' : 'pass',
      {
        de: `ODBC-Treiber für die Windows-Anmeldung an SQL Server: ${driver}${builtIn ? ' (der in Windows eingebaute)' : ''}`,
        en: `ODBC driver for the Windows login to SQL Server: ${driver}${builtIn ? ' (the one built into Windows)' : ''}`,
      },
      {
        de: 'Der eingebaute Treiber "SQL Server" kann TLS 1.2 nur mit Windows-Updates ab 2016 und kennt keine neuen Verschlüsselungsoptionen. Besser: "ODBC Driver 17/18 for SQL Server" installieren (mit SSMS dabei).',
        en: 'The built-in "SQL Server" driver speaks TLS 1.2 only with Windows updates from 2016 on and knows no newer encryption options. Better: install "ODBC Driver 17/18 for SQL Server" (it comes with SSMS).',
      },
    );
  });
  const role = await roleCheck(host, input, add);
  const from = input.plan.from;
  if (role === 'new') await newServerChecks(host, add);
  else if (from && input.plan.route !== 'v4v9') {
    await attempt('host.xphone-version', async () => {
      const installed = await host.installedVersion();
      const major = Number((installed ?? '').split('.')[0]);
      add(
        'host.xphone-version',
        major === from.major ? 'pass' : 'fail',
        {
          de: `installiert: ${installed ?? 'nichts'}, Plan: V${from.major}`,
          en: `installed: ${installed ?? 'nothing'}, plan: V${from.major}`,
        },
        {
          de: 'Den Plan mit der wirklich installierten Version erstellen (--from).',
          en: 'Make the plan with the version really installed (--from).',
        },
      );
    });
  }
  if (role === 'old')
    await attempt('host.services', async () => {
      const services = await host.services();
      const stopped = services.filter((s) => !s.running).map((s) => s.name);
      add(
        'host.services',
        services.length === 0 ? 'fail' : stopped.length > 0 ? 'warn' : 'pass',
        services.length === 0
          ? { de: 'keine Atlas-Dienste', en: 'no Atlas services' }
          : {
              de: `${services.length} Atlas-Dienste${stopped.length ? `, gestoppt: ${stopped.join(', ')}` : ', alle laufen'}`,
              en: `${services.length} Atlas services${stopped.length ? `, stopped: ${stopped.join(', ')}` : ', all running'}`,
            },
        {
          de: 'Den XPhone Server-Dienst starten und die Ereignisanzeige prüfen.',
          en: 'Start the XPhone Server service and check the event log.',
        },
      );
    });
  if (role === 'old')
    await attempt('host.atlas-xml', async () => {
      const file = findAtlasXml(await host.installDir());
      const doc = readAtlas(file);
      if (input.sourceSql) await atlasPointsAtSource(doc, input.sourceSql);
      await externalWithoutWindowsLogin(doc);
      const servers = [...new Set(doc.entries.map((e) => e.server?.raw).filter(Boolean))].join(', ');
      add(
        'host.atlas-xml',
        doc.entries.length > 0 ? 'pass' : 'fail',
        {
          de: `${file}: ${doc.entries.length} Verbindungen (${servers || '–'})`,
          en: `${file}: ${doc.entries.length} connections (${servers || '–'})`,
        },
        {
          de: 'atlas.xml enthält keine Datenbank-Verbindungen: xpmigrate atlas show zeigt die Datei.',
          en: 'atlas.xml holds no database connections: xpmigrate atlas show shows the file.',
        },
      );
    });
  /**
   * An entry on another machine's SQL Server needs useLogin="Windows" in effect (guide, row 8:
   * "Bitte den Eintrag useLogin="Windows" nicht vergessen"), on the entry or an enclosing element.
   */
  async function externalWithoutWindowsLogin(doc: ReturnType<typeof readAtlas>) {
    const me = (await host.machineName()).toLowerCase();
    const external = doc.entries.filter(
      (e) => e.server && !e.server.local && e.server.host.toLowerCase() !== me,
    );
    if (external.length === 0) return;
    const missing = external.filter((e) => !windowsLogin(e));
    const names = (list: typeof external) => list.map((e) => `${e.name}@${e.server!.raw}`).join(', ');
    add(
      'host.atlas-uselogin',
      missing.length === 0 ? 'pass' : 'warn',
      missing.length === 0
        ? {
            de: `useLogin="Windows" gilt für ${names(external)}`,
            en: `useLogin="Windows" is in effect for ${names(external)}`,
          }
        : {
            de: `Externer SQL Server ohne useLogin="Windows": ${missing.map((e) => `${names([e])} (Zeile ${e.line})`).join(', ')}`,
            en: `External SQL Server without useLogin="Windows": ${missing.map((e) => `${names([e])} (line ${e.line})`).join(', ')}`,
          },
      {
        de: 'Die Anleitung (Zeile 8) verlangt useLogin="Windows" im Bereich <Databases>: xpmigrate atlas apply --server … setzt es, wo es fehlt.',
        en: 'The guide (row 8) asks for useLogin="Windows" in <Databases>: xpmigrate atlas apply --server … sets it where it is missing.',
      },
    );
  }

  /**
   * Before the move atlas.xml must name the SQL Server the databases are read from; the main
   * database (the first of --databases) decides, Analytics may live in an instance of its own.
   */
  async function atlasPointsAtSource(doc: ReturnType<typeof readAtlas>, source: string) {
    const me = (await host.machineName()).toLowerCase();
    const want = serverAddress(serverLabel(source));
    const same = (a: ServerAddress) =>
      (a.instance ?? '').toLowerCase() === (want.instance ?? '').toLowerCase() &&
      (a.local
        ? want.local || want.host.toLowerCase() === me
        : a.host.toLowerCase() === want.host.toLowerCase());
    const entries = doc.entries.filter(
      (e) => e.server && input.databases.some((d) => d.toLowerCase() === e.database?.toLowerCase()),
    );
    const wrong = entries.filter((e) => !same(e.server!));
    add(
      'host.atlas-target',
      entries.length > 0 && wrong.length === 0 ? 'pass' : 'warn',
      wrong.length === 0
        ? {
            de: `atlas.xml nennt ${want.raw} (${entries.map((e) => e.database).join(', ')})`,
            en: `atlas.xml names ${want.raw} (${entries.map((e) => e.database).join(', ')})`,
          }
        : {
            de: `atlas.xml nennt ${wrong.map((e) => `${e.database}@${e.server!.raw}`).join(', ')}, der Plan liest von ${want.raw}`,
            en: `atlas.xml names ${wrong.map((e) => `${e.database}@${e.server!.raw}`).join(', ')}, the plan reads from ${want.raw}`,
          },
      {
        de: '--source-sql auf den SQL Server setzen, den atlas.xml nennt (xpmigrate atlas show), oder atlas.xml prüfen.',
        en: 'Set --source-sql to the SQL Server atlas.xml names (xpmigrate atlas show), or check atlas.xml.',
      },
    );
  }

  if (role === 'old')
    await attempt('host.port-2231', async () => {
      const open = await host.portOpen('127.0.0.1', XPHONE_WEB_API_PORT);
      add(
        'host.port-2231',
        open ? 'pass' : 'warn',
        open
          ? { de: 'Port 2231 (Web API) antwortet', en: 'port 2231 (Web API) answers' }
          : { de: 'Port 2231 (Web API) antwortet nicht', en: 'port 2231 (Web API) does not answer' },
        {
          de: 'Ab V9 muss der IIS der Mobile-Web-App den XPhone Server auf TCP 2231 erreichen: Dienst und Firewall prüfen.',
          en: 'From V9 the IIS of the Mobile web app must reach the XPhone server on TCP 2231: check the service and the firewall.',
        },
      );
    });
  if (input.plan.input.virtual) {
    add(
      'vm.static-mac',
      'warn',
      { de: 'VM: statische MAC-Adresse?', en: 'VM: static MAC address?' },
      {
        de: 'Die Lizenz hängt an der MAC-Adresse: der XPhone-VM eine statische MAC geben (Hyper-V: Get-VMNetworkAdapter, VMware: manuelle MAC). Snapshots nur bei ausgeschalteter VM.',
        en: 'The licence depends on the MAC address: give the XPhone VM a static MAC (Hyper-V: Get-VMNetworkAdapter, VMware: manual MAC). Snapshots only while the VM is off.',
      },
    );
  }

  // The databases: where they come from (size, the share as the old server sees it), where they go.
  let incomingMb: number | undefined;
  const sql = async (server: string, role: 'source' | 'target') => {
    const subject = serverLabel(server);
    await attempt(
      `${role}.sql`,
      async () => {
        const access = await sqlAccess(server, host, input.env);
        const target = role === 'target';
        const { facts, checks: found } = await withSql(access, (c) =>
          runChecks(c, {
            databases: input.databases,
            ...(input.backupDir ? { backupDir: input.backupDir } : {}),
            external: target && (input.plan.target?.plan === 'C' || input.plan.target?.plan === 'D'),
            role,
            ...(target && input.serviceAccount ? { serviceAccount: input.serviceAccount } : {}),
            ...(target && incomingMb !== undefined ? { incomingMb } : {}),
          }),
        );
        // What the sources hold of the databases is what the target receives (Analytics included).
        if (role === 'source')
          incomingMb =
            (incomingMb ?? 0) +
            facts.databases
              .filter((d) => input.databases.some((n) => n.toLowerCase() === d.name.toLowerCase()))
              .reduce((sum, d) => sum + (d.sizeMb ?? 0), 0);
        // The source is only read: what it lacks for a restore does not matter.
        for (const check of found) {
          if (role === 'source' && ['sql.database', 'sql.filestream', 'sql.edition'].includes(check.id))
            continue;
          checks.push({ ...check, id: `${role}.${check.id.replace(/^sql\./, '')}`, subject });
        }
      },
      subject,
    );
  };
  if (input.sourceSql) await sql(input.sourceSql, 'source');
  if (input.sourceAnalyticsSql) await sql(input.sourceAnalyticsSql, 'source');
  if (input.targetSql) await sql(input.targetSql, 'target');
  // The tool's own view of the share, beside the SQL Servers' views above.
  if (input.backupDir) {
    const dir = input.backupDir;
    await attempt('host.backup-share', async () => {
      const ok = await host.pathExists(dir);
      add(
        'host.backup-share',
        ok ? 'pass' : 'fail',
        ok
          ? { de: `${dir} von hier erreichbar`, en: `${dir} reachable from here` }
          : { de: `${dir} von hier nicht erreichbar`, en: `${dir} not reachable from here` },
        {
          de: 'Freigabe anlegen und dem XPhone-Dienstkonto Vollzugriff geben; Backup-Manager und SQL Server brauchen denselben UNC-Pfad.',
          en: 'Create the share and give the XPhone service account full control; Backup-Manager and SQL Server need the same UNC path.',
        },
      );
    });
  }
  return checks;
}

/**
 * Which XPhone server this machine is in the plan: `--role`, else read from it. In a move from
 * V5–V8 the existing server runs the version the plan starts from; a machine with no XPhone or
 * V9 is the new one. Said as the first check, with the steps that run here; a `--role` the
 * machine contradicts is a warning.
 */
async function roleCheck(
  host: Host,
  input: DoctorInput,
  add: (id: string, status: CheckStatus, message: Text, remedy?: Text) => void,
): Promise<DrivingRole> {
  const steps = input.plan.phases.flatMap((p) => p.steps).filter((s) => s.applies !== 'no');
  const moves = steps.some((s) => s.def.handOverTo);
  const from = input.plan.from;
  let read: DrivingRole | undefined;
  if (moves && from && from.major < TARGET_MAJOR) {
    const installed = await host.installedVersion().catch(() => undefined);
    const major = installed ? Number(installed.split('.')[0]) : undefined;
    read = major === from.major || (from.major === 4 && (await host.xphoneV4Installed())) ? 'old' : 'new';
  }
  const role = input.role ?? read ?? 'old';
  const here = steps.filter((s) => s.drivenOn === role).length;
  const name = await host.machineName();
  const text = (lang: 'de' | 'en') => MACHINE_ROLE_TEXT[role][lang];
  const contradicted = input.role !== undefined && read !== undefined && read !== input.role;
  add(
    'host.role',
    contradicted ? 'warn' : 'pass',
    {
      de: `Rolle von ${name} im Plan: ${text('de')}${moves ? '' : ' (der einzige)'}; ${here} von ${steps.length} Schritten laufen hier`,
      en: `Role of ${name} in the plan: ${text('en')}${moves ? '' : ' (the only one)'}; ${here} of ${steps.length} steps run here`,
    },
    {
      de: `Die installierte XPhone Version sagt: ${read ? MACHINE_ROLE_TEXT[read].de : '–'}. --role weglassen oder doctor auf dem richtigen Rechner ausführen (docs/maschinen.md).`,
      en: `The installed XPhone version says: ${read ? MACHINE_ROLE_TEXT[read].en : '–'}. Leave out --role or run doctor on the right machine (docs/machines.md).`,
    },
  );
  return role;
}

/** The new XPhone server before its setup: no XPhone yet, or V9; never an older one. */
async function newServerChecks(
  host: Host,
  add: (id: string, status: CheckStatus, message: Text, remedy?: Text) => void,
) {
  const installed = await host.installedVersion().catch(() => undefined);
  const major = installed ? Number(installed.split('.')[0]) : undefined;
  const old = major !== undefined && major < TARGET_MAJOR;
  add(
    'host.xphone-version',
    old ? 'fail' : 'pass',
    {
      de: `installiert: ${installed ?? 'noch kein XPhone'} (neuer Server: keines oder V9)`,
      en: `installed: ${installed ?? 'no XPhone yet'} (new server: none or V9)`,
    },
    {
      de: 'Auf dem neuen Server läuft ein älteres XPhone: das ist nicht der neue Rechner (der Leitfaden: keine V4/V8 und V9 nebeneinander).',
      en: 'An older XPhone runs on the new server: this is not the new machine (the guide: no older version beside V9).',
    },
  );
}
