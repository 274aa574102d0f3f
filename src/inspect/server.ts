import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type {
  Action,
  CommandRequest,
  LaidOutChart,
  PostAnswer,
  RollbackRequest,
  ServerMessage,
} from '../../visualizer/src/protocol.js';
import { type ErrorCode, XpmError } from '../errors/index.js';
import { LANGS, type Lang } from '../i18n/index.js';
import type { RunModel } from '../service/index.js';
import type { RunActions } from './actions.js';
import { chartWords, MACHINE_WORDS } from './chart-words.js';
import type { RunFollower } from './follow.js';
import type { Chart } from './graph.js';
import { layoutChart } from './layout.js';

export interface UiOptions {
  follower: RunFollower;
  model: RunModel;
  /** The machine's chart; laid out once per language a page asks for. */
  chart: Chart;
  host: string;
  port: number;
  token: string;
  /** visualizer/ (index.html, style.css) and the page's compiled scripts. */
  pageDir: string;
  scriptDir: string;
  /** The page's actions on the run, carried out in this process by the run service. */
  actions: RunActions;
}

export interface UiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const ACTIONS: readonly Action[] = ['confirm', 'retry', 'skip', 'abort'];
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
/** No inline script, nothing from elsewhere: the page works offline and cannot be made to leak. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Serves the visualizer: the page, its feed over a WebSocket, and the operator's actions, which
 * go into the inbox like the CLI's and are delivered by the run service in this process.
 */
export async function startUi(o: UiOptions): Promise<UiServer> {
  const cookieName = `xpmigrate-${o.token.slice(0, 8)}`;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  let allowedHosts = new Set<string>();
  /** The page's language: `?lang=` on the page and the feed, `X-Xpmigrate-Lang` on actions. */
  const langOf = (req: IncomingMessage): Lang => {
    const asked =
      new URL(req.url ?? '/', 'http://x').searchParams.get('lang') ?? header(req, 'x-xpmigrate-lang');
    return LANGS.find((l) => l === asked) ?? o.follower.lang;
  };
  const laidOut = new Map<Lang, Promise<LaidOutChart>>();
  /** The statechart in a page's language, its words taken from that language's view. */
  const chartFor = (l: Lang): Promise<LaidOutChart> => {
    let chart = laidOut.get(l);
    if (!chart) {
      const view = followerFor(l).view;
      chart = layoutChart(o.chart, view ? chartWords(view, l) : MACHINE_WORDS);
      laidOut.set(l, chart);
    }
    return chart;
  };
  const others = new Map<Lang, RunFollower>();
  /** One follower per language a page asked for: the view's texts come translated. */
  const followerFor = (l: Lang): RunFollower => {
    if (l === o.follower.lang) return o.follower;
    let other = others.get(l);
    if (!other) {
      other = o.follower.sibling(l);
      others.set(l, other);
    }
    return other;
  };

  const authorized = (req: IncomingMessage, allowCookie: boolean): boolean => {
    const url = new URL(req.url ?? '/', 'http://x');
    const given =
      url.searchParams.get('token') ??
      header(req, 'x-xpmigrate-token') ??
      (allowCookie ? cookie(req, cookieName) : undefined);
    return given !== undefined && same(given, o.token);
  };
  // A page from another site (or a DNS name rebound to 127.0.0.1) must not reach the run.
  const hostAllowed = (req: IncomingMessage) =>
    !LOOPBACK.has(o.host) || allowedHosts.has(req.headers.host ?? '');
  const originAllowed = (req: IncomingMessage) => {
    const origin = header(req, 'origin');
    return origin !== undefined && origin === `http://${req.headers.host}`;
  };

  const fail = (
    res: ServerResponse,
    status: number,
    code: ErrorCode,
    params: Record<string, string> = {},
    lang: Lang = o.follower.lang,
  ) => {
    const e = new XpmError(code, params);
    json(res, status, {
      ok: false,
      code,
      message: e.text(lang),
      remedy: e.remedy(lang) ?? null,
    } satisfies PostAnswer);
  };

  /** A refusal is an answer the page shows, not a failed request. */
  const command = async (cmd: CommandRequest, lang: Lang): Promise<PostAnswer> => {
    try {
      return await o.actions.command({ ...cmd, force: cmd.force === true }, lang);
    } catch (error) {
      if (!(error instanceof XpmError) || error.code !== 'E_COMMAND_REFUSED') throw error;
      return { ok: false, code: error.code, message: error.text(lang), remedy: error.remedy(lang) ?? null };
    }
  };

  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.end();
      if (error instanceof XpmError) fail(res, 400, error.code, stringParams(error.params), langOf(req));
      else fail(res, 500, 'E_INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
    });
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const lang = langOf(req);
    if (!hostAllowed(req)) return fail(res, 403, 'E_UI_ORIGIN', { origin: req.headers.host ?? '' });
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const isPost = req.method === 'POST';
    if (!authorized(req, !isPost)) return fail(res, 401, 'E_UI_TOKEN');
    if (isPost) {
      if (!originAllowed(req)) return fail(res, 403, 'E_UI_ORIGIN', { origin: header(req, 'origin') ?? '–' });
      const body = await readJson(req);
      if (url.pathname === '/api/command') return json(res, 200, await command(parseCommand(body), lang));
      if (url.pathname === '/api/rollback') return json(res, 200, await rollback(body, lang));
      if (url.pathname === '/api/resume') return json(res, 200, o.actions.deliver());
      return fail(res, 404, 'E_UI_REQUEST', { detail: url.pathname });
    }
    if (req.method !== 'GET') return fail(res, 405, 'E_UI_REQUEST', { detail: String(req.method) });
    if (url.pathname === '/' || url.pathname === '/index.html') {
      // The token also goes into a cookie: the page's own scripts and styles cannot carry it.
      res.setHeader('Set-Cookie', `${cookieName}=${o.token}; HttpOnly; SameSite=Strict; Path=/`);
      const html = readPage(join(o.pageDir, 'index.html'))
        .replace('<html lang="en">', `<html lang="${lang}">`)
        .replace('name="xpmigrate-token" content=""', `name="xpmigrate-token" content="${o.token}"`);
      return send(res, 200, TYPES['.html']!, html);
    }
    if (url.pathname === '/style.css')
      return send(res, 200, TYPES['.css']!, readPage(join(o.pageDir, 'style.css')));
    const script = /^\/page\/([a-z-]+\.js)$/.exec(url.pathname);
    if (script) return send(res, 200, TYPES['.js']!, readPage(join(o.scriptDir, script[1]!)));
    if (url.pathname === '/api/view') {
      const f = followerFor(lang);
      return json(res, 200, { view: f.view, timeline: f.timeline });
    }
    if (url.pathname === '/api/chart') return json(res, 200, await chartFor(lang));
    return fail(res, 404, 'E_UI_REQUEST', { detail: url.pathname });
  };

  const rollback = (body: unknown, lang: Lang): Promise<PostAnswer> => {
    const name = (body as Partial<RollbackRequest> | null)?.snapshot;
    if (typeof name !== 'string' || name === '')
      throw new XpmError('E_UI_REQUEST', { detail: 'snapshot: a name is required' });
    return o.actions.rollback(name, lang);
  };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/feed' || !hostAllowed(req) || !authorized(req, true) || !originAllowed(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const lang = langOf(req);
    const follower = followerFor(lang);
    wss.handleUpgrade(req, socket, head, async (ws) => {
      const sendMessage = (m: ServerMessage) => ws.send(JSON.stringify(m));
      const chart = await chartFor(lang).catch(() => null);
      if (!chart || ws.readyState !== ws.OPEN) return ws.close();
      // View, journal and subscription follow in one turn: no change falls between them.
      sendMessage({ v: 1, type: 'hello', lang, runId: o.model.row.id, chart });
      if (follower.view) sendMessage({ v: 1, type: 'view', view: follower.view });
      sendMessage({ v: 1, type: 'journal', reset: true, rows: follower.timeline });
      const unsubscribe = follower.subscribe(sendMessage);
      ws.on('close', unsubscribe);
      ws.on('error', unsubscribe);
    });
  });

  await chartFor(o.follower.lang); // the first page need not wait for the layout
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new XpmError('E_UI_LISTEN', { host: o.host, port: o.port, detail: error.code ?? error.message }),
      ),
    );
    server.listen(o.port, o.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const shown = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${shown}:${port}/?token=${o.token}`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        for (const other of others.values()) other.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A command from the page, checked field by field. */
export function parseCommand(body: unknown): CommandRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const bad = (detail: string) => new XpmError('E_UI_REQUEST', { detail });
  if (!ACTIONS.includes(b.command as Action)) throw bad(`command must be one of ${ACTIONS.join(', ')}`);
  if (typeof b.stepId !== 'string' || b.stepId === '') throw bad('stepId is required');
  const cmd: CommandRequest = { command: b.command as Action, stepId: b.stepId };
  if (b.evidence !== undefined) {
    const e = b.evidence as Record<string, unknown>;
    if (
      typeof e !== 'object' ||
      e === null ||
      Array.isArray(e) ||
      Object.values(e).some((v) => typeof v !== 'string')
    )
      throw bad('evidence must map names to texts');
    cmd.evidence = e as Record<string, string>;
  }
  if (b.reason !== undefined) {
    if (typeof b.reason !== 'string' || b.reason.length > 2000) throw bad('reason must be a text');
    cmd.reason = b.reason;
  }
  if (b.force !== undefined) cmd.force = b.force === true;
  if (cmd.command === 'skip' && !cmd.reason?.trim()) throw bad('a skip needs a reason');
  return cmd;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 65_536) {
        reject(new XpmError('E_UI_REQUEST', { detail: 'body too large' }));
        req.destroy();
      }
    });
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch {
        reject(new XpmError('E_UI_REQUEST', { detail: 'body is not JSON' }));
      }
    });
    req.on('error', reject);
  });
}

function readPage(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new XpmError('E_UI_PAGE_MISSING', { file });
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function stringParams(params: Readonly<Record<string, string | number>>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}
