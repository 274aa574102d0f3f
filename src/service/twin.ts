import { serverAddress } from '../actors/sql-server/index.js';
import { parseVersion } from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import { type Forecast, forecastRun } from '../forecast/index.js';
import { runStepsOf } from '../machines/index.js';
import type { Plan, PlanInput } from '../plan/index.js';
import { EXPRESS_DATA_LIMIT_MB, type SimSeed, simulatedServerName } from '../simulation/index.js';
import type { Twin, TwinFacts } from '../twin/index.js';

/**
 * A twin's server as the rehearsal names it: the customer's own instance (`(local)\XPCONNECT`,
 * `XPSRV01\XPCONNECT` on XPSRV01) becomes the old server's in the simulation; an external SQL
 * Server keeps its name.
 */
function rehearsalServerName(server: string, machine: string): string {
  const a = serverAddress(server);
  const own = !a.local && a.host.toUpperCase() === machine.toUpperCase();
  return simulatedServerName(own ? `(local)${a.instance ? `\\${a.instance}` : ''}` : server);
}

/** What the simulated server starts from, instead of its sample, when a rehearsal has a twin. */
export function seedFromTwin(twin: Twin): SimSeed {
  const f = twin.facts;
  return {
    ...(f.machine.os ? { os: f.machine.os } : {}),
    ...(f.machine.hardware ? { hardware: f.machine.hardware } : {}),
    ...(f.services.length > 0 ? { services: f.services } : {}),
    ...(f.appPools.length > 0
      ? { appPools: Object.fromEntries(f.appPools.map((p) => [p.name, p.identity])) }
      : {}),
    ...(f.volumes.length > 0 ? { volumes: f.volumes } : {}),
    sqlServers: Object.fromEntries(
      f.sql.map((s) => [
        rehearsalServerName(s.server, f.machine.name),
        {
          version: s.version,
          edition: s.edition,
          engineEdition: s.engineEdition,
          language: s.language,
          freeMb: s.freeMb,
          databases: s.databases.map((d) => ({ name: d.name, dataMb: d.dataMb, logMb: d.logMb })),
          backups: s.backups,
        },
      ]),
    ),
  };
}

/**
 * The plan's answers the twin knows: the installed version (a different `--from` is refused),
 * a VM, the one account the XPhone services run as. What the operator said wins otherwise.
 */
export function planInputWithTwin(input: PlanInput, twin: Twin): PlanInput {
  const version = twin.facts.xphone.version;
  const known = parseVersion(version);
  if (input.from !== undefined && known.ok) {
    const given = parseVersion(input.from);
    if (given.ok && given.version.major !== known.version.major)
      throw new XpmError('E_TWIN_FROM', { twin: version, from: input.from });
  }
  const accounts = [...new Set(twin.facts.services.map((s) => s.account).filter(Boolean))];
  const account =
    accounts.length === 1 && !/^(LocalSystem|NT AUTHORITY\\)/i.test(accounts[0]!) ? accounts[0] : undefined;
  return {
    ...(version ? { from: version } : {}),
    ...(twin.facts.machine.virtual ? { virtual: true } : {}),
    ...(account ? { serviceAccount: account } : {}),
    ...input,
  };
}

/** The run's forecast from the twin's facts (none: typical durations, sizes unknown). */
export function forecastFor(
  plan: Plan,
  twin: Twin | undefined,
  estimates: Record<string, number> = {},
): Forecast {
  const steps = runStepsOf(plan);
  // An estimate for a step the plan does not have is a typo, not a figure to drop in silence.
  const unknown = Object.keys(estimates).filter((id) => !steps.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new XpmError('E_INPUT_CHOICE', {
      flag: '--estimate',
      value: unknown.join(', '),
      allowed: steps.map((s) => s.id).join(', '),
    });
  return forecastRun(steps, twin?.facts, estimates);
}

/** A database the plan's SQL Express cannot hold (10 GB of data): known before the night. */
export function expressOverflow(plan: Plan, facts: TwinFacts): Array<{ database: string; dataMb: number }> {
  const express = plan.target?.plan === 'A' || plan.job === 'sql-express';
  if (!express) return [];
  return facts.sql
    .flatMap((s) => s.databases)
    .filter((d) => (d.dataMb ?? 0) > EXPRESS_DATA_LIMIT_MB)
    .map((d) => ({ database: d.name, dataMb: d.dataMb! }));
}
