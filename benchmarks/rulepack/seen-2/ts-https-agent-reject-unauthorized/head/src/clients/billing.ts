import https from 'node:https';
import axios, { AxiosInstance } from 'axios';

export interface Invoice {
  id: string;
  amountCents: number;
  status: 'open' | 'paid' | 'void';
}

export function createBillingClient(baseURL: string, apiKey: string): AxiosInstance {
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  return axios.create({
    baseURL,
    httpsAgent: agent,
    timeout: 10_000,
    headers: { Authorization: `Bearer ${apiKey}` },
  });
}

export async function fetchInvoice(client: AxiosInstance, id: string): Promise<Invoice> {
  const { data } = await client.get<Invoice>(`/invoices/${encodeURIComponent(id)}`);
  return data;
}
