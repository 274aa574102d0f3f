import { createWebSocketInspector } from '@statelyai/inspect';
import { type RunModel, redact } from '../service/index.js';
import type { RunFollower } from './follow.js';

/**
 * `xpmigrate ui --inspect URL`: also streams the run to a WebSocket inspector (the Stately
 * inspector's protocol, through @statelyai/inspect). The run is registered once with its machine
 * definition; every new checkpoint becomes an event and a snapshot.
 */
export function streamToInspector(url: string, follower: RunFollower, model: RunModel): () => void {
  const inspector = createWebSocketInspector({
    url,
    sanitizeContext: (context) => redact(context) as typeof context,
    sanitizeEvent: (event) => redact(event) as typeof event,
  });
  // The inspector reads the definition from an actor's logic, so the run is described as one.
  const actor = {
    sessionId: `xpmigrate:${model.row.id}`,
    id: 'xpmigrate',
    logic: { config: model.machine.config },
  };
  const actorId = actor as unknown as Parameters<typeof inspector.actor>[0];
  const checkpoint = () => {
    const c = follower.reader.lastCheckpoint(model.row.id);
    if (!c) return undefined;
    const persisted = c.persisted as typeof c.persisted & { status: 'active' | 'done' };
    return {
      seq: c.seq,
      event: c.event,
      snapshot: { value: persisted.value, context: persisted.context, status: persisted.status },
    };
  };
  const first = checkpoint();
  inspector.actor(actorId, first?.snapshot);
  let seq = first?.seq ?? -1;
  const unsubscribe = follower.subscribe((message) => {
    if (message.type !== 'view' || message.view.seq === seq) return;
    const c = checkpoint();
    if (!c) return;
    seq = c.seq;
    const event = { type: c.event };
    inspector.event(actorId, event);
    inspector.snapshot(actorId, c.snapshot, { event });
  });
  return () => {
    unsubscribe();
    inspector.stop();
  };
}
