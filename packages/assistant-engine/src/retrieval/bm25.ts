/** Okapi BM25 over one field, with an inverted index of term -> (doc, tf) postings. */
export interface Bm25Params {
  k1: number;
  b: number;
}

export class Bm25Field {
  private postings = new Map<string, { docs: Int32Array; tfs: Float32Array }>();
  private docLen: Float32Array;
  private avgLen: number;
  readonly numDocs: number;

  constructor(
    docs: readonly string[][],
    readonly params: Bm25Params = { k1: 1.2, b: 0.75 },
  ) {
    this.numDocs = docs.length;
    this.docLen = Float32Array.from(docs, (d) => d.length);
    this.avgLen = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length) || 1;
    const tmp = new Map<string, Map<number, number>>();
    docs.forEach((terms, id) => {
      for (const t of terms) {
        let m = tmp.get(t);
        if (!m) {
          m = new Map();
          tmp.set(t, m);
        }
        m.set(id, (m.get(id) ?? 0) + 1);
      }
    });
    for (const [t, m] of tmp) this.postings.set(t, { docs: Int32Array.from(m.keys()), tfs: Float32Array.from(m.values()) });
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (this.numDocs - df + 0.5) / (df + 0.5));
  }

  /** Adds this field's score for each query term (weighted) into `out` (indexed by doc). */
  scoreInto(query: ReadonlyMap<string, number>, out: Float64Array, fieldWeight = 1): void {
    const { k1, b } = this.params;
    for (const [term, qw] of query) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = this.idf(term) * qw * fieldWeight;
      for (let i = 0; i < p.docs.length; i++) {
        const d = p.docs[i] as number;
        const tf = p.tfs[i] as number;
        const norm = k1 * (1 - b + (b * (this.docLen[d] as number)) / this.avgLen);
        out[d] = (out[d] as number) + (idf * tf * (k1 + 1)) / (tf + norm);
      }
    }
  }
}
