-- CreateEnum
CREATE TYPE "callback_status" AS ENUM ('pending', 'dialing', 'completed', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "grievances" ADD COLUMN     "voice_message_uri" TEXT;

-- CreateTable
CREATE TABLE "callbacks" (
    "id" SERIAL NOT NULL,
    "phone" TEXT NOT NULL,
    "call_id" UUID,
    "queue_code" TEXT NOT NULL,
    "status" "callback_status" NOT NULL DEFAULT 'pending',
    "waiting_since" TIMESTAMPTZ(3) NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "callbacks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "callbacks_queue_code_status_waiting_since_idx" ON "callbacks"("queue_code", "status", "waiting_since");

-- CreateIndex
CREATE INDEX "callbacks_phone_status_idx" ON "callbacks"("phone", "status");

-- CreateIndex
CREATE INDEX "callbacks_call_id_idx" ON "callbacks"("call_id");

-- AddForeignKey
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_queue_code_fkey" FOREIGN KEY ("queue_code") REFERENCES "queues"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
