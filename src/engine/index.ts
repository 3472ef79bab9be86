/** The engine's public surface. The editor layer imports from here only. */
export * from './types';
export { CompletionEngine } from './engine';
export { ModelLoadError, InputError, describeError } from './errors';
