import { maskPhone, SmsClient } from 'alisms';
import { type CliIo, EXIT, UsageError } from './io.js';
import type { RegisterCommand } from './run.js';
import { type ConnectionFlags, clientOptionsFrom, withConnectionOptions } from './shared/client.js';
import { reportError } from './shared/errors.js';
import { collectKeyValue, parseJsonParams } from './shared/key-value.js';

interface SendFlags extends ConnectionFlags {
  to: string[];
  sign: string;
  template: string;
  param?: Record<string, string>;
  params?: string;
  outId?: string;
  json?: boolean;
}

function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** `alisms send`: one SendSms call. */
export const register: RegisterCommand = (program, io, setExit) => {
  withConnectionOptions(
    program
      .command('send')
      .summary('send one SMS with a template (SendSms)')
      .description('Sends a template SMS to one or more numbers (SendSms).')
      .addHelpText(
        'after',
        '\nCredentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET), alisms.yaml,\n' +
          'the aliyun CLI config or ~/.alibabacloud/credentials; never from a flag.\n\n' +
          'Examples:\n' +
          '  alisms send --to 13800138000 --sign 阿里云短信测试 --template SMS_154950909 --param code=1234\n' +
          '  alisms send --to 13800138000,13900139000 --sign Acme --template SMS_1 --params \'{"name":"Li"}\' --json\n',
      )
      .requiredOption('--to <numbers>', 'phone number(s): repeat the flag or separate with commas', collectList)
      .requiredOption('--sign <name>', 'approved signature name')
      .requiredOption('--template <code>', 'approved template code, e.g. SMS_154950909')
      .option('--param <name=value>', 'template variable, repeatable', collectKeyValue)
      .option('--params <json>', 'template variables as a JSON object, e.g. \'{"code":"1234"}\'')
      .option('--out-id <id>', 'your reference, echoed in receipts and query results (default: a UUID)')
      .option('--json', 'print the result as JSON'),
  ).action(async (flags: SendFlags) => setExit(await send(flags, io)));
};

async function send(flags: SendFlags, io: CliIo): Promise<number> {
  let client: SmsClient | undefined;
  try {
    const templateParam = { ...(flags.params === undefined ? {} : parseJsonParams(flags.params)), ...flags.param };
    if (flags.to.length === 0) throw new UsageError('--to needs at least one phone number');
    client = new SmsClient(clientOptionsFrom(flags, io));
    const result = await client.sendSms({
      phoneNumbers: flags.to,
      signName: flags.sign,
      templateCode: flags.template,
      ...(Object.keys(templateParam).length > 0 ? { templateParam } : {}),
      ...(flags.outId === undefined ? {} : { outId: flags.outId }),
    });
    if (flags.json) {
      const { bizId, outId, requestId, message } = result;
      io.stdout.write(`${JSON.stringify({ bizId, outId, requestId, message, to: flags.to.map(maskPhone) })}\n`);
    } else {
      io.stdout.write(`sent to ${flags.to.map(maskPhone).join(', ')}\n`);
      io.stdout.write(`  BizId:     ${result.bizId}\n  OutId:     ${result.outId}\n  RequestId: ${result.requestId}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io, 'SendSms', [], flags.endpoint ?? io.env.ALISMS_ENDPOINT);
  } finally {
    client?.close();
  }
}
