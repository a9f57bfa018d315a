import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** One shared segmenter: loading the dictionary costs ~100 ms, so do it once and lazily. */
let instance: Jieba | null = null;

export function segmentChinese(text: string): string[] {
  instance ??= Jieba.withDict(dict);
  return instance.cut(text, false);
}
