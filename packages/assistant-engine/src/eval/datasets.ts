import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from '../util/csv.js';

export interface Labeled {
  text: string;
  label: string;
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Generic `text,label` CSV (also accepts `category`/`intent` as the label column). */
export function loadLabeledCsv(path: string): Labeled[] {
  return parseCsvRecords(read(path)).map((r) => ({
    text: r.text ?? r.instruction ?? r.sentence ?? '',
    label: r.label ?? r.category ?? r.intent ?? r.gold_label ?? '',
  }));
}

export function loadBanking77(dir: string): { train: Labeled[]; test: Labeled[] } {
  return {
    train: loadLabeledCsv(join(dir, 'banking77/train.csv')),
    test: loadLabeledCsv(join(dir, 'banking77/test.csv')),
  };
}

export function loadBitext(dir: string): { train: Labeled[]; test: Labeled[] } {
  const load = (f: string) =>
    parseCsvRecords(read(join(dir, 'bitext_customer_support', f))).map((r) => ({ text: r.instruction ?? '', label: r.intent ?? '' }));
  return { train: load('train.csv'), test: load('test.csv') };
}

export function loadXsid(dir: string, lang: string): { train: Labeled[]; test: Labeled[] } {
  const load = (f: string) =>
    parseCsvRecords(read(join(dir, 'xsid', f)), '\t')
      .filter((r) => r.lang === lang)
      .map((r) => ({ text: r.text ?? '', label: r.intent ?? '' }));
  // xSID ships no in-language train split: train on valid, test on test (see its README)
  return { train: load('xsid07_valid.tsv'), test: load('xsid07_test.tsv') };
}

export function loadDynasent(dir: string, round: 1 | 2): { train: Labeled[]; test: Labeled[] } {
  const load = (f: string) =>
    parseCsvRecords(read(join(dir, 'dynasent', f))).map((r) => ({ text: r.sentence ?? '', label: r.gold_label ?? '' }));
  // the copy has no train split: train on dev, report on test (see its README)
  return { train: load(`dynasent_v1.1_r${round}_dev.csv`), test: load(`dynasent_v1.1_r${round}_test.csv`) };
}

export interface FaqRow {
  id: string;
  group: string;
  question: string;
  answer: string;
}

export interface QueryRow {
  id: string;
  group: string;
  query: string;
}

/** StackFAQ shape: faqs `faq_id,thread_id,question,answer`, queries `query_id,thread_id,query`. */
export function loadFaqCsv(faqsPath: string, queriesPath: string): { faqs: FaqRow[]; queries: QueryRow[] } {
  const faqs = parseCsvRecords(read(faqsPath)).map((r) => ({
    id: r.faq_id ?? '',
    group: r.thread_id ?? '',
    question: r.question ?? '',
    answer: r.answer ?? '',
  }));
  const queries = parseCsvRecords(read(queriesPath)).map((r) => ({
    id: r.query_id ?? '',
    group: r.thread_id ?? '',
    query: r.query ?? '',
  }));
  return { faqs, queries };
}
