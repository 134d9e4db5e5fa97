import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Mail providers anyone can sign up with: a shared domain there says nothing about the company. */
const GENERIC_DOMAINS = new Set([
  'qq.com',
  'vip.qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  '139.com',
  '189.cn',
  'wo.cn',
  'gmail.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'msn.com',
]);

/**
 * A phone number in E.164 (+86 assumed when no country is given), or null when it cannot be one.
 * "0531-8888 0000", "+86 531 88880000" and "053188880000" are all +8653188880000.
 */
export function phoneE164(raw: string): string | null {
  const cleaned = raw.replace(/(ext|x|转).*$/i, '');
  const parsed = parsePhoneNumberFromString(cleaned, 'CN');
  return parsed?.isPossible() ? parsed.number : null;
}

export function emailKey(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null;
}

/** The company's own mail domain, or null for qq.com, 163.com, gmail.com and the like. */
export function companyDomain(email: string): string | null {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domain && !GENERIC_DOMAINS.has(domain) ? domain : null;
}
