import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from 'alisms';
import { redisOptionsFromUrl } from './connection.js';
import { batchJobId, bulkKeys } from './keys.js';

describe('queue connection and keys', () => {
  it('reads host, port, credentials and db from a Redis URL', () => {
    assert.deepEqual(redisOptionsFromUrl('redis://user:p%40ss@10.0.0.5:6380/2'), {
      host: '10.0.0.5',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      maxRetriesPerRequest: null,
    });
    assert.throws(() => redisOptionsFromUrl('http://x'), InvalidArgumentError);
  });

  it('derives batch job ids and keys from the bulk job id', () => {
    assert.equal(batchJobId('bq1', 7), 'bq1-7');
    assert.equal(bulkKeys('p', 'bq1').sending, 'p:alisms-bulk:job:bq1:sending');
  });
});
