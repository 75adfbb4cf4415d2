import axios, { AxiosInstance } from 'axios';

export interface LedgerConfig {
  baseUrl: string;
  timeoutMs?: number;
}

export interface Balance {
  accountId: string;
  currency: string;
  availableMinor: number;
}

export function createLedgerClient(config: LedgerConfig): AxiosInstance {
  return axios.create({ baseURL: config.baseUrl, timeout: config.timeoutMs ?? 10_000 });
}

export async function fetchBalance(client: AxiosInstance, accountId: string): Promise<Balance> {
  const { data } = await client.get<Balance>(`/v1/accounts/${encodeURIComponent(accountId)}/balance`);
  return data;
}
