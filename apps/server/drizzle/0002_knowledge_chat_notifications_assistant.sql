CREATE TABLE "assistant_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"answer_threshold" real NOT NULL,
	"clarify_threshold" real NOT NULL,
	"max_failed_turns" integer NOT NULL,
	"handoff_keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_conversations" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"memory" jsonb NOT NULL,
	"turns" integer DEFAULT 0 NOT NULL,
	"handed_off" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"session_id" uuid,
	"ticket_id" uuid,
	"input_text" text NOT NULL,
	"language" text NOT NULL,
	"sentiment" jsonb NOT NULL,
	"candidates" jsonb NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"latency_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_flow_runs" (
	"session_id" uuid NOT NULL,
	"flow_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"status" text NOT NULL,
	"step_id" text NOT NULL,
	"slots" jsonb NOT NULL,
	"result" jsonb,
	"invalid_answers" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bot_flow_runs_session_id_flow_id_pk" PRIMARY KEY("session_id","flow_id")
);
--> statement-breakpoint
CREATE TABLE "bot_flow_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"action_allow_hosts" text[] DEFAULT '{}'::text[] NOT NULL,
	"handoff_rules_seeded" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_flows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"trigger" jsonb NOT NULL,
	"start" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_handoff_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"position" integer NOT NULL,
	"condition" jsonb NOT NULL,
	"team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_qa_pairs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"questions" text[] NOT NULL,
	"answer" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistant_provider_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"ticket_id" uuid,
	"session_id" uuid,
	"model" text NOT NULL,
	"outcome" text NOT NULL,
	"http_status" integer,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"total_tokens" integer DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"masked" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistant_provider_usage" (
	"workspace_id" uuid NOT NULL,
	"month" text NOT NULL,
	"tokens" integer DEFAULT 0 NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"fallbacks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "assistant_provider_usage_workspace_id_month_pk" PRIMARY KEY("workspace_id","month")
);
--> statement-breakpoint
CREATE TABLE "assistant_providers" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"base_url" text NOT NULL,
	"model" text NOT NULL,
	"api_key_enc" text,
	"timeout_ms" integer NOT NULL,
	"monthly_token_budget" integer,
	"allow_private_network" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_triage" (
	"ticket_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"field" text NOT NULL,
	"value" text NOT NULL,
	"confidence" real NOT NULL,
	"state" text NOT NULL,
	"corrected_value" text,
	"corrected_at" timestamp with time zone,
	"model_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_triage_ticket_id_field_pk" PRIMARY KEY("ticket_id","field")
);
--> statement-breakpoint
CREATE TABLE "triage_models" (
	"workspace_id" uuid NOT NULL,
	"field" text NOT NULL,
	"version" integer NOT NULL,
	"model" jsonb,
	"labels" integer,
	"examples" integer NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "triage_models_workspace_id_field_pk" PRIMARY KEY("workspace_id","field")
);
--> statement-breakpoint
CREATE TABLE "triage_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"thresholds" jsonb NOT NULL,
	"retrain_after_corrections" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"secret_enc" text NOT NULL,
	"secret_rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"visitor_user_id" uuid NOT NULL,
	"state" text NOT NULL,
	"team_id" uuid,
	"agent_id" uuid,
	"offered_agent_id" uuid,
	"offer_expires_at" timestamp with time zone,
	"offer_seq" integer DEFAULT 0 NOT NULL,
	"declined_agent_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"offline_message" boolean DEFAULT false NOT NULL,
	"pre_chat" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"page_url" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"queued_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"rating" integer,
	"rating_comment" text,
	"visitor_delivered_seq" integer DEFAULT 0 NOT NULL,
	"visitor_read_seq" integer DEFAULT 0 NOT NULL,
	"agent_delivered_seq" integer DEFAULT 0 NOT NULL,
	"agent_read_seq" integer DEFAULT 0 NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_visitors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"external_user_id" text,
	"token_generation" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_article_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"description" text,
	"author_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"section_id" uuid,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"description" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"author_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"source_version" integer,
	"published_version" integer,
	"published_title" text,
	"published_html" text,
	"published_text" text,
	"published_at" timestamp with time zone,
	"publish_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"search_vector" "tsvector",
	"view_count" integer DEFAULT 0 NOT NULL,
	"helpful_count" integer DEFAULT 0 NOT NULL,
	"not_helpful_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"parent_id" uuid,
	"slug" text NOT NULL,
	"names" jsonb NOT NULL,
	"descriptions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"helpful" boolean NOT NULL,
	"comment" text,
	"moderation" text DEFAULT 'approved' NOT NULL,
	"moderated_by" uuid,
	"user_id" uuid,
	"visitor_key" text,
	"locale" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reviewer_id" uuid,
	"decision" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_searches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"query" text NOT NULL,
	"normalized" text NOT NULL,
	"locale" text NOT NULL,
	"result_count" integer NOT NULL,
	"source" text DEFAULT 'help_center' NOT NULL,
	"user_id" uuid,
	"visitor_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_views" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"user_id" uuid,
	"visitor_key" text,
	"source" text DEFAULT 'help_center' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kinds" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_receipts" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_receipts_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ticket_id" uuid,
	"actor_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "conversation_vector" "tsvector";--> statement-breakpoint
ALTER TABLE "assistant_settings" ADD CONSTRAINT "assistant_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_conversations" ADD CONSTRAINT "bot_conversations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_decisions" ADD CONSTRAINT "bot_decisions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_flow_runs" ADD CONSTRAINT "bot_flow_runs_flow_id_bot_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."bot_flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_flow_runs" ADD CONSTRAINT "bot_flow_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_flow_settings" ADD CONSTRAINT "bot_flow_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_flows" ADD CONSTRAINT "bot_flows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_handoff_rules" ADD CONSTRAINT "bot_handoff_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_qa_pairs" ADD CONSTRAINT "bot_qa_pairs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_provider_calls" ADD CONSTRAINT "assistant_provider_calls_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_provider_usage" ADD CONSTRAINT "assistant_provider_usage_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_providers" ADD CONSTRAINT "assistant_providers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_triage" ADD CONSTRAINT "ticket_triage_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_models" ADD CONSTRAINT "triage_models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_settings" ADD CONSTRAINT "triage_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_visitors" ADD CONSTRAINT "chat_visitors_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_visitors" ADD CONSTRAINT "chat_visitors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_section_id_kb_categories_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."kb_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_categories" ADD CONSTRAINT "kb_categories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_feedback" ADD CONSTRAINT "kb_feedback_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_feedback" ADD CONSTRAINT "kb_feedback_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_feedback" ADD CONSTRAINT "kb_feedback_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_feedback" ADD CONSTRAINT "kb_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_reviews" ADD CONSTRAINT "kb_reviews_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_reviews" ADD CONSTRAINT "kb_reviews_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_reviews" ADD CONSTRAINT "kb_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_searches" ADD CONSTRAINT "kb_searches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_searches" ADD CONSTRAINT "kb_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_views" ADD CONSTRAINT "kb_views_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_views" ADD CONSTRAINT "kb_views_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_views" ADD CONSTRAINT "kb_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_receipts" ADD CONSTRAINT "notification_receipts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_conversations_ticket" ON "bot_conversations" USING btree ("workspace_id","ticket_id");--> statement-breakpoint
CREATE INDEX "bot_decisions_ticket" ON "bot_decisions" USING btree ("workspace_id","ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "bot_flow_runs_ws" ON "bot_flow_runs" USING btree ("workspace_id","session_id");--> statement-breakpoint
CREATE INDEX "bot_flows_ws" ON "bot_flows" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "bot_handoff_rules_ws" ON "bot_handoff_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "bot_qa_pairs_ws" ON "bot_qa_pairs" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "assistant_provider_calls_ws" ON "assistant_provider_calls" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "assistant_provider_calls_ticket" ON "assistant_provider_calls" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_triage_ws_corrected" ON "ticket_triage" USING btree ("workspace_id","corrected_at");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_public_key" ON "channels" USING btree ("public_key");--> statement-breakpoint
CREATE INDEX "channels_ws_kind" ON "channels" USING btree ("workspace_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_sessions_ticket" ON "chat_sessions" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "chat_sessions_ws_state" ON "chat_sessions" USING btree ("workspace_id","state","queued_at");--> statement-breakpoint
CREATE INDEX "chat_sessions_visitor" ON "chat_sessions" USING btree ("workspace_id","visitor_user_id","created_at");--> statement-breakpoint
CREATE INDEX "chat_sessions_agent" ON "chat_sessions" USING btree ("workspace_id","agent_id","state");--> statement-breakpoint
CREATE INDEX "chat_sessions_activity" ON "chat_sessions" USING btree ("state","last_activity_at");--> statement-breakpoint
CREATE INDEX "chat_visitors_user" ON "chat_visitors" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_article_versions_number" ON "kb_article_versions" USING btree ("article_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_articles_group_locale" ON "kb_articles" USING btree ("group_id","locale");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_articles_slug" ON "kb_articles" USING btree ("workspace_id","locale","slug");--> statement-breakpoint
CREATE INDEX "kb_articles_section" ON "kb_articles" USING btree ("workspace_id","section_id","status");--> statement-breakpoint
CREATE INDEX "kb_articles_status" ON "kb_articles" USING btree ("workspace_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "kb_articles_updated" ON "kb_articles" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "kb_articles_publish_at" ON "kb_articles" USING btree ("publish_at") WHERE "kb_articles"."publish_at" is not null;--> statement-breakpoint
CREATE INDEX "kb_articles_search" ON "kb_articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "kb_articles_title_trgm" ON "kb_articles" USING gin ("published_title" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "kb_categories_slug" ON "kb_categories" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE INDEX "kb_categories_parent" ON "kb_categories" USING btree ("workspace_id","parent_id","position");--> statement-breakpoint
CREATE INDEX "kb_feedback_article" ON "kb_feedback" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_feedback_moderation" ON "kb_feedback" USING btree ("workspace_id","moderation","created_at");--> statement-breakpoint
CREATE INDEX "kb_reviews_article" ON "kb_reviews" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_searches_time" ON "kb_searches" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_searches_normalized" ON "kb_searches" USING btree ("workspace_id","normalized");--> statement-breakpoint
CREATE INDEX "kb_views_article" ON "kb_views" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_views_user" ON "kb_views" USING btree ("workspace_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "kb_views_visitor" ON "kb_views" USING btree ("workspace_id","visitor_key","created_at");--> statement-breakpoint
CREATE INDEX "kb_views_time" ON "kb_views" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_created" ON "notifications" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_user_unread" ON "notifications" USING btree ("user_id","created_at") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "tickets_conversation_search" ON "tickets" USING gin ("conversation_vector");--> statement-breakpoint
-- Hand-written (keep when squashing): ticket numbers join the ticket's own search vector, so "42"
-- or "#42" finds ticket 42. Runs before the conversation backfill below, which starts from it.
UPDATE "tickets" SET "search_vector" = to_tsvector('simple', "number"::text) || coalesce("search_vector", ''::tsvector);--> statement-breakpoint
-- Hand-written (keep when squashing): the conversation vector's append rule and its backfill.
-- acc || add, unless that could pass tsvector's 1 MB limit: then both without positions (words
-- still match, phrases no longer), and when even that is too big, acc unchanged. Sizes are taken
-- of uncompressed copies (`|| ''`): pg_column_size of a stored value is its compressed size.
CREATE OR REPLACE FUNCTION conversation_append(acc tsvector, add tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN pg_column_size(x.a) + pg_column_size(x.b) < 1000000 THEN x.a || x.b
    WHEN pg_column_size(strip(x.a)) + pg_column_size(strip(x.b)) < 1000000 THEN strip(x.a) || strip(x.b)
    ELSE x.a
  END
  FROM (SELECT coalesce(acc, '') || ''::tsvector AS a, coalesce(add, '') || ''::tsvector AS b) x
$$;--> statement-breakpoint
CREATE OR REPLACE AGGREGATE conversation_agg(tsvector) (SFUNC = conversation_append, STYPE = tsvector, INITCOND = '');--> statement-breakpoint
-- The ticket's own words (A), then every message's document (D) in conversation order.
UPDATE "tickets" t SET "conversation_vector" = (
  SELECT conversation_agg(p.v ORDER BY p.k) FROM (
    SELECT 0 AS k, setweight(coalesce(t.search_vector, ''), 'A') AS v
    UNION ALL
    SELECT m.seq, setweight(m.search_vector, 'D') FROM "messages" m WHERE m.ticket_id = t.id AND m.search_vector IS NOT NULL
  ) p);
