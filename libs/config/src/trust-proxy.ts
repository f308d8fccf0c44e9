import { isIP } from 'node:net';
import { ValidateBy } from 'class-validator';

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One TRUST_PROXY entry: a preset name, an IP address, or an address/prefix subnet. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_PRESETS.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** A hop count (0-99) or a comma-separated list of proxy entries, as Express's `trust proxy` takes. */
export function isTrustProxyValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (/^\d{1,2}$/.test(value)) return true;
  return value.split(',').every((entry) => isProxyEntry(entry.trim()));
}

export const IsTrustProxy = (): PropertyDecorator =>
  ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: isTrustProxyValue,
      defaultMessage: () => 'must be a hop count (1) or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal',
    },
  });

/** Express's `trust proxy` value for TRUST_PROXY: a hop count, a list of addresses, or false. */
export function trustProxySetting(value: string | undefined): number | string | false {
  if (value === undefined) return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
