import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';

import axios, { AxiosInstance } from 'axios';

export interface LedgerConfig {
  baseUrl: string;
  timeoutMs?: number;
  /** The ledger sits behind the bank's private CA and wants a client certificate (mutual TLS). */
  caBundlePath: string;
  clientCertPath: string;
  clientKeyPath: string;
}

export interface Balance {
  accountId: string;
  currency: string;
  availableMinor: number;
}

export function createLedgerClient(config: LedgerConfig): AxiosInstance {
  if (!config.baseUrl.startsWith('https://')) {
    throw new Error('the ledger must be reached over https');
  }
  const httpsAgent = new Agent({
    ca: readFileSync(config.caBundlePath),
    cert: readFileSync(config.clientCertPath),
    key: readFileSync(config.clientKeyPath),
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    keepAlive: true,
  });
  return axios.create({ baseURL: config.baseUrl, httpsAgent, timeout: config.timeoutMs ?? 10_000 });
}

export async function fetchBalance(client: AxiosInstance, accountId: string): Promise<Balance> {
  const { data } = await client.get<Balance>(`/v1/accounts/${encodeURIComponent(accountId)}/balance`);
  return data;
}
