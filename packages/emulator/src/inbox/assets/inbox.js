// The emulator inbox: plain browser JavaScript, no build step and no third-party code.
// Every piece of message data reaches the page through textContent or an attribute set by the
// DOM API, never through HTML parsing; mail HTML only ever lives in a sandboxed iframe.
// Everything the page changes goes through the inspection API (api.js), as a test script would.

import * as api from './api.js';
import { conversations, isMail, keyOf, loadSeen, matches, passesFilters, saveSeen } from './data.js';
import { confirmDialog, showRaw } from './dialogs.js';
import { $, copy, formatTime, h } from './dom.js';
import { initFaults } from './faults.js';
import { initKeyboard } from './keyboard.js';
import { render, setActions } from './messages.js';
import { threadHead } from './thread.js';

/** Messages per request; older ones come with "Load older messages" (or by scrolling to it). */
const PAGE_SIZE = 200;

const state = {
  /** @type {Map<string, any>} id -> StoredMessage */
  messages: new Map(),
  /** toKey of the open conversation */
  selected: /** @type {string | null} */ (null),
  query: '',
  filters: { channel: '', status: '' },
  /** Id to page back from, when the store holds older messages than the page has loaded. */
  next: /** @type {string | null} */ (null),
  seen: loadSeen(),
};

function notify(text, kind = 'info') {
  const notice = $('notice');
  notice.textContent = text;
  notice.dataset.kind = kind;
  notice.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => (notice.hidden = true), kind === 'error' ? 8000 : 3000);
}
const onError = (error) => notify(error.message, 'error');

function renderSidebar() {
  const list = conversations(state);
  $('conversations').replaceChildren(
    ...list.map((c) => {
      const n = c.newest;
      const preview = isMail(n) ? n.mail?.subject || n.content : n.content;
      const label = isMail(n) ? 'Mail' : n.product === 'intl' ? 'Intl SMS' : n.product === 'dypns' ? 'Dypns' : 'SMS';
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `conv${c.failed ? ' has-failed' : ''}`,
            'data-key': c.key,
            'aria-current': c.key === state.selected ? 'true' : undefined,
            onclick: () => select(c.key),
          },
          h(
            'span',
            { class: `avatar avatar-${isMail(n) ? 'mail' : 'sms'}`, 'aria-hidden': 'true' },
            isMail(n) ? '@' : '#',
          ),
          h(
            'span',
            { class: 'conv-main' },
            h(
              'span',
              { class: 'conv-top' },
              h('span', { class: 'conv-to' }, n.to),
              h('time', { datetime: n.sentAt }, formatTime(n.sentAt, false)),
            ),
            h(
              'span',
              { class: 'conv-preview' },
              c.failed ? h('span', { class: 'failed-tag' }, c.failed > 1 ? `${c.failed} failed` : 'Failed') : null,
              h('span', { class: 'kind' }, label),
              ` ${preview}`,
            ),
          ),
          c.unread > 0 ? h('span', { class: 'badge', 'aria-label': `${c.unread} unread` }, String(c.unread)) : null,
        ),
      );
    }),
  );
  $('no-match').hidden = !(list.length === 0 && (state.messages.size > 0 || filtering()));
  $('load-older').hidden = !state.next;
  const unread = [...state.messages.values()].filter((m) => !state.seen.has(m.id)).length;
  document.title = `${unread ? `(${unread}) ` : ''}Inbox · alisms emulator`;
  return list;
}

const filtering = () => Boolean(state.filters.channel || state.filters.status);

function renderThread(list = conversations(state)) {
  const hasAny = state.messages.size > 0 || filtering() || Boolean(state.next);
  $('empty').hidden = hasAny;
  $('layout').dataset.empty = String(!hasAny);
  const thread = $('thread');
  const conv = list.find((c) => c.key === state.selected);
  thread.hidden = !conv;
  if (!conv) {
    thread.replaceChildren();
    if (list.length > 0 && window.matchMedia('(min-width: 761px)').matches) return select(list[0].key);
    $('layout').dataset.view = 'list';
    return;
  }
  thread.replaceChildren(
    threadHead(conv, {
      onBack: () => back(),
      onDelete: () => removeConversation(conv),
      onReply: (content, done) => reply(conv.newest, content, done),
    }),
    h('div', { class: 'items', id: 'items' }, ...conv.shown.map(render)),
  );
  markSeen(conv);
  scrollToEnd();
}

function scrollToEnd() {
  const box = $('conversation');
  box.scrollTop = box.scrollHeight;
}

function markSeen(conv) {
  if (document.visibilityState !== 'visible') return;
  let changed = false;
  for (const m of conv.all) {
    if (!state.seen.has(m.id)) {
      state.seen.add(m.id);
      changed = true;
    }
  }
  if (changed) {
    saveSeen(state.seen);
    renderSidebar();
  }
}

function select(key) {
  state.selected = key;
  $('layout').dataset.view = 'thread';
  if (location.hash !== `#${encodeURIComponent(key)}`) history.replaceState(null, '', `#${encodeURIComponent(key)}`);
  renderThread(renderSidebar());
}

function back() {
  $('layout').dataset.view = 'list';
  document.querySelector(`.conv[data-key="${CSS.escape(state.selected || '')}"]`)?.focus();
}

function renderAll() {
  renderThread(renderSidebar());
}

// ---- actions (each one call of the inspection API) -----------------------------------------------

async function removeConversation(conv) {
  const n = conv.newest;
  const ok = await confirmDialog(
    `Delete the conversation with ${n.to}?`,
    `${conv.all.length} message${conv.all.length === 1 ? '' : 's'} will be deleted from the emulator.`,
  );
  if (!ok) return;
  try {
    await api.deleteConversation(n.to);
    onDelete(conv.all.map((m) => m.id));
  } catch (error) {
    onError(error);
  }
}

async function reply(m, content, done) {
  try {
    const outcome = await api.sendReply({
      phoneNumber: m.to,
      content,
      ...(m.signName ? { signName: m.signName } : {}),
    });
    notify(outcome?.ok === false ? `Reply not accepted: ${outcome.reason || outcome.status}` : 'Reply pushed (SmsUp)');
    done();
  } catch (error) {
    onError(error);
  }
}

setActions({
  raw: (m) => showRaw(m),
  async remove(m) {
    try {
      await api.deleteMessage(m.id);
      onDelete([m.id]);
    } catch (error) {
      onError(error);
    }
  },
  async deliver(m, status, errorCode) {
    try {
      onStatus(await api.setDelivery(m.id, status, errorCode));
      notify(status === 'delivered' ? 'Marked delivered' : `Marked failed: ${errorCode}`);
    } catch (error) {
      onError(error);
    }
  },
});

// ---- live updates -----------------------------------------------------------------------------

function onMessage(m) {
  if (!passesFilters(m, state.filters)) return;
  state.messages.set(m.id, m);
  const list = renderSidebar();
  const items = document.getElementById('items');
  if (items && keyOf(m) === state.selected && matches(m, state.query)) {
    items.append(render(m));
    markSeen(list.find((c) => c.key === state.selected));
    scrollToEnd();
  } else if (!state.selected || !items) {
    renderThread(list);
  }
}

function onStatus(m) {
  const known = state.messages.get(m.id);
  if (!known) return onMessage(m);
  const next = { ...known, ...m };
  state.messages.set(m.id, next);
  const list = renderSidebar();
  const article = document.querySelector(`[data-id="${CSS.escape(m.id)}"]`);
  // A status filter the message no longer passes takes it out of the open thread too.
  if (!passesFilters(next, state.filters)) renderThread(list);
  else if (article) article.replaceWith(render(next));
}

function onDelete(ids) {
  let changed = false;
  for (const id of ids) changed = state.messages.delete(id) || changed;
  if (!changed) return;
  const list = renderSidebar();
  if (!list.some((c) => c.key === state.selected)) state.selected = null;
  renderThread(list);
}

function onClear() {
  state.messages.clear();
  state.selected = null;
  state.next = null;
  history.replaceState(null, '', location.pathname);
  renderAll();
}

async function loadPage(before) {
  const body = await api.listMessages({ ...state.filters, before, limit: PAGE_SIZE });
  state.next = body.more ? body.next : null;
  return body.messages;
}

/** The newest page under the current filters (on start, on a filter change, after reconnecting). */
async function loadAll() {
  const list = await loadPage(undefined);
  const fresh = new Map(list.map((m) => [m.id, m]));
  let newest = '';
  for (const m of list) if (m.sentAt > newest) newest = m.sentAt;
  // Keep what the event stream delivered while this request was on its way.
  for (const m of state.messages.values())
    if (!fresh.has(m.id) && m.sentAt > newest && passesFilters(m, state.filters)) fresh.set(m.id, m);
  state.messages = fresh;
  renderAll();
}

async function loadOlder() {
  const button = $('load-older');
  // The button and the scroll observer can both ask; one request per page.
  if (!state.next || button.disabled) return;
  button.disabled = true;
  try {
    for (const m of await loadPage(state.next)) state.messages.set(m.id, m);
    renderAll();
  } catch (error) {
    onError(error);
  } finally {
    button.disabled = false;
  }
}

function connect() {
  const live = $('live');
  const events = new EventSource('api/events');
  let dropped = false;
  const parse = (fn) => (e) => {
    try {
      const data = JSON.parse(e.data);
      fn(data.message || data);
    } catch {
      // A malformed event is skipped; the next reload shows the store as it is.
    }
  };
  events.addEventListener('message', parse(onMessage));
  events.addEventListener('status', parse(onStatus));
  events.addEventListener(
    'delete',
    parse((data) => onDelete(data.ids || [])),
  );
  events.addEventListener('clear', () => onClear());
  events.addEventListener('open', () => {
    live.dataset.state = 'live';
    live.textContent = 'Live';
    // Messages sent while we were disconnected never reached us as events.
    if (dropped) loadAll().catch(() => {});
    dropped = false;
  });
  events.addEventListener('error', () => {
    dropped = true;
    live.dataset.state = 'down';
    live.textContent = 'Reconnecting…';
  });
}

// ---- wiring -----------------------------------------------------------------------------------

function moveSelection(step) {
  const list = conversations(state);
  if (list.length === 0) return;
  const at = list.findIndex((c) => c.key === state.selected);
  const next = list[Math.min(list.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
  select(next.key);
  document.querySelector(`.conv[data-key="${CSS.escape(next.key)}"]`)?.scrollIntoView({ block: 'nearest' });
}

function init() {
  $('origin').textContent = location.origin;
  const hint = $('hint-command');
  hint.textContent = `ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret ${hint.textContent.replace('http://127.0.0.1:8787', location.origin)}`;
  $('copy-hint').addEventListener('click', (e) => copy(hint.textContent, e.currentTarget));
  const search = /** @type {HTMLInputElement} */ ($('search'));
  $('search-form').addEventListener('submit', (e) => e.preventDefault());
  search.addEventListener('input', () => {
    state.query = search.value.trim().toLowerCase();
    renderAll();
  });
  for (const name of ['channel', 'status']) {
    const select = /** @type {HTMLSelectElement} */ ($(`filter-${name}`));
    select.addEventListener('change', () => {
      state.filters[name] = select.value;
      loadAll().catch(onError);
    });
  }
  $('load-older').addEventListener('click', () => loadOlder());
  // Scrolling the list to its end loads the next page, so the whole store is reachable by scrolling.
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) void loadOlder();
  }).observe($('load-older'));
  $('clear').addEventListener('click', async () => {
    const ok = await confirmDialog(
      'Delete all messages?',
      'Every message the emulator keeps will be deleted.',
      'Clear all',
    );
    if (!ok) return;
    try {
      await api.clearAll();
      onClear();
    } catch (error) {
      onError(error);
    }
  });
  initKeyboard({
    move: moveSelection,
    search: () => search.focus(),
    remove: () => {
      const conv = conversations(state).find((c) => c.key === state.selected);
      if (conv) void removeConversation(conv);
    },
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') renderAll();
  });
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) state.selected = fromHash;
  void initFaults(onError);
  connect();
  loadAll().catch((error) => {
    $('live').textContent = `Could not load messages: ${error.message}`;
  });
}

init();
