import type { ApiError, ErrorCode } from '../shared/contract';

/** An error meant for the clerk: a Chinese sentence, optionally per field. Anything else is a bug. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}) };
  }
}
