/** The body of every non-2xx response. */
export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    details: Record<string, unknown>;
    request_id: string;
  };
}

export function envelope(
  code: string,
  message: string,
  details: Record<string, unknown>,
  requestId: string,
): ErrorEnvelope {
  return { error: { code, message, details, request_id: requestId } };
}
