-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('PROVINCE', 'DISTRICT', 'COMMUNE', 'PARTY_CELL', 'VILLAGE', 'AGENCY', 'MASS_ORGANISATION');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('CONFERENCE', 'THEMATIC_SESSION', 'PARTY_CELL_MEETING', 'STUDY_SESSION', 'OUTREACH');

-- CreateEnum
CREATE TYPE "ModelSector" AS ENUM ('ECONOMY', 'CULTURE_SOCIETY', 'SECURITY_ORDER', 'PARTY_BUILDING', 'ENVIRONMENT');

-- CreateEnum
CREATE TYPE "ModelLevel" AS ENUM ('PARTY_CELL', 'COMMUNE', 'DISTRICT', 'PROVINCE');

-- CreateEnum
CREATE TYPE "LeadOrganisation" AS ENUM ('PARTY_COMMITTEE', 'GOVERNMENT', 'FATHERLAND_FRONT', 'WOMEN_UNION', 'FARMERS_UNION', 'YOUTH_UNION', 'VETERANS_ASSOCIATION', 'OTHER');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('REGISTERED', 'MAINTAINED', 'REPLICATED', 'DISCONTINUED');

-- CreateEnum
CREATE TYPE "CommitmentKind" AS ENUM ('INITIATIVE', 'PLEDGE');

-- CreateEnum
CREATE TYPE "CommitmentStatus" AS ENUM ('REGISTERED', 'COMPLETED', 'REPLICATED');

-- CreateEnum
CREATE TYPE "RecipientKind" AS ENUM ('COLLECTIVE', 'INDIVIDUAL');

-- CreateEnum
CREATE TYPE "AwardLevel" AS ENUM ('NATIONAL', 'PROVINCE', 'DISTRICT', 'COMMUNE');

-- CreateEnum
CREATE TYPE "AwardForm" AS ENUM ('ORDER', 'CERTIFICATE_OF_MERIT', 'COMMENDATION', 'EMULATION_TITLE', 'EXEMPLARY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'REPORTER', 'VIEWER', 'ANALYST');

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "parentId" INTEGER,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "partyMembers" INTEGER NOT NULL DEFAULT 0,
    "population" INTEGER,
    "activeFrom" DATE,
    "activeUntil" DATE,
    "successorId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitClosure" (
    "ancestorId" INTEGER NOT NULL,
    "descendantId" INTEGER NOT NULL,
    "distance" INTEGER NOT NULL,

    CONSTRAINT "UnitClosure_pkey" PRIMARY KEY ("ancestorId","descendantId")
);

-- CreateTable
CREATE TABLE "Theme" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "Theme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "themeId" INTEGER,
    "kind" "ActivityKind" NOT NULL,
    "title" TEXT NOT NULL,
    "occurredOn" DATE NOT NULL,
    "sessions" INTEGER NOT NULL DEFAULT 1,
    "attendance" INTEGER NOT NULL,
    "notes" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sector" "ModelSector" NOT NULL,
    "level" "ModelLevel" NOT NULL,
    "programme" TEXT,
    "leadOrganisation" "LeadOrganisation" NOT NULL,
    "startedOn" DATE NOT NULL,
    "status" "ModelStatus" NOT NULL,
    "description" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelStatusChange" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "status" "ModelStatus" NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelContribution" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "recordedOn" DATE NOT NULL,
    "participants" INTEGER NOT NULL DEFAULT 0,
    "moneyVnd" BIGINT NOT NULL DEFAULT 0,
    "landM2" INTEGER NOT NULL DEFAULT 0,
    "workdays" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelContribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "CommitmentKind" NOT NULL,
    "title" TEXT NOT NULL,
    "status" "CommitmentStatus" NOT NULL DEFAULT 'REGISTERED',
    "registeredOn" DATE NOT NULL,
    "completedOn" DATE,
    "replicatedOn" DATE,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Award" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "recipientKind" "RecipientKind" NOT NULL,
    "recipientName" TEXT,
    "recipientCount" INTEGER NOT NULL DEFAULT 1,
    "level" "AwardLevel" NOT NULL,
    "form" "AwardForm" NOT NULL,
    "issuer" TEXT,
    "awardedOn" DATE NOT NULL,
    "reason" TEXT,
    "themeId" INTEGER,
    "modelId" INTEGER,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Award_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unitId" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "userId" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotentWrite" (
    "key" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "operation" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotentWrite_pkey" PRIMARY KEY ("userId","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_kind_idx" ON "Unit"("kind");

-- CreateIndex
CREATE INDEX "Unit_successorId_idx" ON "Unit"("successorId");

-- CreateIndex
CREATE INDEX "UnitClosure_descendantId_distance_idx" ON "UnitClosure"("descendantId", "distance");

-- CreateIndex
CREATE UNIQUE INDEX "Theme_year_key" ON "Theme"("year");

-- CreateIndex
CREATE INDEX "Activity_unitId_occurredOn_idx" ON "Activity"("unitId", "occurredOn");

-- CreateIndex
CREATE INDEX "Activity_occurredOn_idx" ON "Activity"("occurredOn");

-- CreateIndex
CREATE INDEX "Activity_themeId_idx" ON "Activity"("themeId");

-- CreateIndex
CREATE INDEX "Model_unitId_startedOn_idx" ON "Model"("unitId", "startedOn");

-- CreateIndex
CREATE INDEX "Model_sector_idx" ON "Model"("sector");

-- CreateIndex
CREATE INDEX "Model_programme_idx" ON "Model"("programme");

-- CreateIndex
CREATE INDEX "ModelStatusChange_modelId_effectiveOn_idx" ON "ModelStatusChange"("modelId", "effectiveOn");

-- CreateIndex
CREATE INDEX "ModelContribution_modelId_recordedOn_idx" ON "ModelContribution"("modelId", "recordedOn");

-- CreateIndex
CREATE INDEX "Commitment_unitId_year_idx" ON "Commitment"("unitId", "year");

-- CreateIndex
CREATE INDEX "Commitment_year_idx" ON "Commitment"("year");

-- CreateIndex
CREATE INDEX "Award_unitId_awardedOn_idx" ON "Award"("unitId", "awardedOn");

-- CreateIndex
CREATE INDEX "Award_awardedOn_idx" ON "Award"("awardedOn");

-- CreateIndex
CREATE INDEX "Award_themeId_idx" ON "Award"("themeId");

-- CreateIndex
CREATE INDEX "Award_modelId_idx" ON "Award"("modelId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitClosure" ADD CONSTRAINT "UnitClosure_ancestorId_fkey" FOREIGN KEY ("ancestorId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitClosure" ADD CONSTRAINT "UnitClosure_descendantId_fkey" FOREIGN KEY ("descendantId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelStatusChange" ADD CONSTRAINT "ModelStatusChange_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelContribution" ADD CONSTRAINT "ModelContribution_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
