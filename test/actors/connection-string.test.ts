import { describe, expect, it } from 'vitest';
import {
  ConnectionStringError,
  formatConnectionString,
  get,
  instanceNameProblem,
  parseConnectionString,
  parseServer,
  set,
  usesIntegratedSecurity,
} from '../../src/actors/sql-server/index.js';

describe('ADO.NET connection strings', () => {
  it('keys are case-insensitive with synonyms; the last one wins', () => {
    const cs = parseConnectionString('SERVER=a;Address=b;initial catalog=X;Trusted_Connection=Yes');
    expect(get(cs, 'server')).toBe('b');
    expect(get(cs, 'database')).toBe('X');
    expect(usesIntegratedSecurity(cs)).toBe(true);
    expect(usesIntegratedSecurity(parseConnectionString('Integrated Security=false'))).toBe(false);
  });

  it('quoted values with doubled quotes, "==" in a key, empty pairs', () => {
    const cs = parseConnectionString(`Password="a;""b";Application Name='it''s';odd==key=v;;Data Source=s`);
    expect(get(cs, 'password')).toBe('a;"b');
    expect(get(cs, 'applicationName')).toBe("it's");
    expect(get(cs, 'odd=key')).toBe('v');
    expect(get(cs, 'server')).toBe('s');
  });

  it('an edit changes one value and keeps every other byte', () => {
    const text = ' Data Source = (local)\\XPCONNECT ;Initial Catalog=XPDATA;';
    const cs = set(parseConnectionString(text), 'server', 'SQL01;x', 'Data Source');
    expect(formatConnectionString(cs)).toBe(' Data Source = "SQL01;x" ;Initial Catalog=XPDATA;');
    expect(formatConnectionString(set(cs, 'integratedSecurity', 'SSPI', 'Integrated Security'))).toBe(
      ' Data Source = "SQL01;x" ;Initial Catalog=XPDATA;Integrated Security=SSPI;',
    );
  });

  it('errors say where', () => {
    expect(() => parseConnectionString('Data Source="open')).toThrow(ConnectionStringError);
    expect(() => parseConnectionString('Data Source=a;novalue')).toThrow(/"novalue" has no "="/);
    expect(() => parseConnectionString('Password="x"y')).toThrow(/after the quoted value/);
  });

  it('server addresses: (local), ".", host\\instance, host,port, tcp:', () => {
    expect(parseServer('(local)\\XPCONNECT')).toMatchObject({
      host: '(local)',
      instance: 'XPCONNECT',
      local: true,
    });
    expect(parseServer('.')).toMatchObject({ host: '.', local: true });
    expect(parseServer('tcp:sql01.corp.local,1433')).toMatchObject({
      protocol: 'tcp',
      host: 'sql01.corp.local',
      port: 1433,
      local: false,
    });
    expect(parseServer('SQL01\\XPHONE,49200')).toMatchObject({
      host: 'SQL01',
      instance: 'XPHONE',
      port: 49200,
    });
    expect(() => parseServer('SQL01,http')).toThrow(ConnectionStringError);
  });

  it('instance names follow SQL Server rules', () => {
    expect(instanceNameProblem('XPCONNECT2019')).toBeUndefined();
    expect(instanceNameProblem('_a$#1')).toBeUndefined();
    expect(instanceNameProblem('2019XP')).toBeDefined();
    expect(instanceNameProblem('XP CONNECT')).toBeDefined();
    expect(instanceNameProblem('A'.repeat(17))).toBeDefined();
    expect(instanceNameProblem('MSSQLSERVER')).toBeDefined();
  });
});
