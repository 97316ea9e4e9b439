/** Template text helpers for validation; billed segments come from the SDK's `countSmsSegments`. */

const VARIABLE = /\$\{([A-Za-z0-9_]+)\}/g;

/** The variable names of a template text, in order of first appearance. */
export function templateVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(VARIABLE)) names.add(match[1] as string);
  return [...names];
}

/** Renders `【sign】` + the template with `params` filled in, as the recipient sees it. */
export function renderMessage(sign: string, text: string, params: Record<string, string>): string {
  return `【${sign}】${text.replace(VARIABLE, (_, name: string) => params[name] ?? '')}`;
}

/** Aliyun rejects messages longer than this (sign included). */
export const MAX_MESSAGE_CHARS = 500;
