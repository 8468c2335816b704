/**
 * Why: each shop's answers index lives in memory once loaded (a cold load parses megabytes), but one
 * app process serves many shops of very different sizes: a count of shops says nothing about memory,
 * so the cache is bounded by the indexes' serialized bytes, and the least recently asked shop goes
 * first when a new one does not fit.
 */

export class ByteBoundedLru<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private used = 0;

  constructor(readonly maxBytes: number) {
    if (!(maxBytes > 0)) throw new RangeError(`a cache needs a positive byte budget, got ${maxBytes}`);
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * Keeps the value, evicting the least recently used until it fits. A value larger than the whole
   * budget is not kept (it is served once and loaded again next time), and replaces nothing else.
   */
  set(key: K, value: V, bytes: number): boolean {
    if (!Number.isFinite(bytes) || bytes < 0)
      throw new RangeError(`a cached value's size must be a byte count, got ${bytes}`);
    this.delete(key);
    if (bytes > this.maxBytes) return false;
    for (const [oldest, entry] of this.entries) {
      if (this.used + bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    return true;
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Serialized bytes held now. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }
}
