-- CreateTable
CREATE TABLE "campaign_events" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "from_status" "campaign_status",
    "to_status" "campaign_status",
    "user_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB,

    CONSTRAINT "campaign_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campaign_events_campaign_id_at_idx" ON "campaign_events"("campaign_id", "at");
