import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CreateEmulatorOptions, createEmulator, type Emulator } from './emulator.js';

/** Options of {@link startEmulator}: where to listen, plus everything {@link createEmulator} takes. */
export interface StartEmulatorOptions extends CreateEmulatorOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
}

/** What {@link startEmulator} returns: the URL to point clients at, the emulator itself, and `close()`. */
export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: pass it (or `127.0.0.1:PORT`) as the client's endpoint. */
  url: string;
  emulator: Emulator;
  close(): Promise<void>;
}

/**
 * Starts an emulator on its own node:http server.
 *
 * @example
 * const { url, emulator, close } = await startEmulator();
 * // point the SDK at url, send, then: emulator.store.latest('13800138000')?.code
 * await close();
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { host = '127.0.0.1', port = 0, ...rest } = options;
  const emulator = createEmulator(rest);
  const server = createServer((req, res) => {
    void emulator.handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  emulator.url = url;
  let closing: Promise<void> | undefined;
  return {
    url,
    emulator,
    close() {
      closing ??= (async () => {
        await emulator.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
