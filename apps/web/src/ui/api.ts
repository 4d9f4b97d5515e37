import { getLang } from './i18n.tsx';

/** Every failed API call becomes this: the server's stable code, its translated message and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The whole error object the server sent, for codes that carry more (e.g. duplicates). */
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CSRF_COOKIE = 'huike_csrf';

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function headers(method: string, json: boolean): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() };
  if (json) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) h['x-csrf-token'] = csrf;
  }
  return h;
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)
    ?.error;
  const fallback = getLang() === 'en' ? `Request failed (${status})` : `请求失败（${status}）`;
  return new ApiError(
    status,
    error?.code ?? `http.${status}`,
    error?.message ?? fallback,
    error?.fields ?? {},
    (error ?? {}) as Record<string, unknown>,
  );
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

/** JSON request with the session cookie, the UI language and the CSRF header on writes. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const hasBody = opts.body !== undefined;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      credentials: 'include',
      headers: headers(method, hasBody),
      body: hasBody ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(
      0,
      'network',
      getLang() === 'en' ? 'Network error, check the connection' : '网络异常，请检查连接',
    );
  }
  const payload = await parse(res);
  if (!res.ok) throw toApiError(res.status, payload);
  return payload as T;
}

/** Multipart upload of one file with progress (fetch has no upload progress, so XHR). */
export function uploadFile<T>(path: string, file: Blob, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headers('POST', false))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {}
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else reject(toApiError(xhr.status, payload));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', getLang() === 'en' ? 'Network error' : '网络异常'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
