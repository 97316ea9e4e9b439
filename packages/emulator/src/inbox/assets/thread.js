// The open conversation's header: who, how many, delete the conversation, simulate a reply (SmsUp).

import { isMail } from './data.js';
import { h } from './dom.js';

/**
 * The header of one conversation. `onDelete()` and `onReply(text)` are the page's; replies exist for
 * SMS only (an SmsUp is a phone answering).
 */
export function threadHead(conv, { onBack, onDelete, onReply }) {
  const n = conv.newest;
  const count =
    conv.shown.length === conv.all.length ? `${conv.all.length}` : `${conv.shown.length} of ${conv.all.length}`;
  const reply = h('input', {
    type: 'text',
    placeholder: 'Reply as this phone, e.g. TD',
    'aria-label': `Reply from ${n.to}`,
    required: true,
    maxlength: 500,
  });
  const replyForm = isMail(n)
    ? null
    : h(
        'form',
        {
          class: 'reply',
          onsubmit: (e) => {
            e.preventDefault();
            const text = reply.value.trim();
            if (text) onReply(text, () => (reply.value = ''));
          },
        },
        reply,
        h('button', { type: 'submit', class: 'tool' }, 'Send reply'),
      );
  return h(
    'header',
    { class: 'thread-head' },
    h(
      'div',
      { class: 'thread-title' },
      h('button', { type: 'button', class: 'back', onclick: onBack, 'aria-label': 'Back to conversations' }, '‹'),
      h('h2', {}, n.to),
      h('span', { class: 'count' }, `${count} message${conv.all.length === 1 ? '' : 's'}`),
      h('button', { type: 'button', class: 'tool danger', onclick: onDelete }, 'Delete conversation'),
    ),
    replyForm,
  );
}
