import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatChinaDateTime,
  formatChinaDay,
  formatChinaRfc822,
  parseChinaDateTime,
  parseChinaDay,
} from './china-time.js';

// 2018-12-24 16:58:22 in UTC+8 is 08:58:22 UTC; 2019-01-08 16:44:10 in UTC+8 is 08:44:10 UTC.
const QUERY_MESSAGE = Date.UTC(2018, 11, 24, 8, 58, 22);
const SEND_DETAIL = Date.UTC(2019, 0, 8, 8, 44, 10);

describe('China time (UTC+8), Aliyun’s clock', () => {
  it('formats the three shapes Aliyun uses', () => {
    assert.equal(formatChinaDateTime(SEND_DETAIL), '2019-01-08 16:44:10');
    assert.equal(formatChinaDay(SEND_DETAIL), '20190108');
    assert.equal(formatChinaRfc822(QUERY_MESSAGE), 'Mon, 24 Dec 2018 16:58:22 +0800');
  });

  it('puts 16:00 UTC and later on the next China day', () => {
    assert.equal(formatChinaDay(Date.UTC(2026, 2, 31, 15, 59, 59)), '20260331');
    assert.equal(formatChinaDay(Date.UTC(2026, 2, 31, 16, 0, 0)), '20260401');
  });

  it('parses what it formats, and refuses what is not a date', () => {
    assert.equal(parseChinaDateTime('2019-01-08 16:44:10')?.getTime(), SEND_DETAIL);
    assert.equal(parseChinaDateTime('2019-01-08T16:44:10')?.getTime(), SEND_DETAIL);
    assert.equal(parseChinaDateTime('2019-01-08'), undefined);
    assert.equal(parseChinaDateTime(20190108), undefined);
    assert.equal(parseChinaDay('20190108'), Date.UTC(2019, 0, 7, 16));
    assert.equal(parseChinaDay('20190230'), undefined);
    assert.equal(parseChinaDay('2019-01-08'), undefined);
  });
});
