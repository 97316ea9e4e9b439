import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { RedisConnection } from './script.js';
import { RedisScript } from './script.js';
import { isStoreUnavailableError } from './store-unavailable-error.js';

const script = new RedisScript(new URL('./lua/consume-n.lua', import.meta.url));

/** A hand-written client: records calls, answers NOSCRIPT to the first EVALSHA. */
function stubClient(behaviour: { noscript?: boolean; fail?: Error }) {
  const calls: string[] = [];
  let loaded = !behaviour.noscript;
  const client = {
    status: 'ready',
    async evalsha(sha: string) {
      calls.push(`evalsha ${sha.slice(0, 8)}`);
      if (behaviour.fail) throw behaviour.fail;
      if (!loaded) throw new Error('NOSCRIPT No matching script. Please use EVAL.');
      return [1];
    },
    async eval(source: string) {
      calls.push(`eval ${source.length}`);
      loaded = true;
      return [1];
    },
  };
  return { client: client as unknown as RedisConnection, calls };
}

describe('RedisScript', () => {
  it('reads the Lua file beside the module and knows its SHA1 and contract header', () => {
    assert.match(script.source, /^--\[\[\nconsume-n\.lua/);
    assert.match(script.source, /KEYS\[i\]/);
    assert.equal(script.sha, createHash('sha1').update(script.source).digest('hex'));
    assert.equal(script.name, 'consume-n.lua');
  });

  it('runs by SHA, and falls back to EVAL once on NOSCRIPT', async () => {
    const { client, calls } = stubClient({ noscript: true });
    await script.run(client, ['k'], [1]);
    await script.run(client, ['k'], [1]);
    assert.deepEqual(calls, [
      `evalsha ${script.sha.slice(0, 8)}`,
      `eval ${script.source.length}`,
      `evalsha ${script.sha.slice(0, 8)}`,
    ]);
  });

  it('turns connection failures into StoreUnavailableError but lets script errors through', async () => {
    const down = stubClient({ fail: new Error("Stream isn't writeable and enableOfflineQueue options is false") });
    await assert.rejects(script.run(down.client, ['k'], [1]), isStoreUnavailableError);
    const bug = stubClient({ fail: new Error('ERR Error running script: attempt to compare nil') });
    await assert.rejects(script.run(bug.client, ['k'], [1]), (e: Error) => !isStoreUnavailableError(e));
  });
});
