import { normalizeText } from './normalize.js';
import { charNgrams, tokenizeNormalized } from './tokenize.js';

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface VectorizerConfig {
  /** word n-gram orders over analyzed (stemmed / jieba) terms, e.g. [1, 2] */
  wordNgrams: number[];
  charMin: number;
  charMax: number;
  /** n-gram max for Han runs (they start at 1) */
  hanCharMax: number;
  stem: boolean;
  /** features seen in fewer training texts are dropped */
  minDf: number;
  /** relative weight of the word block vs the char block (each block is L2-normalized first) */
  wordWeight: number;
  charWeight: number;
}

export const DEFAULT_VECTORIZER_CONFIG: VectorizerConfig = {
  wordNgrams: [1, 2],
  charMin: 2,
  charMax: 5,
  hanCharMax: 3,
  stem: true,
  minDf: 1,
  wordWeight: 1,
  charWeight: 1,
};

const WORD = 0;
const CHAR = 1;

export interface VectorizerJson {
  config: VectorizerConfig;
  terms: string[];
  idf: number[];
}

/**
 * TF-IDF over word n-grams + character n-grams with a learned vocabulary, sublinear tf
 * (1 + ln tf), smoothed idf (ln((1 + n) / (1 + df)) + 1) and per-block L2 normalization.
 */
export class TfidfVectorizer {
  readonly config: VectorizerConfig;
  private vocab = new Map<string, number>();
  private idf = new Float32Array(0);

  constructor(config: Partial<VectorizerConfig> = {}) {
    this.config = { ...DEFAULT_VECTORIZER_CONFIG, ...config };
  }

  get size(): number {
    return this.vocab.size;
  }

  /** Feature keys of one text; the first char of each key names its block. */
  extract(text: string): string[] {
    const cfg = this.config;
    const norm = normalizeText(text);
    const terms = tokenizeNormalized(norm, { stem: cfg.stem }).map((t) => t.term);
    const keys: string[] = [];
    for (const n of cfg.wordNgrams) {
      for (let i = 0; i + n <= terms.length; i++) keys.push(`w${terms.slice(i, i + n).join(' ')}`);
    }
    if (cfg.charWeight > 0) {
      for (const g of charNgrams(norm, cfg.charMin, cfg.charMax, cfg.hanCharMax)) keys.push(`c${g}`);
    }
    return keys;
  }

  fit(texts: readonly string[]): this {
    const df = new Map<string, number>();
    for (const text of texts) {
      for (const key of new Set(this.extract(text))) df.set(key, (df.get(key) ?? 0) + 1);
    }
    const kept = [...df.entries()].filter(([, c]) => c >= this.config.minDf);
    this.vocab = new Map(kept.map(([k], i) => [k, i]));
    this.idf = new Float32Array(kept.length);
    const n = texts.length;
    kept.forEach(([, c], i) => {
      this.idf[i] = Math.log((1 + n) / (1 + c)) + 1;
    });
    return this;
  }

  transform(text: string): SparseVector {
    return this.transformKeys(this.extract(text));
  }

  transformKeys(keys: readonly string[]): SparseVector {
    const tf = new Map<number, number>();
    for (const key of keys) {
      const id = this.vocab.get(key);
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const indices = new Int32Array(tf.size);
    const values = new Float32Array(tf.size);
    const blockOf = new Uint8Array(tf.size);
    const norms = [0, 0];
    let j = 0;
    for (const [id, count] of tf) {
      const v = (1 + Math.log(count)) * (this.idf[id] ?? 0);
      indices[j] = id;
      values[j] = v;
      const block = this.blockOfId(id);
      blockOf[j] = block;
      norms[block] = (norms[block] ?? 0) + v * v;
      j++;
    }
    const scale = [
      norms[WORD] ? this.config.wordWeight / Math.sqrt(norms[WORD]) : 0,
      norms[CHAR] ? this.config.charWeight / Math.sqrt(norms[CHAR]) : 0,
    ];
    for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) * (scale[blockOf[i] ?? 0] ?? 0);
    return { indices, values };
  }

  private blockIds: Uint8Array | null = null;

  private blockOfId(id: number): number {
    if (!this.blockIds || this.blockIds.length !== this.vocab.size) {
      this.blockIds = new Uint8Array(this.vocab.size);
      for (const [key, i] of this.vocab) this.blockIds[i] = key.startsWith('c') ? CHAR : WORD;
    }
    return this.blockIds[id] ?? WORD;
  }

  toJSON(): VectorizerJson {
    return { config: this.config, terms: [...this.vocab.keys()], idf: Array.from(this.idf) };
  }

  static fromJSON(json: VectorizerJson): TfidfVectorizer {
    const v = new TfidfVectorizer(json.config);
    v.vocab = new Map(json.terms.map((t, i) => [t, i]));
    v.idf = Float32Array.from(json.idf);
    return v;
  }
}
