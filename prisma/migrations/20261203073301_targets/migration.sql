-- CreateEnum
CREATE TYPE "TargetDirection" AS ENUM ('AT_LEAST', 'AT_MOST');

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "measure" TEXT NOT NULL,
    "level" "UnitKind" NOT NULL,
    "sector" "ModelSector",
    "value" DOUBLE PRECISION NOT NULL,
    "direction" "TargetDirection" NOT NULL DEFAULT 'AT_LEAST',
    "setById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Target_measure_level_idx" ON "Target"("measure", "level");

-- CreateIndex
CREATE UNIQUE INDEX "Target_unitId_measure_level_sector_key" ON "Target"("unitId", "measure", "level", "sector");

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
