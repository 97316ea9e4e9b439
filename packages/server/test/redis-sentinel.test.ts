import { after, before, describe, it } from 'node:test';
import { startSentinel, type TestSentinel, topologySuiteOptions } from '../../../test/helpers/redis-topology.js';
import { type Instance, startInstances, survivesFailover, waitFor } from './redis-failover.js';

describe('alisms serve on Redis Sentinel, through a failover', topologySuiteOptions(), () => {
  let sentinel: TestSentinel;
  let instances: Instance[] = [];
  before(async () => {
    sentinel = await startSentinel('alisms-test');
    instances = await startInstances(3, {
      sentinels: sentinel.sentinels,
      masterName: sentinel.masterName,
      prefix: `fo${Math.random().toString(36).slice(2, 8)}:`,
    });
  });
  after(async () => {
    for (const i of instances) await i.service.close();
    sentinel?.stop();
  });

  it('fails closed while there is no master, follows the promoted replica, approves and sends nothing twice', async () => {
    await survivesFailover(instances, {
      kill: () => sentinel.master.kill(),
      // The promoted master has no replica until the old one is back (the sentinels make it one); with
      // redis.waitForReplicas 1 (the Sentinel default) nothing is granted that a second failover could lose.
      recover: async () => {
        await waitFor('the sentinels to promote the replica', async () => {
          return (await sentinel.currentMasterPort()) === sentinel.replica.port;
        });
        await sentinel.master.restart();
      },
    });
  });
});
