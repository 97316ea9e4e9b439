// One message as DOM: an SMS bubble or a mail card.

import { isMail } from './data.js';
import { copy, formatTime, h } from './dom.js';

const STATUS_TEXT = { waiting: 'Waiting for receipt', delivered: 'Delivered', failed: 'Failed' };

export function statusPill(m) {
  const text = STATUS_TEXT[m.status] || m.status;
  const detail = m.status === 'failed' && m.errCode ? ` · ${m.errCode}` : '';
  return h(
    'span',
    {
      class: `status status-${m.status}`,
      'data-status': m.status,
      title: m.receivedAt ? `Receipt at ${formatTime(m.receivedAt)}` : undefined,
    },
    text + detail,
  );
}

/** The content as text nodes, with the verification code wrapped in <mark>. */
function highlighted(text, code) {
  const at = code ? text.indexOf(code) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), h('mark', { class: 'code-inline' }, code), text.slice(at + code.length)];
}

function codeRow(m) {
  if (!m.code) return null;
  const button = h('button', { type: 'button', class: 'copy', 'aria-label': `Copy code ${m.code}` }, 'Copy');
  button.addEventListener('click', () => copy(m.code, button));
  return h(
    'div',
    { class: 'code-row' },
    h('span', { class: 'label' }, 'Code'),
    h('strong', { class: 'code-value' }, m.code),
    button,
  );
}

function smsBubble(m) {
  const meta = [
    m.signName ? `Sign ${m.signName}` : null,
    m.templateCode || null,
    `${m.segments} segment${m.segments === 1 ? '' : 's'}`,
    m.bizId ? `BizId ${m.bizId}` : m.messageId ? `MessageId ${m.messageId}` : null,
    m.outId ? `OutId ${m.outId}` : null,
  ].filter(Boolean);
  return h(
    'article',
    {
      class: 'bubble',
      'data-id': m.id,
      'aria-label': `${m.product === 'intl' ? 'International SMS' : 'SMS'} at ${formatTime(m.sentAt)}`,
    },
    h('p', { class: 'content' }, ...highlighted(m.content, m.code)),
    codeRow(m),
    h(
      'footer',
      { class: 'meta' },
      h('time', { datetime: m.sentAt }, formatTime(m.sentAt)),
      statusPill(m),
      h('span', {}, meta.join(' · ')),
    ),
  );
}

function mailCard(m) {
  const mail = m.mail || { from: '', subject: m.content };
  const from = mail.fromAlias ? `${mail.fromAlias} <${mail.from}>` : mail.from;
  const panes = [];
  if (mail.htmlBody) {
    // sandbox="" with no allowances: no scripts, no forms, no same-origin access, no navigation.
    const frame = h('iframe', { class: 'mail-frame', title: `Mail body: ${mail.subject}`, loading: 'lazy' });
    frame.setAttribute('sandbox', '');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.srcdoc = mail.htmlBody;
    panes.push(['Preview', frame]);
  }
  if (mail.textBody) panes.push(['Text', h('pre', { class: 'mail-text' }, mail.textBody)]);
  if (mail.htmlBody) panes.push(['HTML source', h('pre', { class: 'mail-text' }, mail.htmlBody)]);
  return h(
    'article',
    { class: 'mail', 'data-id': m.id, 'aria-label': `Mail: ${mail.subject}` },
    h('h3', { class: 'mail-subject' }, mail.subject || '(no subject)'),
    h(
      'dl',
      { class: 'mail-head' },
      h('dt', {}, 'From'),
      h('dd', {}, from),
      h('dt', {}, 'To'),
      h('dd', {}, m.to),
      h('dt', {}, 'Date'),
      h('dd', {}, h('time', { datetime: m.sentAt }, formatTime(m.sentAt))),
    ),
    codeRow(m),
    tabs(m.id, panes),
    h(
      'footer',
      { class: 'meta' },
      statusPill(m),
      m.envId ? h('span', {}, `EnvId ${m.envId}`) : null,
      mail.tagName ? h('span', {}, `Tag ${mail.tagName}`) : null,
    ),
  );
}

function tabs(id, panes) {
  if (panes.length === 0) return h('p', { class: 'hint' }, 'This mail has no body.');
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Mail body' });
  const bodies = panes.map(([name, body], i) => {
    const panel = h(
      'div',
      { role: 'tabpanel', id: `p-${id}-${i}`, 'aria-labelledby': `t-${id}-${i}`, hidden: i !== 0 },
      body,
    );
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `t-${id}-${i}`,
        'aria-controls': `p-${id}-${i}`,
        'aria-selected': i === 0 ? 'true' : 'false',
      },
      name,
    );
    tab.addEventListener('click', () => {
      for (const t of list.children) t.setAttribute('aria-selected', String(t === tab));
      bodies.forEach((p, j) => {
        p.hidden = j !== i;
      });
    });
    list.append(tab);
    return panel;
  });
  return h('div', { class: 'mail-body' }, list, ...bodies);
}

/** The element for one stored message. */
export const render = (m) => (isMail(m) ? mailCard(m) : smsBubble(m));
