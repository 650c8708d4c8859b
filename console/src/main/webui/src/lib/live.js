// The inbox's live events: server-sent events read with fetch (EventSource cannot send the bearer token), resumed
// after a cut with Last-Event-ID so nothing that happened meanwhile is missed.
import { accessToken } from './api.js';

/**
 * Follows /api/inbox/events until stop() is called. onEvent gets {id, type, data}; onState gets 'live' or
 * 'reconnecting'. A 'reload' event means the gap was too old to replay: the caller reloads what it shows.
 */
export function follow(onEvent, onState) {
  let lastId = null;
  let stopped = false;
  let controller = null;
  let delay = 500;

  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const token = await accessToken();
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
        if (lastId) headers['Last-Event-ID'] = lastId;
        const response = await fetch('/api/inbox/events', { headers, signal: controller.signal, cache: 'no-store' });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onState('live');
        delay = 500;
        await read(response.body.getReader());
      } catch (e) {
        if (stopped) return;
      }
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = { id: null, type: 'message', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue; // heartbeat
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') event.id = text;
          else if (field === 'event') event.type = text;
          else if (field === 'data') event.data += (event.data ? '\n' : '') + text;
        }
        if (event.id) lastId = event.id;
        if (!event.data && event.type === 'message') continue;
        let data = null;
        try {
          data = event.data ? JSON.parse(event.data) : null;
        } catch {
          data = null;
        }
        onEvent({ id: event.id, type: event.type, data });
      }
    }
  }

  connect();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
