import { analyzeForSearch, IntentClassifier } from '@switchboard/assistant-engine';

/** One admin-defined intent: its example phrases per locale (en, zh-CN). */
export interface IntentDefinition {
  name: string;
  enabled: boolean;
  examples: Record<string, readonly string[]>;
}

export interface IntentLabel {
  /** The intent's name, or null when the message is out of scope. */
  name: string | null;
  confidence: number;
  /** The best candidates, for a clarifying question or the decision log. */
  ranked: Array<{ name: string; probability: number }>;
}

/**
 * Calibrated max-probability below which a message is out of scope. Fixed rather than tuned:
 * admins write a handful of phrases per intent, too few for the engine's dev-split calibration
 * (docs/assistant.md, "Known weakness"), which would then reject nothing.
 */
export const OUT_OF_SCOPE_THRESHOLD = 0.5;

/**
 * A per-workspace intent classifier trained from the enabled intents' example phrases (every
 * locale in one model: jieba words and Latin stems share one feature space). Out of scope:
 * below the threshold, or no search term in common with any example of the winning intent
 * (a linear model always picks *some* class, even for "hello" or a random order number).
 */
export class IntentModel {
  private constructor(
    private readonly classifier: IntentClassifier,
    private readonly terms: Map<string, Set<string>>,
    readonly threshold: number,
  ) {}

  /** null when fewer than two enabled intents have examples: there is nothing to tell apart. */
  static train(intents: readonly IntentDefinition[], threshold = OUT_OF_SCOPE_THRESHOLD): IntentModel | null {
    const examples = intents
      .filter((i) => i.enabled)
      .flatMap((i) =>
        Object.values(i.examples)
          .flat()
          .map((text) => ({ text: text.trim(), label: i.name }))
          .filter((e) => e.text !== ''),
      );
    if (new Set(examples.map((e) => e.label)).size < 2) return null;
    const terms = new Map<string, Set<string>>();
    for (const e of examples) {
      const set = terms.get(e.label) ?? new Set<string>();
      for (const t of analyzeForSearch(e.text)) set.add(t);
      terms.set(e.label, set);
    }
    const classifier = IntentClassifier.train(examples, { threshold, seed: 42 });
    return new IntentModel(classifier, terms, threshold);
  }

  classify(text: string): IntentLabel {
    const p = this.classifier.predict(text, { topK: 3, threshold: this.threshold });
    const ranked = p.ranked.map((r) => ({ name: r.label, probability: Math.round(r.probability * 1000) / 1000 }));
    const confidence = Math.round(p.confidence * 1000) / 1000;
    if (!p.label) return { name: null, confidence, ranked };
    const own = this.terms.get(p.label);
    const shared = analyzeForSearch(text).some((t) => own?.has(t));
    return { name: shared ? p.label : null, confidence, ranked };
  }
}

/**
 * Trained models per workspace, kept while the workspace's intents are unchanged (`version`:
 * a signature of the rows, e.g. count + latest update), like the triage models: every node
 * retrains once when the version it reads differs from the one it holds.
 */
export class IntentModels {
  private readonly cache = new Map<string, { version: string; model: IntentModel | null }>();

  get(workspaceId: string, version: string, load: () => readonly IntentDefinition[]): IntentModel | null {
    const hit = this.cache.get(workspaceId);
    if (hit && hit.version === version) return hit.model;
    let model: IntentModel | null = null;
    try {
      model = IntentModel.train(load());
    } catch {
      // A chat turn never fails because of the admin's training data: no label instead.
      model = null;
    }
    this.cache.set(workspaceId, { version, model });
    return model;
  }

  versionOf(workspaceId: string): string | undefined {
    return this.cache.get(workspaceId)?.version;
  }

  invalidate(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }
}
