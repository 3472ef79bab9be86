/** Errors the engine raises on bad input. Each names what is wrong and where. */

export type ModelErrorKind = 'missing' | 'corrupt' | 'incompatible';

/** The model folder cannot be used: a file is missing, unreadable, or the ONNX graph has the wrong shape. */
export class ModelLoadError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    readonly path: string,
    message: string,
  ) {
    super(`${message} (${path})`);
    this.name = 'ModelLoadError';
  }
}

/** A request the engine refuses, e.g. binary content or an offset outside the file. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
