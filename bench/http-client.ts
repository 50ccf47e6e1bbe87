import { request, type Agent } from 'node:http';

/** An answer read whole: status and body text (status 0: the connection failed). */
export interface HttpAnswer {
  status: number;
  text: string;
}

/**
 * One request on a keep-alive agent; resolves once the body is read. A JSON body is sent
 * with its content type. Connection errors reject.
 */
export function httpCall(
  agent: Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<HttpAnswer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    ...options.headers,
    ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
