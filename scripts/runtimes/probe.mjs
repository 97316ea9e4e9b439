// What every runtime runs, given the SDK as that runtime imports it: the signature vectors, then
// SendSms and QuerySendDetails against the emulator. Each cell is 'ok' or the reason it is not.
// No Node built-in here: this file is bundled into the workerd and edge-runtime scripts too.

/** Runs the vectors: percent-encoding, RPC v1 (string to sign and signature), V3 (canonical request, hash, signature). */
function runVectors(sdk, vectors) {
  const failures = [];
  let count = 0;
  for (const [input, expected] of Object.entries(vectors.percent_encode)) {
    count++;
    if (sdk.percentEncode(input) !== expected) failures.push(`percentEncode ${JSON.stringify(input)}`);
  }
  for (const v of vectors.rpc_v1) {
    count++;
    if (v.stringToSign && sdk.rpcV1StringToSign(v.method, v.params) !== v.stringToSign)
      failures.push(`v1 string ${v.name}`);
    if (sdk.signRpcV1({ method: v.method, params: v.params, accessKeySecret: v.accessKeySecret }) !== v.signature)
      failures.push(`v1 ${v.name}`);
  }
  for (const v of vectors.v3) {
    count++;
    const headers = {
      ...v.headers,
      'x-acs-content-sha256': v.headers['x-acs-content-sha256'] ?? sdk.hashPayload(v.body),
    };
    const signed = sdk.signV3(
      { method: v.method, query: v.query, headers, body: v.body },
      v.accessKeyId,
      v.accessKeySecret,
    );
    if (v.canonicalRequest && signed.canonicalRequest !== v.canonicalRequest) failures.push(`v3 canonical ${v.name}`);
    if (signed.stringToSign.split('\n')[1] !== v.hashedCanonicalRequest) failures.push(`v3 hash ${v.name}`);
    if (signed.signature !== v.signature) failures.push(`v3 ${v.name}`);
  }
  return failures.length ? `${failures.length} of ${count} failed: ${failures.join('; ')}` : `ok (${count})`;
}

function reason(error) {
  return `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`.slice(0, 300);
}

/**
 * `phone` differs per runtime: the emulator, like Aliyun, allows one message per number per minute.
 * @returns {Promise<{ import: string, vectors: string, send: string, query: string }>} */
export async function probe(sdk, vectors, endpoint, phone) {
  const cells = {
    import: typeof sdk.SmsClient === 'function' ? 'ok' : 'SmsClient missing',
    vectors: '',
    send: '',
    query: '',
  };
  try {
    cells.vectors = runVectors(sdk, vectors);
  } catch (error) {
    cells.vectors = reason(error);
  }
  const sms = new sdk.SmsClient({
    accessKeyId: 'testid',
    accessKeySecret: 'testsecret',
    endpoint,
    env: {},
    retries: 0,
  });
  let bizId;
  try {
    const sent = await sms.sendSms({
      phoneNumbers: phone,
      signName: '阿里云短信测试',
      templateCode: 'SMS_154950909',
      templateParam: { code: '1234' },
    });
    bizId = sent.bizId;
    cells.send = bizId ? 'ok' : 'no BizId';
  } catch (error) {
    cells.send = reason(error);
  }
  try {
    const details = await sms.querySendDetails({ phoneNumber: phone, sendDate: new Date(), bizId });
    cells.query = details.details.length >= 1 ? 'ok' : 'the sent message was not found';
  } catch (error) {
    cells.query = reason(error);
  }
  sms.close();
  return cells;
}
