-- CreateEnum
CREATE TYPE "ration_category" AS ENUM ('antyodaya', 'priority', 'single_destitute', 'disabled', 'general', 'none');

-- CreateEnum
CREATE TYPE "gender" AS ENUM ('female', 'male', 'other');

-- CreateEnum
CREATE TYPE "relation" AS ENUM ('head', 'spouse', 'son', 'daughter', 'father', 'mother', 'son_in_law', 'daughter_in_law', 'grandson', 'granddaughter', 'brother', 'sister', 'other');

-- CreateEnum
CREATE TYPE "language" AS ENUM ('hi', 'cg', 'en');

-- CreateEnum
CREATE TYPE "office_level" AS ENUM ('state', 'district', 'block');

-- CreateEnum
CREATE TYPE "enrolment_status" AS ENUM ('active', 'suspended', 'closed');

-- CreateEnum
CREATE TYPE "payment_status" AS ENUM ('credited', 'failed', 'pending');

-- CreateEnum
CREATE TYPE "application_status" AS ENUM ('submitted', 'under_verification', 'pending_documents', 'approved', 'rejected', 'issued');

-- CreateEnum
CREATE TYPE "grievance_channel" AS ENUM ('helpline', 'ivr_voice', 'campaign', 'walk_in', 'web');

-- CreateEnum
CREATE TYPE "grievance_status" AS ENUM ('registered', 'in_progress', 'escalated', 'resolved', 'closed', 'reopened');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('agent', 'supervisor', 'officer', 'admin');

-- CreateEnum
CREATE TYPE "agent_state" AS ENUM ('offline', 'ready', 'not_ready', 'reserved', 'on_call', 'wrap_up');

-- CreateEnum
CREATE TYPE "call_direction" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "telephony_provider" AS ENUM ('sim', 'ari', 'twilio');

-- CreateEnum
CREATE TYPE "campaign_status" AS ENUM ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "dial_mode" AS ENUM ('preview', 'progressive', 'predictive', 'ivr');

-- CreateEnum
CREATE TYPE "contact_status" AS ENUM ('pending', 'dialing', 'in_progress', 'completed', 'partial', 'refused', 'wrong_person', 'unreachable', 'dnd', 'abandoned', 'cancelled');

-- CreateTable
CREATE TABLE "districts" (
    "lgd_code" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "name_lgd" TEXT NOT NULL,
    "division" TEXT NOT NULL,
    "hq_name" TEXT NOT NULL,
    "hq_name_hi" TEXT NOT NULL,
    "hq_lat" DOUBLE PRECISION,
    "hq_lon" DOUBLE PRECISION,

    CONSTRAINT "districts_pkey" PRIMARY KEY ("lgd_code")
);

-- CreateTable
CREATE TABLE "blocks" (
    "id" SERIAL NOT NULL,
    "lgd_code" INTEGER NOT NULL,
    "district_code" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "name_lgd" TEXT NOT NULL,
    "name_hi_lgd" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "hq_lat" DOUBLE PRECISION,
    "hq_lon" DOUBLE PRECISION,

    CONSTRAINT "blocks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "households" (
    "id" SERIAL NOT NULL,
    "card_number" TEXT NOT NULL,
    "ration_category" "ration_category" NOT NULL,
    "address" TEXT NOT NULL,
    "village" TEXT NOT NULL,
    "pincode" TEXT,
    "district_code" INTEGER NOT NULL,
    "block_id" INTEGER NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "households_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "residents" (
    "id" SERIAL NOT NULL,
    "household_id" INTEGER NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "gender" "gender" NOT NULL,
    "birth_date" DATE NOT NULL,
    "relation" "relation" NOT NULL,
    "mobile" TEXT,
    "language" "language" NOT NULL DEFAULT 'hi',
    "contact_consent" BOOLEAN NOT NULL DEFAULT true,
    "dnd" BOOLEAN NOT NULL DEFAULT false,
    "aadhaar_hash" TEXT,
    "aadhaar_last4" CHAR(4),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "residents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "departments" (
    "code" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "helpline_tier" TEXT NOT NULL,
    "citizen_services" TEXT NOT NULL,

    CONSTRAINT "departments_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "offices" (
    "id" SERIAL NOT NULL,
    "department_code" TEXT NOT NULL,
    "level" "office_level" NOT NULL,
    "district_code" INTEGER,
    "block_id" INTEGER,
    "name" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "phone" TEXT,

    CONSTRAINT "offices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schemes" (
    "code" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "beneficiaries" TEXT NOT NULL,
    "benefit_summary" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "monthly_amount_paise" INTEGER,

    CONSTRAINT "schemes_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "enrolments" (
    "id" SERIAL NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "scheme_code" TEXT NOT NULL,
    "beneficiary_id" TEXT NOT NULL,
    "status" "enrolment_status" NOT NULL DEFAULT 'active',
    "enrolled_on" DATE NOT NULL,

    CONSTRAINT "enrolments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "benefit_payments" (
    "id" SERIAL NOT NULL,
    "enrolment_id" INTEGER NOT NULL,
    "period" DATE NOT NULL,
    "amount_paise" INTEGER NOT NULL,
    "status" "payment_status" NOT NULL,
    "failure_reason" TEXT,
    "paid_on" DATE,
    "reference" TEXT,

    CONSTRAINT "benefit_payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_types" (
    "code" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "sla_days" INTEGER NOT NULL,

    CONSTRAINT "service_types_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "service_applications" (
    "id" SERIAL NOT NULL,
    "application_no" TEXT NOT NULL,
    "service_code" TEXT NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "office_id" INTEGER,
    "status" "application_status" NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "expected_by" DATE NOT NULL,
    "next_step" TEXT,

    CONSTRAINT "service_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_events" (
    "id" SERIAL NOT NULL,
    "application_id" INTEGER NOT NULL,
    "status" "application_status" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "application_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "facility_types" (
    "code" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "department_code" TEXT,

    CONSTRAINT "facility_types_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "facilities" (
    "id" SERIAL NOT NULL,
    "type_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_local" TEXT,
    "district_code" INTEGER,
    "block_id" INTEGER,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "synthetic" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "external_ref" TEXT,
    "coord_quality" TEXT,

    CONSTRAINT "facilities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grievance_categories" (
    "code" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "deadline_days" INTEGER NOT NULL,
    "related_schemes" TEXT[],

    CONSTRAINT "grievance_categories_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "grievances" (
    "id" SERIAL NOT NULL,
    "docket_no" TEXT NOT NULL,
    "category_code" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "office_id" INTEGER NOT NULL,
    "district_code" INTEGER NOT NULL,
    "block_id" INTEGER,
    "resident_id" INTEGER,
    "household_id" INTEGER,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "complainant_name" TEXT,
    "complainant_phone" TEXT,
    "description" TEXT NOT NULL,
    "channel" "grievance_channel" NOT NULL,
    "status" "grievance_status" NOT NULL DEFAULT 'registered',
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "call_id" UUID,
    "campaign_id" INTEGER,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "grievances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grievance_events" (
    "id" SERIAL NOT NULL,
    "grievance_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "from_status" "grievance_status",
    "to_status" "grievance_status",
    "note" TEXT,
    "actor_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB,

    CONSTRAINT "grievance_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "docket_counters" (
    "year" INTEGER NOT NULL,
    "last_value" INTEGER NOT NULL,

    CONSTRAINT "docket_counters_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "department_code" TEXT,
    "district_code" INTEGER,
    "office_id" INTEGER,
    "languages" "language"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_sessions" (
    "id" UUID NOT NULL,
    "user_id" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_state_events" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "state" "agent_state" NOT NULL,
    "reason" TEXT,
    "call_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_state_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queues" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "language" "language",
    "department_code" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "service_level_seconds" INTEGER NOT NULL DEFAULT 20,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "queues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calls" (
    "id" UUID NOT NULL,
    "direction" "call_direction" NOT NULL,
    "provider" "telephony_provider" NOT NULL,
    "provider_call_id" TEXT,
    "from_number" TEXT NOT NULL,
    "to_number" TEXT NOT NULL,
    "resident_id" INTEGER,
    "household_id" INTEGER,
    "queue_id" INTEGER,
    "agent_id" INTEGER,
    "campaign_id" INTEGER,
    "campaign_contact_id" INTEGER,
    "offered_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "bridged_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "hangup_cause" TEXT,
    "q850_code" INTEGER,
    "ivr_path" JSONB,
    "disposition" TEXT,
    "notes" TEXT,

    CONSTRAINT "calls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_events" (
    "id" SERIAL NOT NULL,
    "call_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB,

    CONSTRAINT "call_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" "campaign_status" NOT NULL DEFAULT 'draft',
    "mode" "dial_mode" NOT NULL,
    "scheme_code" TEXT,
    "survey_id" INTEGER,
    "queue_id" INTEGER,
    "caller_id" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "window_start" TEXT NOT NULL DEFAULT '09:00',
    "window_end" TEXT NOT NULL DEFAULT '21:00',
    "holidays" DATE[],
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "retry_policy" JSONB NOT NULL,
    "abandon_cap_pct" DOUBLE PRECISION NOT NULL DEFAULT 3,
    "sampling" JSONB NOT NULL,
    "seed" INTEGER NOT NULL,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_contacts" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "enrolment_id" INTEGER,
    "stratum" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "status" "contact_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_outcome" TEXT,
    "last_abandon_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaign_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_attempts" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "contact_id" INTEGER NOT NULL,
    "attempt_no" INTEGER NOT NULL,
    "call_id" UUID,
    "agent_id" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "outcome" TEXT,

    CONSTRAINT "campaign_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_contact_events" (
    "id" SERIAL NOT NULL,
    "contact_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "from_status" "contact_status",
    "to_status" "contact_status",
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB,

    CONSTRAINT "campaign_contact_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "surveys" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "title" TEXT NOT NULL,
    "title_hi" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "surveys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_responses" (
    "id" SERIAL NOT NULL,
    "survey_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "contact_id" INTEGER,
    "call_id" UUID,
    "resident_id" INTEGER,
    "question_key" TEXT NOT NULL,
    "answer" JSONB NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" SERIAL NOT NULL,
    "actor_id" INTEGER,
    "actor_role" "role",
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "call_id" UUID,
    "ip" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "details" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "blocks_lgd_code_idx" ON "blocks"("lgd_code");

-- CreateIndex
CREATE UNIQUE INDEX "blocks_district_code_lgd_code_key" ON "blocks"("district_code", "lgd_code");

-- CreateIndex
CREATE UNIQUE INDEX "households_card_number_key" ON "households"("card_number");

-- CreateIndex
CREATE INDEX "households_district_code_block_id_idx" ON "households"("district_code", "block_id");

-- CreateIndex
CREATE INDEX "residents_household_id_idx" ON "residents"("household_id");

-- CreateIndex
CREATE INDEX "residents_mobile_idx" ON "residents"("mobile");

-- CreateIndex
CREATE INDEX "residents_aadhaar_last4_idx" ON "residents"("aadhaar_last4");

-- CreateIndex
CREATE INDEX "offices_department_code_district_code_idx" ON "offices"("department_code", "district_code");

-- CreateIndex
CREATE INDEX "enrolments_household_id_idx" ON "enrolments"("household_id");

-- CreateIndex
CREATE INDEX "enrolments_resident_id_idx" ON "enrolments"("resident_id");

-- CreateIndex
CREATE UNIQUE INDEX "enrolments_scheme_code_beneficiary_id_key" ON "enrolments"("scheme_code", "beneficiary_id");

-- CreateIndex
CREATE INDEX "benefit_payments_enrolment_id_period_idx" ON "benefit_payments"("enrolment_id", "period");

-- CreateIndex
CREATE UNIQUE INDEX "service_applications_application_no_key" ON "service_applications"("application_no");

-- CreateIndex
CREATE INDEX "service_applications_household_id_idx" ON "service_applications"("household_id");

-- CreateIndex
CREATE INDEX "service_applications_resident_id_idx" ON "service_applications"("resident_id");

-- CreateIndex
CREATE INDEX "application_events_application_id_at_idx" ON "application_events"("application_id", "at");

-- CreateIndex
CREATE INDEX "facilities_type_code_idx" ON "facilities"("type_code");

-- CreateIndex
CREATE INDEX "facilities_district_code_idx" ON "facilities"("district_code");

-- CreateIndex
CREATE INDEX "grievance_categories_department_code_idx" ON "grievance_categories"("department_code");

-- CreateIndex
CREATE UNIQUE INDEX "grievances_docket_no_key" ON "grievances"("docket_no");

-- CreateIndex
CREATE INDEX "grievances_household_id_idx" ON "grievances"("household_id");

-- CreateIndex
CREATE INDEX "grievances_resident_id_idx" ON "grievances"("resident_id");

-- CreateIndex
CREATE INDEX "grievances_office_id_status_idx" ON "grievances"("office_id", "status");

-- CreateIndex
CREATE INDEX "grievances_department_code_district_code_status_idx" ON "grievances"("department_code", "district_code", "status");

-- CreateIndex
CREATE INDEX "grievances_due_at_idx" ON "grievances"("due_at");

-- CreateIndex
CREATE INDEX "grievance_events_grievance_id_at_idx" ON "grievance_events"("grievance_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "auth_sessions_token_hash_key" ON "auth_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "auth_sessions_user_id_idx" ON "auth_sessions"("user_id");

-- CreateIndex
CREATE INDEX "agent_state_events_user_id_at_idx" ON "agent_state_events"("user_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "queues_code_key" ON "queues"("code");

-- CreateIndex
CREATE INDEX "calls_from_number_idx" ON "calls"("from_number");

-- CreateIndex
CREATE INDEX "calls_household_id_offered_at_idx" ON "calls"("household_id", "offered_at");

-- CreateIndex
CREATE INDEX "calls_agent_id_offered_at_idx" ON "calls"("agent_id", "offered_at");

-- CreateIndex
CREATE INDEX "calls_campaign_id_idx" ON "calls"("campaign_id");

-- CreateIndex
CREATE INDEX "calls_provider_call_id_idx" ON "calls"("provider_call_id");

-- CreateIndex
CREATE INDEX "calls_offered_at_idx" ON "calls"("offered_at");

-- CreateIndex
CREATE INDEX "call_events_call_id_at_idx" ON "call_events"("call_id", "at");

-- CreateIndex
CREATE INDEX "campaigns_status_idx" ON "campaigns"("status");

-- CreateIndex
CREATE INDEX "campaign_contacts_campaign_id_status_next_attempt_at_idx" ON "campaign_contacts"("campaign_id", "status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "campaign_contacts_resident_id_idx" ON "campaign_contacts"("resident_id");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_contacts_campaign_id_household_id_key" ON "campaign_contacts"("campaign_id", "household_id");

-- CreateIndex
CREATE INDEX "campaign_attempts_campaign_id_started_at_idx" ON "campaign_attempts"("campaign_id", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_attempts_contact_id_attempt_no_key" ON "campaign_attempts"("contact_id", "attempt_no");

-- CreateIndex
CREATE INDEX "campaign_contact_events_contact_id_at_idx" ON "campaign_contact_events"("contact_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "surveys_code_version_key" ON "surveys"("code", "version");

-- CreateIndex
CREATE INDEX "survey_responses_campaign_id_question_key_idx" ON "survey_responses"("campaign_id", "question_key");

-- CreateIndex
CREATE INDEX "survey_responses_contact_id_idx" ON "survey_responses"("contact_id");

-- CreateIndex
CREATE UNIQUE INDEX "survey_responses_call_id_question_key_key" ON "survey_responses"("call_id", "question_key");

-- CreateIndex
CREATE INDEX "audit_log_subject_type_subject_id_at_idx" ON "audit_log"("subject_type", "subject_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- AddForeignKey
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "districts"("lgd_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "households" ADD CONSTRAINT "households_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "districts"("lgd_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "households" ADD CONSTRAINT "households_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "residents" ADD CONSTRAINT "residents_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offices" ADD CONSTRAINT "offices_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offices" ADD CONSTRAINT "offices_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "districts"("lgd_code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offices" ADD CONSTRAINT "offices_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schemes" ADD CONSTRAINT "schemes_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_scheme_code_fkey" FOREIGN KEY ("scheme_code") REFERENCES "schemes"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "benefit_payments" ADD CONSTRAINT "benefit_payments_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_types" ADD CONSTRAINT "service_types_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_service_code_fkey" FOREIGN KEY ("service_code") REFERENCES "service_types"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_applications" ADD CONSTRAINT "service_applications_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "service_applications"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "facility_types" ADD CONSTRAINT "facility_types_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_type_code_fkey" FOREIGN KEY ("type_code") REFERENCES "facility_types"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "districts"("lgd_code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievance_categories" ADD CONSTRAINT "grievance_categories_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "grievance_categories"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "districts"("lgd_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievance_events" ADD CONSTRAINT "grievance_events_grievance_id_fkey" FOREIGN KEY ("grievance_id") REFERENCES "grievances"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grievance_events" ADD CONSTRAINT "grievance_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "districts"("lgd_code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "offices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_state_events" ADD CONSTRAINT "agent_state_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queues" ADD CONSTRAINT "queues_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "queues"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_campaign_contact_id_fkey" FOREIGN KEY ("campaign_contact_id") REFERENCES "campaign_contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_events" ADD CONSTRAINT "call_events_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_scheme_code_fkey" FOREIGN KEY ("scheme_code") REFERENCES "schemes"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "queues"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_contacts" ADD CONSTRAINT "campaign_contacts_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_contacts" ADD CONSTRAINT "campaign_contacts_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_contacts" ADD CONSTRAINT "campaign_contacts_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_contacts" ADD CONSTRAINT "campaign_contacts_enrolment_id_fkey" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_attempts" ADD CONSTRAINT "campaign_attempts_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_attempts" ADD CONSTRAINT "campaign_attempts_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "campaign_contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_attempts" ADD CONSTRAINT "campaign_attempts_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_attempts" ADD CONSTRAINT "campaign_attempts_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_contact_events" ADD CONSTRAINT "campaign_contact_events_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "campaign_contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "campaign_contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Indexes Prisma's schema language cannot express
-- Prefix search on resident names (LIKE 'x%'). The database collation is C.UTF-8, which the
-- planner does not treat as C, so a plain btree cannot serve LIKE: text_pattern_ops is needed.
-- Declared in src/schema-drift.ts (allowedExtraIndexes) so the drift test accepts them.
CREATE INDEX residents_name_en_prefix_idx ON residents (lower(name_en) text_pattern_ops);
CREATE INDEX residents_name_hi_prefix_idx ON residents (name_hi text_pattern_ops);
