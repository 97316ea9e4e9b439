import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MailConfig, MailTemplateConfig } from '../config/resolve.js';
import { BadInput, json, readJson } from './http.js';

const EXAMPLE = '{"id":"1001","name":"welcome","subject":"Hi ${name}","htmlBody":"<p>Code {{code}}</p>"}';

function text(input: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const value = input[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value === ''))
    throw new BadInput(`${key} must be a${required ? ' non-empty' : ''} string: ${EXAMPLE}`);
  return value;
}

/**
 * The Direct Mail templates SingleSendMail's `Template` (by id) and BatchSendMail (by name) render:
 * `GET mail/templates` lists them, `POST mail/templates` adds one or replaces the one with the same id.
 * Seeded from the config's `mail.templates`. Returns false when the route is not one of these.
 */
export async function serveMailTemplates(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  mail: MailConfig,
): Promise<boolean> {
  if (route !== 'mail/templates') return false;
  const method = req.method ?? 'GET';
  if (method === 'GET') {
    json(res, 200, { templates: mail.templates });
    return true;
  }
  if (method !== 'POST') return false;
  const input = await readJson(req, EXAMPLE);
  const name = text(input, 'name', true) as string;
  const template: MailTemplateConfig = {
    id: text(input, 'id', false) ?? name,
    name,
    subject: text(input, 'subject', true) as string,
  };
  const htmlBody = text(input, 'htmlBody', false);
  const textBody = text(input, 'textBody', false);
  if (htmlBody === undefined && textBody === undefined) throw new BadInput(`give htmlBody or textBody: ${EXAMPLE}`);
  if (htmlBody !== undefined) template.htmlBody = htmlBody;
  if (textBody !== undefined) template.textBody = textBody;
  const at = mail.templates.findIndex((t) => t.id === template.id);
  if (at >= 0) mail.templates.splice(at, 1, template);
  else mail.templates.push(template);
  json(res, at >= 0 ? 200 : 201, template);
  return true;
}
