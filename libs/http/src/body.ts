// Request-body helpers that turn malformed input into problems rather than 500s.
import { HttpProblem } from './problem.ts';

/** Parse a JSON body, refusing bodies over `maxBytes` and invalid JSON with a 4xx problem. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await request.text();
  const size = new TextEncoder().encode(text).length;
  if (size > maxBytes) {
    throw new HttpProblem({
      status: 413,
      type: 'body-too-large',
      title: 'Request body too large',
      detail: `The body is ${size} bytes; the limit is ${maxBytes} bytes.`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpProblem({
      status: 400,
      type: 'invalid-json',
      title: 'Invalid JSON',
      detail: `The body is not valid JSON: ${(error as Error).message}`,
    });
  }
}
