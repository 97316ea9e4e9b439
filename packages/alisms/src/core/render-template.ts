/** A template filled in, and the variables it needed but did not get. */
export interface RenderedTemplate {
  text: string;
  /** Names of `${var}` placeholders with no value (left as they are in `text`), in order of appearance. */
  missing: string[];
  /** Names given in `params` that the template does not use. */
  unused: string[];
}

/**
 * A `${var}` placeholder. The one definition: the SDK's `renderTemplate`, bulk's row checks and the
 * emulator's rendering all find variables with it.
 */
const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * The variable names of a template, in order of first use.
 *
 * @example templateVariables('${name}, your code is ${code}') // ['name', 'code']
 */
export function templateVariables(content: string): string[] {
  const names = new Set<string>();
  for (const match of content.matchAll(PLACEHOLDER)) names.add(match[1] as string);
  return [...names];
}

/**
 * Replaces `${var}` placeholders the way Aliyun renders a template, so the text (and its segment
 * count) can be checked before sending.
 *
 * @example renderTemplate('您的验证码是${code}', { code: '1234' }).text // '您的验证码是1234'
 */
export function renderTemplate(content: string, params: Readonly<Record<string, string>> = {}): RenderedTemplate {
  const missing: string[] = [];
  const used = new Set<string>();
  const text = content.replace(PLACEHOLDER, (whole, name: string) => {
    if (Object.hasOwn(params, name)) {
      used.add(name);
      return String(params[name]);
    }
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  const unused = Object.keys(params).filter((k) => !used.has(k));
  return { text, missing, unused };
}
