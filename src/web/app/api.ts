import type { Language } from '#shared/i18n/index.ts';

/** One error type for every failed call: the server's code, message, field messages and request id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly requestId?: string,
    readonly rows?: Array<{
      row: number | null;
      sheet?: string | null;
      column: string | null;
      message: string;
    }>,
    /** The record a refused request collides with (e.g. the first declaration of the same year). */
    readonly link?: string,
  ) {
    super(message);
  }
  get network() {
    return this.status === 0;
  }
}

let csrfToken = '';
let language: Language = 'vi';
let onSignedOut: (code: string) => void = () => {};

export const setCsrf = (t: string) => {
  csrfToken = t;
};
export const setApiLanguage = (l: Language) => {
  language = l;
};
/** Called when the server says the session is gone, so the app can send the user to sign-in. */
export const onSessionLost = (fn: (code: string) => void) => {
  onSignedOut = fn;
};

/**
 * How a request reaches the server: the browser's fetch, or, where the server draws a page itself
 * (`draw.tsx`), its own way in with the reader's session.
 */
type Transport = (url: string, init: RequestInit) => Promise<Response>;
let transport: Transport = (url, init) => fetch(url, init);
export const setTransport = (t: Transport) => {
  transport = t;
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let res: Response;
  try {
    res = await transport(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        'accept-language': language,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  return outcome<T>(path, res.status, res.statusText, data);
}

function outcome<T>(
  path: string,
  status: number,
  statusText: string,
  data: Record<string, unknown> | null,
): T {
  if (status < 200 || status >= 300) {
    const err = new ApiError(
      status,
      String(data?.code ?? 'internal'),
      String(data?.message ?? statusText),
      (data?.fields as Record<string, string>) ?? {},
      data?.requestId as string | undefined,
      data?.rows as ApiError['rows'],
      data?.link as string | undefined,
    );
    if (status === 401 && !path.startsWith('/auth/')) onSignedOut(err.code);
    throw err;
  }
  return data as T;
}

/**
 * A long POST whose answer comes as JSON lines (imports): each `{"progress":…}` is handed to
 * `onProgress`, the last line is the outcome, an error the same ApiError `api` throws.
 */
export async function apiWithProgress<T, P>(
  path: string,
  body: FormData,
  onProgress: (p: P) => void,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'accept-language': language, 'x-csrf-token': csrfToken, accept: 'application/x-ndjson' },
      body,
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!res.headers.get('content-type')?.includes('application/x-ndjson') || !res.body) {
    // Refused before the work began (bad upload, signed out): an ordinary JSON answer.
    const data = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    return outcome<T>(path, res.status, res.statusText, data);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch {
      throw new ApiError(0, 'network', '');
    }
    buffered += chunk.value ?? '';
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as { progress?: P; status?: number; body?: Record<string, unknown> };
      if (line.progress) onProgress(line.progress);
      else if (line.status) return outcome<T>(path, line.status, '', line.body ?? null);
    }
    if (chunk.done) throw new ApiError(0, 'network', '');
  }
}

export const get = <T>(path: string) => api<T>('GET', path);

/** What to show for a failed request: the first field's message, else the error's. */
export const errorText = (e: unknown) =>
  e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : String(e);

/** Builds a query string from defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
