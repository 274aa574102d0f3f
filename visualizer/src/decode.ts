import { PROTOCOL_VERSION, type ServerMessage } from './protocol.js';

const TYPES = new Set(['hello', 'view', 'journal', 'error']);

/** A feed message, or null for anything that is not one (another version, another kind, not JSON). */
export function decodeMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const m = message as { v?: unknown; type?: unknown };
  if (m.v !== PROTOCOL_VERSION || typeof m.type !== 'string' || !TYPES.has(m.type)) return null;
  const required: Record<string, string> = { hello: 'chart', view: 'view', journal: 'rows', error: 'code' };
  return required[m.type]! in m ? (message as ServerMessage) : null;
}
