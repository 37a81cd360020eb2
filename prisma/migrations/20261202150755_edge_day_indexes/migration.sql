-- CreateIndex
CREATE INDEX "Commitment_registeredOn_idx" ON "Commitment"("registeredOn");

-- CreateIndex
CREATE INDEX "ModelContribution_recordedOn_idx" ON "ModelContribution"("recordedOn");
