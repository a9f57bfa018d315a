CREATE TABLE "bot_answers" (
	"decision_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"article_id" uuid,
	"qa_pair_id" uuid,
	"locale" text NOT NULL,
	"vote" text,
	"voted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_unanswered_clusters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"cluster_key" uuid NOT NULL,
	"locale" text NOT NULL,
	"representative" text NOT NULL,
	"question_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"article_id" uuid,
	"creating_since" timestamp with time zone,
	"dismissed_at" timestamp with time zone,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_intents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"examples" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_search_words" (
	"workspace_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "kb_search_words_workspace_id_locale_word_pk" PRIMARY KEY("workspace_id","locale","word")
);
--> statement-breakpoint
DROP INDEX "kb_articles_search";--> statement-breakpoint
DROP INDEX "kb_articles_title_trgm";--> statement-breakpoint
ALTER TABLE "bot_decisions" ADD COLUMN "intent" jsonb;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD COLUMN "rank_vector" "tsvector" GENERATED ALWAYS AS (ts_filter(search_vector, '{a,b}')) STORED;--> statement-breakpoint
ALTER TABLE "bot_answers" ADD CONSTRAINT "bot_answers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_unanswered_clusters" ADD CONSTRAINT "bot_unanswered_clusters_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_intents" ADD CONSTRAINT "bot_intents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_search_words" ADD CONSTRAINT "kb_search_words_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_answers_created" ON "bot_answers" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "bot_answers_session" ON "bot_answers" USING btree ("workspace_id","session_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bot_unanswered_clusters_key" ON "bot_unanswered_clusters" USING btree ("workspace_id","cluster_key");--> statement-breakpoint
CREATE UNIQUE INDEX "bot_intents_ws_name" ON "bot_intents" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "kb_search_words_trgm" ON "kb_search_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "kb_articles_rank" ON "kb_articles" USING gin ("rank_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "kb_articles_search" ON "kb_articles" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "kb_articles_title_trgm" ON "kb_articles" USING gin ("published_title" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
INSERT INTO "kb_search_words" ("workspace_id", "locale", "word")
SELECT DISTINCT a."workspace_id", a."locale", w.word
FROM "kb_articles" a, regexp_split_to_table(lower(a."published_title" || ' ' || left(a."published_text", 20000)), '[^a-z]+') AS w(word)
WHERE a."published_version" IS NOT NULL AND length(w.word) BETWEEN 3 AND 30
ON CONFLICT DO NOTHING;
