import type { ServerResponse } from 'node:http';
import type { MessageStore } from '../store/types.js';

/**
 * The `GET /_emulator/api/events` stream: `event: message` / `event: status` with the message JSON,
 * `event: delete` with `{ ids }`, `event: clear`, and a comment line every `keepAliveMs` so proxies and browsers keep it open.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly store: MessageStore,
    private readonly keepAliveMs: number,
  ) {}

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const unsubscribe = this.store.subscribe((event) => {
      const data =
        event.type === 'clear'
          ? '{}'
          : event.type === 'delete'
            ? JSON.stringify({ ids: event.ids })
            : JSON.stringify(event.message);
      res.write(`event: ${event.type}\ndata: ${data}\n\n`);
    });
    const timer = setInterval(() => res.write(': keep-alive\n\n'), this.keepAliveMs);
    timer.unref();
    this.open.add(res);
    res.on('close', () => {
      clearInterval(timer);
      unsubscribe();
      this.open.delete(res);
    });
  }

  /** Ends every stream (on emulator close, so the server can shut down). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
