-- CreateEnum
CREATE TYPE "beneficiary_import_status" AS ENUM ('processing', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "beneficiary_import_outcome" AS ENUM ('matched', 'ambiguous', 'unmatched', 'rejected');

-- CreateTable
CREATE TABLE "beneficiary_imports" (
    "id" SERIAL NOT NULL,
    "scheme_code" TEXT NOT NULL,
    "file_sha256" CHAR(64),
    "file_name" TEXT NOT NULL,
    "status" "beneficiary_import_status" NOT NULL DEFAULT 'processing',
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "matched_rows" INTEGER NOT NULL DEFAULT 0,
    "ambiguous_rows" INTEGER NOT NULL DEFAULT 0,
    "unmatched_rows" INTEGER NOT NULL DEFAULT 0,
    "rejected_rows" INTEGER NOT NULL DEFAULT 0,
    "reason_counts" JSONB NOT NULL DEFAULT '{}',
    "columns" JSONB,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "beneficiary_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "beneficiary_import_rows" (
    "import_id" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "beneficiary_id" TEXT,
    "name" TEXT,
    "father_or_husband_name" TEXT,
    "gender" "gender",
    "birth_year" INTEGER,
    "district_code" INTEGER,
    "block_id" INTEGER,
    "village" TEXT,
    "mobile" TEXT,
    "outcome" "beneficiary_import_outcome" NOT NULL,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "match_method" TEXT,
    "candidate_count" INTEGER NOT NULL DEFAULT 0,
    "resident_id" INTEGER,
    "enrolment_id" INTEGER,

    CONSTRAINT "beneficiary_import_rows_pkey" PRIMARY KEY ("import_id","line")
);

-- CreateIndex
CREATE INDEX "beneficiary_imports_scheme_code_file_sha256_idx" ON "beneficiary_imports"("scheme_code", "file_sha256");

-- CreateIndex
CREATE INDEX "beneficiary_import_rows_import_id_outcome_idx" ON "beneficiary_import_rows"("import_id", "outcome");

-- AddForeignKey
ALTER TABLE "beneficiary_import_rows" ADD CONSTRAINT "beneficiary_import_rows_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "beneficiary_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;
