/**
 * Remembers recent suggestions so that typing through a shown suggestion, undoing back to an earlier
 * state, or partially accepting one, reuses it without calling the model (like llama.vscode's cache).
 * Pure (node `crypto` only).
 */
import { createHash } from 'crypto';

/** Where a suggestion was made: the window's prefix and suffix, and the cursor line's text before the cursor. */
export interface SuggestionSite {
  prefix: string;
  /** The tail of `prefix` on the cursor line. */
  linePrefix: string;
  suffix: string;
  /** Anything else the suggestion depends on (multi-line mode, token budget, …). */
  options: string;
}

interface Entry {
  linePrefix: string;
  texts: string[];
}

/** How many suggestions are kept per context (lines before the cursor line + suffix). */
const PER_CONTEXT = 8;

export class SuggestionCache {
  private readonly contexts = new Map<string, Entry[]>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxContexts = 64) {}

  /** The key of everything except the cursor line's text before the cursor. */
  private key(site: SuggestionSite): string {
    const h = createHash('sha1');
    h.update(site.options);
    h.update('\u0000');
    h.update(site.prefix.slice(0, site.prefix.length - site.linePrefix.length));
    h.update('\u0000');
    h.update(site.suffix);
    return h.digest('base64');
  }

  /** Stores the suggestions shown at a site (the first is the primary one). */
  remember(site: SuggestionSite, texts: string[]): void {
    const shown = texts.filter((t) => t.length > 0);
    if (shown.length === 0) return;
    const key = this.key(site);
    const list = (this.contexts.get(key) ?? []).filter((e) => e.linePrefix !== site.linePrefix);
    list.unshift({ linePrefix: site.linePrefix, texts: shown });
    if (list.length > PER_CONTEXT) list.length = PER_CONTEXT;
    this.contexts.delete(key);
    this.contexts.set(key, list);
    while (this.contexts.size > this.maxContexts) {
      const oldest = this.contexts.keys().next().value;
      if (oldest === undefined) break;
      this.contexts.delete(oldest);
    }
  }

  /**
   * Suggestions still valid at a site: an earlier suggestion whose start the user has typed since
   * (or exactly the same site), minus what was typed. Undefined when none fits.
   */
  lookup(site: SuggestionSite): string[] | undefined {
    const key = this.key(site);
    const list = this.contexts.get(key);
    if (list) {
      for (const e of list) {
        if (!site.linePrefix.startsWith(e.linePrefix)) continue;
        const typed = site.linePrefix.slice(e.linePrefix.length);
        const rest = e.texts.filter((t) => t.length > typed.length && t.startsWith(typed)).map((t) => t.slice(typed.length));
        if (rest.length > 0) {
          this.contexts.delete(key);
          this.contexts.set(key, list);
          this.hits++;
          return [...new Set(rest)];
        }
      }
    }
    this.misses++;
    return undefined;
  }

  clear(): void {
    this.contexts.clear();
  }

  get size(): number {
    return this.contexts.size;
  }
}
