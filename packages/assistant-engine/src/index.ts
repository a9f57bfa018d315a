export { expectedCalibrationError } from './classify/calibration.js';
export {
  type CalibrationReport,
  IntentClassifier,
  type IntentClassifierOptions,
  type IntentExample,
  type IntentModelJson,
  type IntentPrediction,
  type RankedLabel,
} from './classify/classifier.js';
export { type Entity, type EntityType, type ExtractOptions, extractEntities } from './entities/entities.js';
export { detectLanguage, type LanguageGuess } from './lang/detect.js';
export { analyzeMessage, type MessageAnalysis, type MessageContext } from './message.js';
export {
  analyzeForSearch,
  buildIndex,
  DEFAULT_RANKER_WEIGHTS,
  type KbDocument,
  type RankerWeights,
  type SearchHit,
  SearchIndex,
  type SearchOptions,
} from './retrieval/search-index.js';
export { SentimentAnalyzer, type SentimentResult } from './sentiment/analyzer.js';
export {
  detectFrustration,
  type Frustration,
  type FrustrationSignal,
  lexiconHits,
  lexiconSentiment,
  type SentimentLabel,
} from './sentiment/sentiment.js';
export { segmentChinese } from './text/jieba.js';
export { foldAccents, normalizeText } from './text/normalize.js';
export { porterStem } from './text/stemmer.js';
export { ENGLISH_STOPWORDS } from './text/stopwords.js';
export { analyze, charNgrams, type Token, tokenize } from './text/tokenize.js';
export { type SparseVector, TfidfVectorizer, type VectorizerConfig } from './text/vectorizer.js';
export { parseCsv, parseCsvRecords } from './util/csv.js';
