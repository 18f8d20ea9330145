// fetch, the way a client of Okta's API calls it, for the emulator's tests.

import { expect } from '@jest/globals';
import type { OktaEmulator } from './emulator.mjs';

export interface OktaObject {
  id: string;
  status?: string;
  priority?: number;
  [field: string]: unknown;
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export type Call = <T = OktaObject>(method: string, path: string, body?: unknown) => Promise<Answer<T>>;

/** Calls the emulator with `Authorization: SSWS <token>` (none when token is null). */
export function oktaClient(
  emulator: Pick<OktaEmulator, 'url' | 'token'>,
  token: string | null = emulator.token,
): Call {
  return async <T>(method: string, path: string, body?: unknown): Promise<Answer<T>> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== null) headers.Authorization = `SSWS ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      headers: response.headers,
    };
  };
}

/** Okta's error body, with errorId matched loosely since it differs on every call. */
export function oktaError(status: number, code: string, summary: string, causes: string[] = []) {
  return {
    status,
    body: {
      errorCode: code,
      errorSummary: summary,
      errorLink: code,
      errorId: expect.stringMatching(/^oae[A-Za-z0-9]{22}$/),
      errorCauses: causes.map((errorSummary) => ({ errorSummary })),
    },
  };
}
