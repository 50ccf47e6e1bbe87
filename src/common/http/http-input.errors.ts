import { DomainError } from '../errors/domain.error';

/** `400 validation.too_deep`: a JSON body or query nested deeper than {@link maxDepth}. */
export class InputTooDeepError extends DomainError {
  constructor(where: 'body' | 'query', maxDepth: number) {
    super(
      'validation.too_deep',
      'invalid',
      `The request ${where} is nested more than ${maxDepth} levels deep: ` +
        `flatten it to at most ${maxDepth} levels of objects and arrays.`,
      { location: where, max_depth: maxDepth },
    );
  }
}

/** `415 http.unsupported_media_type`: the body's Content-Type is not one the operation reads. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor(received: string | undefined, accepted: readonly string[], reason?: string) {
    const sent = received === undefined ? 'no Content-Type' : `Content-Type "${received}"`;
    super(
      'http.unsupported_media_type',
      'unsupported_media_type',
      `This operation does not read a body sent with ${sent}${reason ? ` (${reason})` : ''}: ` +
        `send it as ${accepted.join(' or ')}.`,
      { content_type: received ?? null, accepted: [...accepted] },
    );
  }
}

/** `400 validation.body_required`: the operation needs a body and the request has none. */
export class BodyRequiredError extends DomainError {
  constructor(accepted: readonly string[]) {
    super(
      'validation.body_required',
      'invalid',
      `This operation needs a request body: send one as ${accepted.join(' or ')} ` +
        '(for JSON, at least "{}").',
      { accepted: [...accepted] },
    );
  }
}
