/**
 * sys.types as SQL Server has it: name → [system_type_id, user_type_id] ("sys.types
 * (Transact-SQL)"). The CLR types share system_type_id 240 and differ only in user_type_id;
 * sysname is an alias of nvarchar. TYPE_NAME takes a user_type_id ("TYPE_NAME (Transact-SQL)"):
 * TYPE_NAME(240) names no type, so it is NULL.
 */
const SYSTEM_TYPES: Record<string, [system: number, user: number]> = {
  image: [34, 34],
  text: [35, 35],
  uniqueidentifier: [36, 36],
  date: [40, 40],
  time: [41, 41],
  datetime2: [42, 42],
  datetimeoffset: [43, 43],
  tinyint: [48, 48],
  smallint: [52, 52],
  int: [56, 56],
  smalldatetime: [58, 58],
  real: [59, 59],
  money: [60, 60],
  datetime: [61, 61],
  float: [62, 62],
  sql_variant: [98, 98],
  ntext: [99, 99],
  bit: [104, 104],
  decimal: [106, 106],
  numeric: [108, 108],
  smallmoney: [122, 122],
  bigint: [127, 127],
  hierarchyid: [240, 128],
  geometry: [240, 130],
  geography: [240, 129],
  varbinary: [165, 165],
  varchar: [167, 167],
  binary: [173, 173],
  char: [175, 175],
  timestamp: [189, 189],
  nvarchar: [231, 231],
  nchar: [239, 239],
  xml: [241, 241],
  sysname: [231, 256],
};

/** A column's type ids; an alias type (CREATE TYPE … FROM) has its base's system_type_id. */
export function typeIds(type: string | { alias: string; userTypeId: number; of: string }): {
  systemTypeId: number;
  userTypeId: number;
} {
  if (typeof type !== 'string') return { systemTypeId: systemType(type.of)[0], userTypeId: type.userTypeId };
  const [systemTypeId, userTypeId] = systemType(type);
  return { systemTypeId, userTypeId };
}

function systemType(name: string): [number, number] {
  const ids = SYSTEM_TYPES[name];
  if (!ids) throw new Error(`simulator: no system type ${name}`);
  return ids;
}

/** TYPE_NAME(id): a system type's name, an alias type's (`aliases`), else NULL. */
export function typeName(id: number, aliases: Record<number, string> = {}): string | null {
  const found = Object.entries(SYSTEM_TYPES).find(([, [, user]]) => user === id);
  return found?.[0] ?? aliases[id] ?? null;
}
