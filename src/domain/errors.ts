// Domain errors thrown by services; the CLI and HTTP layers map them to exit codes and statuses in one place.

export class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {}
export class NotFoundError extends DomainError {}
export class ConfigError extends DomainError {}
/** A remote source answered badly or not at all. */
export class SourceError extends DomainError {}
/** The actor may not do this (a signed-in user acting beyond their role, or a banned account). */
export class ForbiddenError extends DomainError {}
/** The request needs a signed-in account, or the credentials given were wrong. */
export class AuthError extends DomainError {}
/** Too many attempts; `retryAfterSeconds` says when to try again. */
export class RateLimitError extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
/** A ValidationError about one named input, so a form can show the message beside that field. */
export class FieldError extends ValidationError {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}
