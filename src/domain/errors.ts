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
