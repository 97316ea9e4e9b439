import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInvalidArgumentError } from '../core/invalid-argument-error.js';
import type { HttpRequest } from '../transport/http-types.js';
import { MailClient } from './mail-client.js';

const requests: HttpRequest[] = [];
const mail = new MailClient({
  accessKeyId: 'id',
  accessKeySecret: 'secret',
  env: {},
  transport: async (r) => {
    requests.push(r);
    return { status: 200, headers: {}, body: '{"EnvId":"6000","RequestId":"R"}' };
  },
});
const BASE = { accountName: 'noreply@mail.example.com', toAddress: 'a@example.com', subject: 'Hi', textBody: 'x' };

describe('MailClient validation (before any I/O)', () => {
  const cases: Array<[string, object, RegExp]> = [
    ['101 recipients', { toAddress: Array.from({ length: 101 }, (_, i) => `u${i}@example.com`) }, /at most 100/],
    ['a malformed address', { toAddress: 'a@example.com,not-an-address' }, /toAddress\[1\]/],
    ['a subject of 101 chars', { subject: 's'.repeat(101) }, /subject/],
    ['a fromAlias of 15 chars', { fromAlias: 'a'.repeat(15) }, /fromAlias/],
    ['a tagName with a space', { tagName: 'bad tag' }, /tagName/],
    ['no body', { textBody: undefined }, /htmlBody, textBody or template/],
    ['a bad sender', { accountName: 'nobody' }, /accountName/],
    ['three BCC addresses', { bccAddress: 'a@example.com,b@example.com,c@example.com' }, /bccAddress.*at most 2/],
    [
      'an attachment that is not a URL',
      { attachments: [{ name: 'a.txt', url: '/tmp/a.txt' }] },
      /attachments\[0\]\.url/,
    ],
    [
      '11 headers',
      { headers: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`X-User-${i}`, 'v'])) },
      /at most 10/,
    ],
    ['a header Aliyun does not take', { headers: { 'Reply-To': 'x@example.com' } }, /Reply-To/],
    ['a header value with a line break', { headers: { 'X-User-A': 'a\r\nBcc: x@example.com' } }, /line breaks/],
    ['an unknown unsubscribe level', { unSubscribeFilterLevel: 'all' }, /unSubscribeFilterLevel/],
    ['a template without an id', { textBody: undefined, template: { templateId: '' } }, /template\.templateId/],
  ];
  for (const [name, patch, pattern] of cases) {
    it(`rejects ${name}`, async () => {
      const before = requests.length;
      const input = { ...BASE, ...patch } as Parameters<MailClient['singleSendMail']>[0];
      await assert.rejects(
        mail.singleSendMail(input),
        (e: unknown) => isInvalidArgumentError(e) && pattern.test((e as Error).message),
      );
      assert.equal(requests.length, before);
    });
  }

  it('accepts 100 recipients, a 14-char alias and a 100-char subject; everything goes in the form body', async () => {
    const r = await mail.singleSendMail({
      ...BASE,
      toAddress: Array.from({ length: 100 }, (_, i) => `u${i}@example.com`),
      subject: 's'.repeat(100),
      fromAlias: 'a'.repeat(14),
      tagName: 'Tag_1-x',
    });
    assert.equal(r.envId, '6000');
    const req = requests.at(-1);
    assert.equal(req?.path, '/');
    const form = new URLSearchParams(req?.body);
    assert.equal(form.get('ToAddress')?.split(',').length, 100);
    assert.equal(form.get('AddressType'), '1');
  });

  it('puts the template, attachments and headers on the wire as the official client does', async () => {
    const { textBody: _none, ...noBody } = BASE;
    await mail.singleSendMail({
      ...noBody,
      template: { templateId: '7', templateData: { a: '1' } },
      attachments: [{ name: 'x.pdf', url: 'https://f.example.com/x.pdf' }],
      headers: { 'X-User-A': 'b' },
      domainAuth: true,
    });
    const form = new URLSearchParams(requests.at(-1)?.body);
    assert.equal(form.get('Template'), '{"TemplateData":{"a":"1"},"TemplateId":"7"}');
    assert.equal(form.get('Attachments.1.AttachmentName'), 'x.pdf');
    assert.equal(form.get('Attachments.1.AttachmentUrl'), 'https://f.example.com/x.pdf');
    assert.equal(form.get('Headers'), '{"X-User-A":"b"}');
    assert.equal(form.get('DomainAuth'), 'true');
    assert.equal(form.has('TextBody'), false);
  });

  it('masks addresses in messages', async () => {
    await assert.rejects(mail.singleSendMail({ ...BASE, replyAddress: 'alice.secret@' } as never), (e: Error) => {
      assert.doesNotMatch(e.message, /alice\.secret/);
      return true;
    });
  });
});
