import { createWebSocketInspector } from '@statelyai/inspect';
import type { Store } from '../persistence/index.js';
import type { RunFollower } from './follow.js';
import { redact } from './redact.js';
import type { RunModel } from './view.js';

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
  const checkpoint = (store: Store) => {
    const c = store.lastCheckpoint(model.row.id);
    if (!c) return undefined;
    const persisted = JSON.parse(c.snapshot) as {
      value: unknown;
      context: unknown;
      status: 'active' | 'done';
    };
    return {
      seq: c.seq,
      event: c.event,
      snapshot: { value: persisted.value, context: persisted.context, status: persisted.status },
    };
  };
  const first = checkpoint(follower.openStore);
  inspector.actor(actorId, first?.snapshot);
  let seq = first?.seq ?? -1;
  const unsubscribe = follower.subscribe((message) => {
    if (message.type !== 'view' || message.view.seq === seq) return;
    const c = checkpoint(follower.openStore);
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
