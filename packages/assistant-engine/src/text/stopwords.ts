/** Function words dropped from retrieval queries (they carry no topical signal for BM25). */
export const ENGLISH_STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers herself him
himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself yourselves 's 't 're 've 'll 'd 'm`.split(/\s+/),
);

export const CHINESE_STOPWORDS = new Set(
  '的 了 在 是 我 有 和 就 不 人 都 一 一个 上 也 很 到 说 要 去 你 会 着 没有 看 好 自己 这 那 吗 呢 吧 啊 呀 么 怎么 什么 如何 可以 能 请问 请 一下'.split(
    ' ',
  ),
);
