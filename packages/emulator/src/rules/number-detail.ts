/** `NumberDetail` of the international API: a small country-code table (longest prefix wins). */
const COUNTRIES: Array<[prefix: string, country: string, region: string, carrier: string]> = [
  ['852', 'China', 'HongKong', 'CMI'],
  ['853', 'China', 'Macau', 'CTM'],
  ['886', 'China', 'Taiwan', 'Chunghwa Telecom'],
  ['86', 'China', 'Mainland', 'China Mobile'],
  ['1', 'United States', 'United States', 'AT&T'],
  ['44', 'United Kingdom', 'United Kingdom', 'Vodafone'],
  ['49', 'Germany', 'Germany', 'Telekom'],
  ['60', 'Malaysia', 'Malaysia', 'Maxis'],
  ['61', 'Australia', 'Australia', 'Telstra'],
  ['62', 'Indonesia', 'Indonesia', 'Telkomsel'],
  ['63', 'Philippines', 'Philippines', 'Globe'],
  ['65', 'Singapore', 'Singapore', 'Singtel'],
  ['66', 'Thailand', 'Thailand', 'AIS'],
  ['81', 'Japan', 'Japan', 'NTT Docomo'],
  ['82', 'Korea', 'Korea', 'SK Telecom'],
  ['84', 'Vietnam', 'Vietnam', 'Viettel'],
  ['91', 'India', 'India', 'Airtel'],
];

export interface NumberDetail {
  Country: string;
  Region: string;
  Carrier: string;
}

export function numberDetail(e164Digits: string): NumberDetail {
  let best: (typeof COUNTRIES)[number] | undefined;
  for (const entry of COUNTRIES)
    if (e164Digits.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best ? { Country: best[1], Region: best[2], Carrier: best[3] } : { Country: '', Region: '', Carrier: '' };
}
