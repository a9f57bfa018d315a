import type { IntentClassifier, IntentPrediction } from './classify/classifier.js';
import { type Entity, extractEntities } from './entities/entities.js';
import { detectLanguage, type LanguageGuess } from './lang/detect.js';
import type { SentimentAnalyzer, SentimentResult } from './sentiment/analyzer.js';

export interface MessageAnalysis {
  language: LanguageGuess;
  intent: IntentPrediction | null;
  sentiment: SentimentResult;
  entities: Entity[];
}

export interface MessageContext {
  classifier?: IntentClassifier | null;
  sentiment: SentimentAnalyzer;
  /** the customer's earlier messages in the conversation, oldest first */
  history?: readonly string[];
  now?: Date;
}

/** Everything the platform wants to know about one inbound customer message. */
export function analyzeMessage(text: string, ctx: MessageContext): MessageAnalysis {
  return {
    language: detectLanguage(text),
    intent: ctx.classifier ? ctx.classifier.predict(text) : null,
    sentiment: ctx.sentiment.analyze(text, { history: ctx.history ?? [] }),
    entities: extractEntities(text, { now: ctx.now ?? new Date() }),
  };
}
