import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { appendFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { codeOnly } from '../../actors/sql-script/index.js';
import { writeAtomic } from '../../host/index.js';
import { catalogAnswer } from './catalog.js';
import { track, unresolvedReference } from './created.js';
import {
  type Login7,
  ntlmChallenge,
  ntlmResponseValid,
  parseLogin7,
  parseNtlmAuthenticate,
  preloginReply,
} from './login.js';
import {
  type AppliedBatch,
  findKey,
  keepMark,
  majorOf,
  type SqlFault,
  type SqlModel,
  type SqlScripts,
  scriptsOf,
  xphoneDatabase,
} from './model.js';
import { loadModel } from './model-file.js';
import { type ClientRequest, parseBatch, parseRpc } from './requests.js';
import { reservedAlias } from './reserved.js';
import {
  mayCreateDatabase,
  mayCreateObjects,
  type Result,
  recognise,
  type Session,
  SqlFailure,
} from './statements.js';
import { syntaxError } from './syntax.js';
import {
  DONE,
  done,
  doneInProc,
  doneProc,
  envChangeCollation,
  envChangeDatabase,
  envChangeLanguage,
  envChangePacketSize,
  envChangeTransaction,
  loginAck,
  type Message,
  MessageReader,
  message,
  PACKET,
  PACKET_SIZE,
  packets,
  resultSet,
  returnStatus,
  type ServerMessage,
  sspi,
} from './tds.js';

/** A statement as the simulator received it (tests check quoting and parameters). */
export interface Received {
  sql: string;
  params: Record<string, string | number | null>;
  declarations?: string;
  login: string;
}

/**
 * Where every received statement is also appended as a JSON line, with the server's name and
 * version (tests only: npm run test:real-tools has Microsoft's T-SQL parser judge them).
 */
const RECEIVED_LOG = 'XPMIGRATE_SIM_RECEIVED';

/** Thrown inside a statement when its connection was dropped on purpose and it must stop. */
class Dropped extends Error {}

/**
 * A SQL Server that the real `mssql`/`tedious` driver talks to over TDS 7.4 on 127.0.0.1. Its
 * model lives in a JSON file, re-read for every connection and statement, so another process (a
 * test, the next CLI run) sees and changes the same server. Unknown statements are refused.
 */
export class SqlServerSimulator {
  readonly received: Received[] = [];
  private server: Server | undefined;
  private sockets = new Set<Socket>();

  /** The server's name (fixed for its life): messages carry it. */
  readonly name: string;

  constructor(
    readonly modelFile: string,
    initial?: SqlModel,
  ) {
    const saved = loadModel(modelFile);
    if (!saved) {
      if (!initial) throw new Error(`no simulated SQL Server model at ${modelFile}`);
      this.write(initial);
    }
    this.name = (saved ?? initial)!.name;
  }

  get model(): SqlModel {
    return loadModel(this.modelFile)!;
  }

  /** Changes the model (a test adding a fault, a login, a database). */
  update(change: (m: SqlModel) => void): void {
    const model = this.model;
    change(model);
    this.write(model);
  }

  private write(model: SqlModel): void {
    writeAtomic(this.modelFile, `${JSON.stringify(model, null, 2)}\n`, { makeFolder: true });
  }

  async start(port = 0, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, resolve);
    });
    return this.port;
  }

  get port(): number {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('simulator not started');
    return address.port;
  }

  /** Lets the process exit while the simulator still listens (the CLI's rehearsal). */
  unref(): void {
    this.server?.unref();
    for (const s of this.sockets) s.unref();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Takes one use of the first fault of a kind that matches; persists the countdown. */
  private takeFault<K extends SqlFault['kind']>(
    model: SqlModel,
    kind: K,
    sql?: string,
  ): Extract<SqlFault, { kind: K }> | undefined {
    const index = model.faults.findIndex(
      (f) =>
        f.kind === kind && (!('match' in f) || (sql !== undefined && new RegExp(f.match, 'i').test(sql))),
    );
    if (index < 0) return undefined;
    const fault = model.faults[index]!;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) model.faults.splice(index, 1);
      this.write(model);
    }
    return fault as Extract<SqlFault, { kind: K }>;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reader = new MessageReader();
    const packetId = { n: 1 };
    let session: Session | undefined;
    let pendingLogin: { login: Login7; nonce: Buffer } | undefined;
    let attention: (() => void) | undefined;
    let queue = Promise.resolve();
    const send = (payload: Buffer, last = true) => {
      if (!socket.destroyed) socket.write(packets(payload, last, packetId));
    };

    socket.on('data', (chunk) => {
      let messages: Message[];
      try {
        messages = reader.push(chunk);
      } catch {
        socket.destroy(); // not TDS (e.g. a TLS ClientHello we did not offer)
        return;
      }
      for (const m of messages) {
        if (m.type === PACKET.attention) {
          attention?.();
          continue;
        }
        // Requests on one connection are answered in order.
        queue = queue.then(async () => {
          if (socket.destroyed) return;
          if (m.type === PACKET.prelogin) {
            const model = this.model;
            const tls = this.takeFault(model, 'tls-required');
            send(preloginReply(model.version, tls ? 'required' : 'off'));
          } else if (m.type === PACKET.login7) {
            const login = parseLogin7(m.payload);
            if (login.integrated) {
              const { message: challenge, nonce } = ntlmChallenge(domainOf(this.name));
              pendingLogin = { login, nonce };
              send(sspi(challenge));
            } else session = this.finishLogin(send, login, login.user, login.password);
          } else if (m.type === PACKET.ntlm && pendingLogin) {
            const auth = parseNtlmAuthenticate(m.payload);
            const name = `${auth.domain}\\${auth.user}`;
            const { logins } = this.model;
            const known = logins[findKey(logins, name) ?? ''];
            const valid =
              known?.windows === true && ntlmResponseValid(auth, known.password ?? '', pendingLogin.nonce);
            session = this.finishLogin(send, pendingLogin.login, name, valid ? undefined : false);
            pendingLogin = undefined;
          } else if (m.type === PACKET.transaction && session) {
            send(this.transaction(m.payload, session));
          } else if ((m.type === PACKET.batch || m.type === PACKET.rpc) && session) {
            const cancelled = new Promise<void>((resolve) => {
              attention = resolve;
            });
            await this.request(m, session, socket, send, cancelled);
            attention = undefined;
          } else socket.destroy();
        });
      }
    });
  }

  /** `password`: the SQL login's password to check, undefined = already verified, false = wrong. */
  private finishLogin(
    send: (b: Buffer) => void,
    asked: Login7,
    user: string,
    password: string | undefined | false,
  ): Session | undefined {
    const model = this.model;
    const database = asked.database;
    // LOGIN7's language, else the server's default language ("default language" option).
    const language = asked.language || model.defaultLanguage || 'us_english';
    const login = model.logins[findKey(model.logins, user) ?? ''];
    const failed =
      this.takeFault(model, 'login-failed') !== undefined ||
      !login ||
      password === false ||
      (password !== undefined && (login.windows || login.password !== password));
    const db = database || 'master';
    const missingDb =
      !failed &&
      !['master', 'msdb', 'tempdb', 'model'].includes(db.toLowerCase()) &&
      !findKey(model.databases, db);
    if (failed || missingDb) {
      const errors: ServerMessage[] = [];
      if (missingDb)
        errors.push({
          number: 4060,
          class: 11,
          server: model.name,
          message: `Cannot open database "${db}" requested by the login. The login failed.`,
        });
      errors.push({
        number: 18456,
        class: 14,
        server: model.name,
        message: `Login failed for user '${user}'.`,
      });
      send(Buffer.concat([...errors.map(message), done(DONE.error)]));
      return undefined;
    }
    send(
      Buffer.concat([
        envChangeDatabase(db),
        message({
          number: 5701,
          class: 0,
          server: model.name,
          message: `Changed database context to '${db}'.`,
        }),
        // As a real server answers a login (database, collation, language, then LOGINACK).
        envChangeCollation(),
        envChangeLanguage(language),
        message({
          number: 5703,
          class: 0,
          server: model.name,
          message:
            language.toLowerCase() === 'deutsch'
              ? 'Die Spracheneinstellung wurde auf Deutsch geändert.'
              : `Changed language setting to ${language}.`,
        }),
        loginAck(model.version),
        envChangePacketSize(PACKET_SIZE),
        done(DONE.final),
      ]),
    );
    return { login: findKey(model.logins, user)!, database: db, language };
  }

  /**
   * Transaction manager requests (mssql's Transaction): begin, commit, rollback. What a
   * transaction did becomes part of the model only at commit; a connection that dies first
   * loses it, as SQL Server rolls back a dead session's transaction.
   */
  private transaction(payload: Buffer, session: Session): Buffer {
    const type = payload.readUInt16LE(payload.readUInt32LE(0));
    const descriptor = TRANSACTION_DESCRIPTOR;
    if (type === 5) {
      session.tx = { batches: [], marks: [] };
      return Buffer.concat([envChangeTransaction(8, descriptor), done(DONE.final)]);
    }
    const tx = session.tx;
    session.tx = undefined;
    if (type === 7 && tx) {
      const model = this.model;
      const scripts = scriptsOf(model);
      for (const batch of tx.batches) applied(scripts, batch);
      for (const mark of tx.marks) keepMark(scripts, mark);
      this.write(model);
    }
    return Buffer.concat([envChangeTransaction(type === 7 ? 9 : 10, descriptor), done(DONE.final)]);
  }

  /** A script batch (import-db): recorded as applied, or held by the open transaction. */
  private scriptBatch(model: SqlModel, session: Session, sql: string): ServerMessage[] {
    const scripts = scriptsOf(model);
    const rejected = scripts.reject.findIndex((r) => new RegExp(r.match, 'i').test(sql));
    if (rejected >= 0) {
      const r = scripts.reject[rejected]!;
      if (r.times !== undefined && --r.times <= 0) scripts.reject.splice(rejected, 1);
      const ran = { sql, database: session.database, failed: r.number };
      if (r.aborts === 'transaction' && session.tx) session.tx = undefined;
      else if (session.tx) session.tx.batches.push(ran);
      else applied(scripts, ran);
      this.write(model);
      return [{ number: r.number, class: 16, message: r.message, server: this.name, line: r.line }];
    }
    const bad = syntaxError(sql);
    if (bad) return [{ ...bad, class: 15, server: this.name }];
    const created = /\bCREATE\s+DATABASE\s+\[((?:[^\]]|\]\])+)\]/i.exec(sql)?.[1]?.replace(/\]\]/g, ']');
    const refused = session.tx ? notInTransaction(sql) : undefined;
    if (refused) return [{ ...refused, class: 16, server: this.name, line: 1 }];
    // SET QUOTED_IDENTIFIER applies from where it stands in the batch on, and stays for the session.
    const quoted = sessionQuotedIdentifier(sql, session.quotedIdentifier ?? true);
    if (!quoted.beforeFiltered)
      return [
        {
          number: 1934,
          class: 16,
          message:
            "CREATE INDEX failed because the following SET options have incorrect settings: 'QUOTED_IDENTIFIER'. Verify that SET options are correct for use with indexed views and/or indexes on computed columns and/or filtered indexes and/or query notifications and/or XML data type methods and/or spatial index operations.",
          server: this.name,
          line: 1,
        },
      ];
    session.quotedIdentifier = quoted.after;
    const level = /\bSET\s+COMPATIBILITY_LEVEL\s*=\s*(\d+)/i.exec(sql)?.[1];
    if (level !== undefined && !compatibilityLevels(model.version).includes(Number(level)))
      return [
        {
          number: 15048,
          class: 16,
          message: `Valid values of the database compatibility level are ${compatibilityLevels(model.version).join(', ')}.`,
          server: this.name,
          line: 1,
        },
      ];
    const denied = permissionDenied(model, session, sql, created);
    if (denied) return [{ ...denied, class: 14, server: this.name, line: 1 }];
    const missing = unresolvedReference(scripts, { sql, database: session.database });
    if (missing) return [{ ...missing, class: 16, server: this.name, line: 1 }];
    if (created && !findKey(model.databases, created)) {
      // The files must go to a folder this server has: its data and log folders here.
      const folders = [model.dataPath, model.logPath, ...(model.folders ?? [])].map((f) => f.toLowerCase());
      for (const m of sql.matchAll(/FILENAME\s*=\s*N?'((?:[^']|'')*)'/gi)) {
        const path = m[1]!.replace(/''/g, "'");
        if (folders.includes(path.slice(0, path.lastIndexOf('\\') + 1).toLowerCase())) continue;
        return [
          {
            number: 5133,
            class: 16,
            message: `Directory lookup for the file "${path}" failed with the operating system error 3(The system cannot find the path specified.).`,
            server: this.name,
            line: 1,
          },
          {
            number: 1802,
            class: 16,
            message:
              'CREATE DATABASE failed. Some file names listed could not be created. Check related errors.',
            server: this.name,
            line: 1,
          },
        ];
      }
      // "The primary file must be at least … MB to accommodate a copy of the model database."
      const modelMb = model.modelSizeMb ?? (majorOf(model.version) >= 13 ? 8 : 3);
      // The first SIZE is the primary file's (ON PRIMARY comes first); the log has its own minimum.
      const primary = /\bSIZE\s*=\s*(\d+)\s*(KB|MB|GB)?/i.exec(sql);
      const unit = { KB: 1, MB: 1024, GB: 1024 * 1024 }[(primary?.[2] ?? 'MB').toUpperCase()] ?? 1024;
      if (primary && Number(primary[1]) * unit < modelMb * 1024)
        return [
          {
            number: 1803,
            class: 16,
            message: `The CREATE DATABASE statement failed. The primary file must be at least ${modelMb} MB to accommodate a copy of the model database.`,
            server: this.name,
            line: 1,
          },
        ];
      model.databases[created] = xphoneDatabase(model, created, 16, session.login);
    }
    // USE changes the session's database at once, inside a transaction or not.
    for (const m of sql.matchAll(/^\s*USE\s+(?:\[((?:[^\]]|\]\])+)\]|(\w+))\s*;?\s*$/gim))
      session.database = m[1]?.replace(/\]\]/g, ']') ?? m[2]!;
    const batch = { sql, database: session.database };
    if (session.tx) session.tx.batches.push(batch);
    else {
      applied(scripts, batch);
      this.write(model);
    }
    return [];
  }

  private async request(
    m: Message,
    session: Session,
    socket: Socket,
    send: (b: Buffer, last?: boolean) => void,
    cancelled: Promise<void>,
  ): Promise<void> {
    const rpc = m.type === PACKET.rpc;
    let request: ClientRequest;
    try {
      request = rpc ? parseRpc(m.payload) : parseBatch(m.payload);
    } catch (error) {
      send(this.reply(rpc, { messages: [] }, [this.error(50000, `simulator: ${(error as Error).message}`)]));
      return;
    }
    const received: Received = { ...request, login: session.login };
    this.received.push(received);

    // One read of the model per request: faults, the statement and its save share it.
    const model = this.model;
    const log = process.env[RECEIVED_LOG];
    if (log)
      appendFileSync(log, `${JSON.stringify({ server: this.name, version: model.version, ...received })}\n`);
    // Catalog views a server of this version does not have (sys.sequences came with 2012: 208).
    const missing = viewNotYet(model.version, request.sql);
    if (missing) {
      send(this.reply(rpc, { messages: [] }, [this.error(208, `Invalid object name '${missing}'.`)]));
      return;
    }
    const keyword = reservedAlias(request.sql);
    if (keyword) {
      send(
        this.reply(rpc, { messages: [] }, [
          this.error(156, `Incorrect syntax near the keyword '${keyword.toLowerCase()}'.`),
        ]),
      );
      return;
    }
    const delay = this.takeFault(model, 'delay', request.sql);
    if (delay) {
      const timedOut = await Promise.race([
        new Promise<false>((r) => setTimeout(() => r(false), delay.ms)),
        cancelled.then(() => true as const),
      ]);
      if (timedOut) {
        send(done(DONE.attention));
        return;
      }
    }

    let catalog: Result | undefined;
    try {
      catalog = catalogAnswer(model, session, request.sql);
    } catch (error) {
      send(this.reply(rpc, { messages: [] }, [this.error(50000, (error as Error).message)]));
      return;
    }
    if (catalog) {
      send(this.reply(rpc, catalog, []));
      return;
    }
    const found = recognise(request.sql);
    if (!found && !rpc && model.scripts) {
      const open = session.tx !== undefined;
      const errors = this.scriptBatch(model, session, request.sql);
      // An error that ended the transaction (XACT_ABORT ON) says so: ENVCHANGE ROLLBACK_TXN,
      // which tedious reports as 'rollbackTransaction' and mssql as an aborted transaction.
      const ended = open && !session.tx ? envChangeTransaction(10, TRANSACTION_DESCRIPTOR) : Buffer.alloc(0);
      send(Buffer.concat([ended, this.reply(false, { messages: [] }, errors)]));
      return;
    }
    if (!found) {
      send(
        this.reply(rpc, { messages: [] }, [
          this.error(50000, `simulator: statement not recognised: ${request.sql.slice(0, 300)}`),
        ]),
      );
      return;
    }
    const drop = this.takeFault(model, 'drop', request.sql);
    let dropped = false;
    try {
      const result = await found.statement.run({
        model,
        session,
        params: request.params,
        ids: found.ids,
        flags: found.flags,
        progress: async (percent, messages) => {
          if (drop && !dropped && percent >= drop.percent) {
            dropped = true;
            socket.destroy();
          }
          if (dropped) {
            if (drop?.complete) return; // the server goes on without its client
            throw new Dropped();
          }
          send(Buffer.concat(messages.map(message)), false);
          await new Promise((r) => setTimeout(r, model.progressDelayMs));
        },
        save: (kind) => {
          if (kind) model.counts[kind] = (model.counts[kind] ?? 0) + 1;
          this.write(model);
        },
      });
      const broken = this.takeFault(model, 'bad-reply', request.sql) !== undefined;
      if (!dropped)
        send(
          broken
            ? Buffer.concat([Buffer.from([0x00]), this.reply(rpc, result, [])])
            : this.reply(rpc, result, []),
        );
    } catch (error) {
      if (error instanceof Dropped || dropped) return;
      const messages =
        error instanceof SqlFailure
          ? error.messages
          : [this.error(50000, `simulator: ${(error as Error).message}`)];
      send(this.reply(rpc, { messages: [] }, messages));
    }
  }

  private error(number: number, text: string): ServerMessage {
    return { number, class: 16, message: text, server: this.name };
  }

  /** Frames a result: messages, rows, then DONE (batch) or DONEINPROC/RETURNSTATUS/DONEPROC (RPC). */
  private reply(rpc: boolean, result: Result, errors: ServerMessage[]): Buffer {
    const parts: Buffer[] = [...result.messages, ...errors].map(message);
    const failed = errors.length > 0;
    if (result.rows) {
      parts.push(resultSet(result.rows.columns, result.rows.rows));
      parts.push(
        rpc ? doneInProc(DONE.count, result.rows.rows.length) : done(DONE.count, result.rows.rows.length),
      );
    }
    if (rpc) parts.push(returnStatus(failed ? 1 : 0), doneProc(failed ? DONE.error : DONE.final));
    else if (!result.rows || failed) parts.push(done(failed ? DONE.error : DONE.final));
    return Buffer.concat(parts);
  }
}

const domainOf = (name: string) => name.split('\\')[0]!.toUpperCase();

/** SQL Server Browser (UDP): answers CLNT_BCAST_EX with the instances and their TCP ports. */
export async function startBrowser(
  instances: Array<{ server: string; instance: string; port: number; version: string }>,
  port = 1434,
  host = '127.0.0.1',
): Promise<UdpSocket> {
  const socket = createSocket('udp4');
  socket.on('message', (request, from) => {
    if (request[0] !== 0x02 && request[0] !== 0x03) return;
    const text = instances
      .map(
        (i) =>
          `ServerName;${i.server};InstanceName;${i.instance};IsClustered;No;Version;${i.version};tcp;${i.port};;`,
      )
      .join('');
    const body = Buffer.from(text, 'ascii');
    const header = Buffer.from([0x05, body.length & 0xff, body.length >> 8]);
    socket.send(Buffer.concat([header, body]), from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => resolve());
  });
  return socket;
}

/** A batch reaches the server's data: recorded, and what it built is known to a census. */
/**
 * QUOTED_IDENTIFIER through a batch: whether it is ON where a filtered index is created (true
 * when the batch creates none), and what the session has afterwards.
 */
function sessionQuotedIdentifier(sql: string, before: boolean): { beforeFiltered: boolean; after: boolean } {
  const code = codeOnly(sql);
  let on = before;
  let beforeFiltered = true;
  const events = [
    ...[...code.matchAll(/\bQUOTED_IDENTIFIER\s+(ON|OFF)\b/gi)].map((m) => ({
      at: m.index,
      set: m[1]!.toUpperCase() === 'ON',
    })),
    ...[...code.matchAll(/\bCREATE\s+(?:UNIQUE\s+)?(?:NON)?CLUSTERED\s+INDEX\b[^;]*\bWHERE\b/gi)].map(
      (m) => ({ at: m.index, set: undefined }),
    ),
  ].sort((a, b) => a.at - b.at);
  for (const e of events) {
    if (e.set === undefined) beforeFiltered &&= on;
    else on = e.set;
  }
  return { beforeFiltered, after: on };
}

/** The compatibility levels a version accepts: 100 up to its own ("ALTER DATABASE Compatibility Level"). */
function compatibilityLevels(version: string): number[] {
  const own = majorOf(version) * 10;
  const levels: number[] = [];
  for (let level = 100; level <= own; level += 10) levels.push(level);
  return levels;
}

/**
 * What SQL Server refuses inside a user transaction, by its number: CREATE/ALTER/DROP DATABASE
 * (226), BACKUP and RESTORE (3021), RECONFIGURE and full-text catalog DDL (574) ("Transact-SQL
 * statements allowed in transactions", Microsoft Learn). Only code counts, not strings.
 */
function notInTransaction(sql: string): { number: number; message: string } | undefined {
  const code = codeOnly(sql);
  const database = /\b(CREATE|ALTER|DROP)\s+DATABASE\b/i.exec(code);
  if (database)
    return {
      number: 226,
      message: `${database[1]!.toUpperCase()} DATABASE statement not allowed within multi-statement transaction.`,
    };
  if (/\b(?:BACKUP|RESTORE)\s+(?:DATABASE|LOG)\b/i.test(code))
    return { number: 3021, message: 'Cannot perform a backup or restore operation within a transaction.' };
  const other = /\b(RECONFIGURE|(?:CREATE|ALTER|DROP)\s+FULLTEXT\s+CATALOG)\b/i.exec(code);
  if (other)
    return {
      number: 574,
      message: `${other[1]!.toUpperCase().replace(/\s+/g, ' ')} statement cannot be used inside a user transaction.`,
    };
  return undefined;
}

/**
 * Per-login rights on a script batch: CREATE DATABASE needs sysadmin or dbcreator; creating
 * objects in a database needs its owner, db_owner or db_ddladmin (or sysadmin): 262 otherwise.
 */
function permissionDenied(
  model: SqlModel,
  session: Session,
  sql: string,
  created: string | undefined,
): { number: number; message: string } | undefined {
  if (created && !findKey(model.databases, created) && !mayCreateDatabase(model, session.login))
    return { number: 262, message: "CREATE DATABASE permission denied in database 'master'." };
  const ddl = /\b(CREATE|ALTER)\s+(TABLE|VIEW|PROC(?:EDURE)?|FUNCTION|TRIGGER|SCHEMA)\b/i.exec(codeOnly(sql));
  if (ddl && !created && !mayCreateObjects(model, session.login, session.database))
    return {
      number: 262,
      message: `${ddl[1]!.toUpperCase()} ${ddl[2]!.toUpperCase()} permission denied in database '${session.database}'.`,
    };
  return undefined;
}

/** The one transaction a session can have here, as ENVCHANGE names it. */
const TRANSACTION_DESCRIPTOR = Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]);

function applied(scripts: SqlScripts, batch: AppliedBatch): void {
  scripts.applied.push(batch);
  track(scripts, batch);
}

/** The catalog views by the SQL Server major that brought them ("sys.sequences (Transact-SQL)": 2012). */
const VIEWS_SINCE: ReadonlyArray<[view: string, major: number]> = [['sys.sequences', 11]];

function viewNotYet(version: string, sql: string): string | undefined {
  const major = Number(version.split('.')[0]);
  return VIEWS_SINCE.find(([view, since]) => major < since && sql.toLowerCase().includes(view))?.[0];
}
