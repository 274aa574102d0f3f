import type { Text } from '../i18n/index.js';

/**
 * Where a step happens, read from the guide (docs/maschinen.md has the table and the reasons):
 * - `old`: the existing XPhone server. The hops V5 → V8 update it in place; in plans A–C it
 *   keeps serving users until the cut-over ("Der alte Server soll bis zu einem festgelegten
 *   Umschalt-Termin weiter laufen"); in plan D and the SQL Express upgrade it is the only one.
 * - `new`: the new XPhone server of plans A–C and of V4 → V9 from point 4 on.
 * - `sql`: the SQL Server of rows 2a/2b, the restore's target or the scripts' source and target;
 *   xpmigrate reaches it over the network from the machine it runs on.
 * - `hypervisor`: the Hyper-V host or vCenter that snapshots the VM of the XPhone server (the
 *   vendor allows snapshots only while the VM is off), reached by the snapshot provider.
 * - `operator`: the operator's own action, wherever they are (a test client, a decision).
 */
export const MachineRole = {
  old: 'old',
  new: 'new',
  sql: 'sql',
  hypervisor: 'hypervisor',
  operator: 'operator',
} as const;
export type MachineRole = (typeof MachineRole)[keyof typeof MachineRole];

/** The two XPhone servers: xpmigrate runs on one of them at a time. */
export type DrivingRole = 'old' | 'new';

export const MACHINE_ROLE_TEXT: Record<MachineRole, Text> = {
  old: { de: 'bisheriger XPhone Server', en: 'existing XPhone server' },
  new: { de: 'neuer XPhone Server', en: 'new XPhone server' },
  sql: { de: 'SQL Server', en: 'SQL Server' },
  hypervisor: { de: 'Hypervisor', en: 'hypervisor' },
  operator: { de: 'Administrator', en: 'operator' },
};
