// The inbox's view of the store: grouping into conversations, search, and what has been read.

export function loadSeen() {
  try {
    return new Set(JSON.parse(localStorage.getItem('alisms-inbox-seen') || '[]'));
  } catch {
    return new Set();
  }
}

export function saveSeen(seen) {
  try {
    localStorage.setItem('alisms-inbox-seen', JSON.stringify([...seen].slice(-2000)));
  } catch {
    // Private windows may refuse storage; unread badges then last for the session only.
  }
}

export const keyOf = (m) => m.toKey || String(m.to || '').toLowerCase();
export const isMail = (m) => m.product === 'mail';
export const byTime = (a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.id < b.id ? -1 : 1);

export function matches(m, query) {
  if (!query) return true;
  const hay = [m.to, m.toKey, m.content, m.code, m.signName, m.templateCode, m.bizId, m.outId, m.messageId]
    .concat(m.params ? Object.values(m.params) : [])
    .concat(m.mail ? [m.mail.from, m.mail.fromAlias, m.mail.subject, m.mail.textBody] : [])
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  if (hay.includes(query)) return true;
  // "+86 138-0013" finds 8613800138000: compare digits only when the query is a number.
  const digits = query.replace(/[\s+\-()]/g, '');
  return (
    /^\d{3,}$/.test(digits) &&
    String(m.toKey || m.to)
      .replace(/\D/g, '')
      .includes(digits)
  );
}

/** The store's word for the API's `pending`. */
const STATUS_OF_FILTER = { pending: 'waiting', delivered: 'delivered', failed: 'failed' };

/** The channel and status filters, applied to messages the event stream brings in. */
export function passesFilters(m, filters) {
  if (filters.channel && m.product !== filters.channel) return false;
  if (filters.status && m.status !== STATUS_OF_FILTER[filters.status]) return false;
  return true;
}

/** Conversations (one per recipient) with a search match, newest first. */
export function conversations(state) {
  const groups = new Map();
  for (const m of state.messages.values()) {
    if (!passesFilters(m, state.filters)) continue;
    const key = keyOf(m);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(m);
  }
  const list = [];
  for (const [key, all] of groups) {
    all.sort(byTime);
    const shown = all.filter((m) => matches(m, state.query));
    if (shown.length === 0) continue;
    const newest = all[all.length - 1];
    list.push({
      key,
      all,
      shown,
      newest,
      unread: all.filter((m) => !state.seen.has(m.id)).length,
      failed: all.filter((m) => m.status === 'failed').length,
    });
  }
  return list.sort((a, b) => -byTime(a.newest, b.newest));
}
